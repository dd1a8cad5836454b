import { serve } from '@hono/node-server';
import { Hono } from 'hono';

// The ceiling: the same Node, the same HTTP adapter and router, no work at all.
const app = new Hono().get('/', (c) => c.text('hello'));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`hello serving on http://127.0.0.1:${info.port}`);
});
process.on('SIGTERM', () => {
  server.close();
  process.exit(0);
});
