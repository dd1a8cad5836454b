import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` runs a bundle of the Node server rather than TypeScript through tsx: the loader
 * alone costs ~50 MB of memory on a small VPS. Packages stay in node_modules; only our code is
 * bundled. The bundle sits two levels below the root, as src/runtime/node.ts does, so the paths
 * it resolves from import.meta.url (db/migrations, the writer thread) land where they should.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/runtime`;
mkdirSync(out, { recursive: true });
// The server, and the worker that parses uploaded sheets under a memory cap (loaded by path beside it).
for (const entry of ['node', 'sheet-worker']) await build({
  entryPoints: [`${root}src/runtime/${entry}.ts`],
  outfile: `${out}/${entry}.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  logLevel: 'warning',
});
// The writer thread is plain JavaScript loaded by path, next to the code that starts it.
for (const file of ['ballot-writer-thread.js', 'ballot-batch.js', 'history.js', 'vacancies.js']) copyFileSync(`${root}src/store/${file}`, `${out}/${file}`);
