import { createApp } from '../http/app';
import { workerPlatform } from './worker-platform';

/**
 * `wrangler dev` / `wrangler deploy`: the same Hono app as `npm start`, over D1. The live
 * turnout stream polls D1 once a second rather than ten times: every query counts against the
 * request's subrequest budget and is billed by rows read. A stream ends after 4 minutes and the
 * browser reconnects, so one stream request stays near 500 queries.
 */
export default createApp(workerPlatform, {
  turnout: { pollMs: 1000, minGapMs: 500, recheckMs: 5000, lifetimeMs: 4 * 60_000 },
});
