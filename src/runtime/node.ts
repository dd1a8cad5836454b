import { parseNodeEnv, type NodeSettings } from './env';
import { startNodeServer, type RunningServer } from './node-server';
import { StartupError } from './startup-checks';

// `npm start`: the product on one machine, an embedded SQLite file, nothing to set up.
let settings: NodeSettings;
try {
  settings = parseNodeEnv(process.env);
} catch (err) {
  // A bad setting is the operator's to fix: one line saying which, not a stack trace.
  console.error(`minping: refusing to start: ${(err as Error).message}`);
  process.exit(1);
}
let server: RunningServer;
try {
  server = await startNodeServer(settings);
} catch (err) {
  // A reason not to start (corrupt file, busy port) is one line that says what to do.
  if (!(err instanceof StartupError)) throw err;
  console.error(err.message);
  process.exit(err.exitCode);
}
console.log(`minping 民评 serving on ${server.url}  (database: ${settings.dbFile}, QR links: ${settings.publicUrl ?? (settings.trustProxy ? 'the address the proxy forwards' : server.url)})`);
if (server.bootstrapAdminKey) {
  console.log(`\nA fresh database: created an admin account. Its key, shown this once:\n\n  ${server.bootstrapAdminKey}\n\n(Lost it? \`npm run admin:key\` on this machine makes a new one.)\n`);
}
// SIGTERM (systemd, docker stop) and Ctrl-C: answer what was received, close the database, exit 0.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`minping: ${signal} — finishing requests in flight, then closing the database`);
    const force = setTimeout(() => {
      console.error('minping: stop took over 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    void server.close().then(
      () => {
        console.log('minping: stopped cleanly');
        process.exit(0);
      },
      (err) => {
        console.error(`minping: error while stopping: ${String(err?.message ?? err)}`);
        process.exit(1);
      },
    );
  });
}
