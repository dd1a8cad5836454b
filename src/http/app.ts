import { Hono } from 'hono';
import { assetRoutes } from '../../web/assets/index';
import type { AppEnv, Platform } from './env';
import { onError } from './errors';
import { landingPages, notFoundFor } from './routes/landing';
import { securityHeaders } from './security';
import { ballotRoutes, paperBallotRoutes } from './routes/ballots';
import { meetingRoutes } from './routes/meetings';
import { resultRoutes } from './routes/results';
import { resultsXlsxRoutes } from './routes/results-xlsx';
import { noticePages } from './routes/notice';
import { staffPages } from './routes/staff-pages';
import { streamRoutes, type StreamOptions } from './routes/stream';
import { TurnoutHub, type HubOptions } from '../services/turnout-hub';
import { satisfactionRoutes } from './routes/satisfaction';
import { seasonRoutes } from './routes/seasons';
import { seasonPublicPages } from './routes/season-pages';
import { seasonStaffPages } from './routes/staff/seasons';
import { scoringRoutes } from './routes/scoring';
import { scorerPages } from './routes/scorer-pages';
import { userRoutes } from './routes/users';
import { voterPages } from './routes/voter-pages';
import { Throttle } from './throttle';

export interface AppOptions {
  /** Failed token look-ups allowed per address per minute before a pause. */
  throttleLimit?: number;
  /** Live turnout stream timings (tests shorten the heartbeat). */
  turnout?: HubOptions & StreamOptions;
  /** The clock of time-bound steps (a season's notice period); tests pass their own. */
  clock?: () => Date;
}

/** One app for both runtimes; the platform says where the store and config come from. */
export function createApp(platform: Platform, options: AppOptions = {}) {
  const throttle = new Throttle({ limit: options.throttleLimit ?? 20, windowMs: 60_000, blockMs: 5 * 60_000 });
  // Not strict: a typed or printed address with a trailing slash (/b/) still finds its page.
  const app = new Hono<AppEnv>({ strict: false });
  // One hub per app instance (per process, per Workers isolate): one poller per watched meeting.
  const hub = new TurnoutHub(options.turnout);
  app.onError(onError);
  app.notFound(notFoundFor);
  app.use(securityHeaders());
  app.use(async (c, next) => {
    c.set('platform', platform);
    c.set('throttle', throttle);
    c.set('hub', hub);
    c.set('services', { store: platform.store(c), config: platform.config(c), sha256: platform.sha256, now: options.clock, sheets: platform.sheets });
    await next();
  });
  // A load balancer or a supervisor's check: 503 with the reason while the disk is full; and the
  // storage history a cleanup still owes (see store/history.js), while there is some.
  app.get('/healthz', async (c) => {
    const pending = await c.get('services').store.historyPending?.();
    const extra = pending ? { historyPending: pending } : {};
    return platform.storage?.state() === 'full' ? c.json({ ok: false, storage: 'full', ...extra }, 503) : c.json({ ok: true, storage: 'ok', ...extra });
  });
  app.route('/', landingPages);
  app.route('/assets', assetRoutes);
  app.route('/api/meetings', meetingRoutes);
  app.route('/api/meetings', resultRoutes);
  app.route('/api/meetings', paperBallotRoutes);
  app.route('/api/meetings', resultsXlsxRoutes);
  app.route('/api/meetings', streamRoutes(hub, options.turnout));
  app.route('/api/ballots', ballotRoutes);
  app.route('/api/users', userRoutes);
  app.route('/api', satisfactionRoutes);
  app.route('/api/scoring', scoringRoutes);
  app.route('/api/seasons', seasonRoutes);
  app.route('/b', voterPages);
  // Before /staff: the first body limit a request meets is its own (body.ts), and the scorer's
  // upload takes 10 MB where every other staff page takes 1 MB.
  app.route('/staff/scoring', scorerPages);
  app.route('/staff/seasons', seasonStaffPages);
  app.route('/staff', staffPages);
  app.route('/notice', noticePages);
  app.route('/seasons', seasonPublicPages);
  return app;
}

export type App = ReturnType<typeof createApp>;
