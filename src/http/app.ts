import { Hono } from 'hono';
import { assetRoutes } from '../../web/assets/index';
import { bodyLimits } from './body';
import type { AppEnv, Platform } from './env';
import { notFound, onError } from './errors';
import { securityHeaders } from './security';
import { ballotRoutes, paperBallotRoutes } from './routes/ballots';
import { meetingRoutes } from './routes/meetings';
import { resultRoutes } from './routes/results';
import { satisfactionRoutes } from './routes/satisfaction';
import { userRoutes } from './routes/users';
import { voterPages } from './routes/voter-pages';
import { Throttle } from './throttle';

export interface AppOptions {
  /** Failed token look-ups allowed per address per minute before a pause. */
  throttleLimit?: number;
}

/** One app for both runtimes; the platform says where the store and config come from. */
export function createApp(platform: Platform, options: AppOptions = {}) {
  const throttle = new Throttle({ limit: options.throttleLimit ?? 20, windowMs: 60_000, blockMs: 5 * 60_000 });
  // Not strict: a typed or printed address with a trailing slash (/b/) still finds its page.
  const app = new Hono<AppEnv>({ strict: false });
  app.onError(onError);
  app.notFound(notFound);
  app.use(securityHeaders());
  app.use(async (c, next) => {
    c.set('platform', platform);
    c.set('throttle', throttle);
    c.set('services', { store: platform.store(c), config: platform.config(c), sha256: platform.sha256 });
    await next();
  });
  app.use(bodyLimits());
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/assets', assetRoutes);
  app.route('/api/meetings', meetingRoutes);
  app.route('/api/meetings', resultRoutes);
  app.route('/api/meetings', paperBallotRoutes);
  app.route('/api/ballots', ballotRoutes);
  app.route('/api/users', userRoutes);
  app.route('/api', satisfactionRoutes);
  app.route('/b', voterPages);
  return app;
}

export type App = ReturnType<typeof createApp>;
