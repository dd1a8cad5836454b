import { AsyncLocalStorage, executionAsyncId } from 'node:async_hooks';
import { startNodeServer } from '../../src/runtime/node-server';

/**
 * Run in a process of its own (the test runner may use async hooks itself): starts the server,
 * opens pages that render JSX, then tells whether promises carry async ids (they do only while
 * async hooks are on). The last line is a control: switching them on must show.
 */
async function hooksOn(): Promise<boolean> {
  await null;
  const a = executionAsyncId();
  await null;
  return executionAsyncId() !== a;
}

const server = await startNodeServer({ port: 0, host: '127.0.0.1', dbFile: ':memory:', adminToken: 'probe-admin-key-0123456789' });
const pages = await Promise.all(['/b', '/b?code=nonsense', '/staff/login', '/'].map((p) => fetch(server.url + p).then((r) => r.status)));
const afterPages = await hooksOn();
await server.close();
new AsyncLocalStorage().run(1, () => {});
console.log(JSON.stringify({ pages, afterPages, control: await hooksOn() }));
