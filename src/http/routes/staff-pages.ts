import { Hono } from 'hono';
import { requireRole, STAFF } from '../auth';
import { JSON_BYTES, limitBody } from '../body';
import type { AppEnv } from '../env';
import { pageError } from './staff/kit';
import { meetingPages } from './staff/meeting';
import { meetingListPages, newMeetingPages } from './staff/meetings';
import { paperPages } from './staff/paper';
import { signInPages } from './staff/sign-in';
import { userPages } from './staff/users';
import { meetingViews } from './staff/views';

/**
 * /staff: the supervisor's pages, server-rendered, working with JavaScript off. Everything but
 * the sign-in page needs a staff session (or key); forms carry the session's CSRF token, which
 * requireRole checks on every POST made with the cookie.
 */
export const staffPages = new Hono<AppEnv>()
  .onError(pageError)
  .use(limitBody(JSON_BYTES))
  .route('/', signInPages)
  .use(requireRole(STAFF))
  .get('/', (c) => c.redirect('/staff/meetings', 303))
  .route('/new-meeting', newMeetingPages)
  .route('/meetings', meetingListPages)
  .route('/meetings', meetingViews)
  .route('/meetings', meetingPages)
  .route('/meetings', paperPages)
  .route('/users', userPages);
