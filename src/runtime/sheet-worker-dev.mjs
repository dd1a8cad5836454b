// From source (tests, `npx tsx`), the sheet worker is TypeScript: load it through tsx here.
// The bundle (`npm start`) loads dist/runtime/sheet-worker.mjs directly instead.
import { tsImport } from 'tsx/esm/api';

await tsImport('./sheet-worker.ts', import.meta.url);
