import type { MiddlewareHandler } from 'hono';

/**
 * Every page forbids anything not served by us: no inline script or style, no other host, no
 * framing. Pages put their CSS and JS in web/assets for this reason.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** JSON, CSV, spreadsheets and event streams are never a document to run: nothing may load in them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

type HeaderList = [string, string][];

const PAGE_HEADERS: HeaderList = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
];

/**
 * What still protects a response that is no page: never sniffed into HTML or script, never
 * framed, nothing loaded. The page-only headers are left off: each header costs the server and
 * every client on the vote path, measured at ~3 µs a header per answer on each side.
 */
const API_HEADERS: HeaderList = [
  ['Content-Security-Policy', API_CONTENT_SECURITY_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
];

/** A page is anything outside /api, and any HTML an /api route answers (the printable slip sheet). */
const isPage = (path: string, headers: Headers) => !path.startsWith('/api/') || !!headers.get('content-type')?.startsWith('text/html');

/**
 * Pages answered thousands of times a second (the voter's ballot and success page) are built
 * with every page header already in a plain record: the adapter writes that record as it is,
 * with no Headers object to fill and sort per answer. They are passed through untouched.
 */
const complete = new WeakSet<Response>();

/** A page response carrying all of PAGE_HEADERS plus `headers`, built once per caller. */
export function pageHeaderRecord(headers: Record<string, string>): Readonly<Record<string, string>> {
  return Object.freeze({ ...Object.fromEntries(PAGE_HEADERS), ...headers });
}

export function completePage(body: string | Uint8Array<ArrayBuffer>, status: number, headers: Readonly<Record<string, string>>): Response {
  const res = new Response(body, { status, headers });
  complete.add(res);
  return res;
}

export const isCompletePage = (res: Response) => complete.has(res);

export const securityHeaders = (): MiddlewareHandler => async (c, next) => {
  await next();
  if (complete.has(c.res)) return;
  const headers = c.res.headers;
  for (const [name, value] of isPage(c.req.path, headers) ? PAGE_HEADERS : API_HEADERS) headers.set(name, value);
};
