import type { Context } from 'hono';
import { Hono } from 'hono';
import { HelpPage } from '../../../web/site/help-page';
import { LandingPage, NotFoundPage } from '../../../web/site/landing-page';
import type { AppEnv } from '../env';
import { notFound } from '../errors';
import { htmlPage } from '../html-page';

/** GET /: a page for voters and staff alike, never an error. */
export const landingPages = new Hono<AppEnv>()
  .get('/', (c) => htmlPage(c, <LandingPage />))
  .get('/help', (c) => htmlPage(c, <HelpPage />));

/** A browser asking for a page gets a page; /api and programs (no text/html in Accept) keep JSON. */
export function notFoundFor(c: Context) {
  const wantsPage = !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
  return wantsPage ? htmlPage(c, <NotFoundPage path={c.req.path} />, 404) : notFound(c);
}
