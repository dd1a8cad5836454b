import { join } from 'node:path';
import { parseNodeEnv } from '../src/runtime/env';
import { randomId } from '../src/lib/random';
import { applyLocalMigrations, ROOT, startLocalWorker } from './wrangler-local';

// `npm run dev:worker`: the Workers build on this machine — real workerd, a local D1 kept in
// .wrangler/state (wrangler's default, so `wrangler d1 execute DB --local` sees the same data).
const settings = parseNodeEnv(process.env);
const persistDir = join(ROOT, '.wrangler', 'state');
const adminToken = settings.adminToken ?? randomId(16);

await applyLocalMigrations(persistDir, (t) => process.stdout.write(t));
const worker = await startLocalWorker({
  port: settings.port,
  persistDir,
  vars: { MINPING_ADMIN_TOKEN: adminToken, MINPING_PUBLIC_URL: settings.publicUrl, MINPING_MIN_GROUP: String(settings.minGroup) },
  onOutput: (t) => process.stdout.write(t),
});
console.log(`\nminping 民评 (Workers + local D1) serving on ${worker.url}  (QR links: ${settings.publicUrl ?? worker.url})`);
if (!settings.adminToken) console.log(`No MINPING_ADMIN_TOKEN set: the admin key for this run is\n\n  ${adminToken}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void worker.stop().then(() => process.exit(0)));
}
worker.child.once('exit', (code) => process.exit(code ?? 0));
