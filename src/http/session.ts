import { getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { randomId } from '../lib/random';
import { digestsEqual } from '../lib/sha256';
import type { SessionRow } from '../store/types';
import { readForm } from './body';
import type { C } from './env';
import { HttpError } from './http-error';

/**
 * Staff web sessions: a random 256-bit id in an HttpOnly, SameSite=Strict cookie; the database
 * keeps only its SHA-256 (sessions table), so sign-out and revoking a key end a session at once
 * on either runtime, and a copy of the database opens nothing. The cookie is scoped to the staff
 * pages and the meeting API the pages call from the browser (live stream, downloads): never `/`,
 * so it never travels with a ballot (/b, /api/ballots).
 */
const COOKIE = 'mp_session';
export const SESSION_PATHS = ['/staff', '/api/meetings'] as const;
const TTL_SECONDS = 12 * 60 * 60; // one long meeting day
const LOGIN_COOKIE = 'mp_login';
const LOGIN_PATH = '/staff/login';


const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;
const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;

function options(c: C, path: string, maxAge: number): CookieOptions {
  return { path, httpOnly: true, sameSite: 'Strict', secure: new URL(c.req.url).protocol === 'https:', maxAge };
}

const wellFormed = (v: string | undefined): string | null => (v && /^[0-9a-f]{64}$/.test(v) ? v : null);

/** Signs `userId` in: a new session row and its cookie on each path. */
export async function startSession(c: C, userId: string): Promise<void> {
  const { store, sha256 } = c.get('services');
  const raw = randomId(32);
  const now = Date.now();
  await store.createSession({
    hash: await sha256(raw),
    userId,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + TTL_SECONDS * 1000).toISOString(),
  });
  for (const path of SESSION_PATHS) setCookie(c, COOKIE, raw, options(c, path, TTL_SECONDS));
  setCookie(c, LOGIN_COOKIE, '', options(c, LOGIN_PATH, 0));
}

export async function endSession(c: C): Promise<void> {
  const raw = wellFormed(getCookie(c, COOKIE));
  if (raw) await c.get('services').store.deleteSession(await c.get('services').sha256(raw));
  for (const path of SESSION_PATHS) setCookie(c, COOKIE, '', options(c, path, 0));
}

/** The live session the request's cookie names, if any. */
export async function readSession(c: C): Promise<{ raw: string; row: SessionRow } | null> {
  const raw = wellFormed(getCookie(c, COOKIE));
  if (!raw) return null;
  const { store, sha256 } = c.get('services');
  const row = await store.sessionByHash(await sha256(raw), new Date().toISOString());
  return row ? { raw, row } : null;
}

/**
 * The session's CSRF token, derived from its id: nothing more to store, and the database (which
 * holds only the id's hash) cannot yield it.
 */
async function tokenFor(c: C, raw: string): Promise<string> {
  return c.get('services').sha256(`csrf:${raw}`);
}

/** For the hidden `_csrf` field of a page's forms; '' when the request has no session cookie. */
export async function csrfToken(c: C): Promise<string> {
  const raw = wellFormed(getCookie(c, COOKIE));
  return raw ? tokenFor(c, raw) : '';
}

const refused = () => new HttpError('csrf_failed');

/**
 * Fetch metadata and Origin, when the browser sends them, must say the request came from our own
 * pages. (Our pages set Referrer-Policy: no-referrer, so a form post's Origin is "null": only a
 * real origin is compared.)
 */
function refuseCrossSite(c: C): void {
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') throw refused();
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw refused();
    }
    if (host !== new URL(c.req.url).host) throw refused();
  }
}

/** The token a request carries: the X-CSRF-Token header (scripts) or the `_csrf` form field. */
async function sentToken(c: C): Promise<string | null> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  if (!FORM_TYPE.test(c.req.header('content-type') ?? '')) return null;
  try {
    return (await readForm(c)).flat()._csrf ?? null;
  } catch {
    return null; // no form at all: no token, refused below as any missing token is
  }
}

/** A request riding on the session cookie that changes anything must prove it came from our page. */
export async function checkCsrf(c: C, raw: string): Promise<void> {
  if (SAFE_METHOD.test(c.req.method)) return;
  refuseCrossSite(c);
  const sent = await sentToken(c);
  if (!sent || !digestsEqual(sent, await tokenFor(c, raw))) throw refused();
}

/** Before sign-in there is no session: the login form uses a double-submit cookie instead. */
export function loginCsrf(c: C): string {
  const value = randomId(16);
  setCookie(c, LOGIN_COOKIE, value, options(c, LOGIN_PATH, 60 * 60));
  return value;
}

export function checkLoginCsrf(c: C, sent: string | undefined): void {
  refuseCrossSite(c);
  const cookie = getCookie(c, LOGIN_COOKIE);
  if (!cookie || !sent || !digestsEqual(cookie, sent)) throw refused();
}
