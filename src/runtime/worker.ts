import { createApp } from '../http/app';
import { workerPlatform } from './worker-platform';

// `wrangler dev` / `wrangler deploy`: the same Hono app as `npm start`, over D1.
export default createApp(workerPlatform);
