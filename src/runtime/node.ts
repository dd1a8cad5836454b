import { parseNodeEnv, type NodeSettings } from './env';
import { startNodeServer } from './node-server';

// `npm start`: the product on one machine, an embedded SQLite file, nothing to set up.
let settings: NodeSettings;
try {
  settings = parseNodeEnv(process.env);
} catch (err) {
  // A bad setting is the operator's to fix: one line saying which, not a stack trace.
  console.error(`minping: refusing to start: ${(err as Error).message}`);
  process.exit(1);
}
const server = await startNodeServer(settings);
console.log(`minping 民评 serving on ${server.url}  (database: ${settings.dbFile}, QR links: ${settings.publicUrl ?? server.url})`);
if (server.bootstrapAdminKey) {
  console.log(`\nA fresh database: created an admin account. Its key, shown this once:\n\n  ${server.bootstrapAdminKey}\n`);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void server.close().then(() => process.exit(0)));
}
