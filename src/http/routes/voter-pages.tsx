import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { normalizeToken } from '../../domain/codes';
import { DomainError } from '../../domain/errors';
import { castBallot, refusal } from '../../services/cast-ballot';
import { findToken } from '../../services/find-token';
import { loadMeeting } from '../../services/load-meeting';
import { pickLang } from '../../../web/i18n';
import { BallotPage } from '../../../web/voter/ballot-page';
import { EntryPage } from '../../../web/voter/entry-page';
import { langQuery } from '../../../web/voter/layout';
import { NotOpenPage, ProblemPage, TooManyPage, UnknownPage, UsedPage, VoidPage, type Where } from '../../../web/voter/notice-pages';
import { BALLOT_BYTES, limitBody, readForm } from '../body';
import type { AppEnv, C } from '../env';
import { isCoded, statusOf } from '../error-status';
import { retryAfter } from '../errors';
import { htmlPage } from '../html-page';
import { isCompletePage } from '../security';
import { storageRefusal } from '../storage-broken';
import { throttled } from '../throttled';
import { ballotTemplate, sendTemplate, successTemplate } from './voter-templates';
import type { Meeting } from '../../domain/meeting';


/**
 * A 40-subject 民主评议党员 ballot is ~22 KB of HTML, ~3 KB gzipped: worth it on a weak signal.
 * Node sends bytes as they are; Workers compress at the edge and would gzip our gzip again.
 */
const gzip = compress();

/**
 * The phones of one meeting send a handful of distinct Accept-Language headers: each is parsed
 * once (bounded, so odd headers cannot fill memory).
 */
const langs = new Map<string, ReturnType<typeof pickLang>>();

function langOf(c: C) {
  const query = c.req.query('lang');
  const header = c.req.header('accept-language');
  const key = `${query ?? ''}\n${header ?? ''}`;
  let found = langs.get(key);
  if (!found) {
    if (langs.size >= 256) langs.clear();
    langs.set(key, (found = pickLang(query, header)));
  }
  return found;
}

function where(c: C, path: string): Where & { explicit: boolean } {
  const { lang, explicit } = langOf(c);
  return { lang, explicit, langQuery: langQuery(lang, explicit), path };
}

const tokenPath = (c: C) => `/b/${encodeURIComponent(c.req.param('token') ?? '')}`;

/** Unknown tokens count toward the per-address throttle, exactly as on the JSON API. */
async function lookUp(c: C) {
  const token = await throttled(c, () => findToken(c.get('services'), c.req.param('token') ?? ''));
  return { token, meeting: await loadMeeting(c.get('services'), token.meetingId, 'public') };
}

/**
 * The ballot form's fields. A browser posts it urlencoded, read here straight from the text
 * (the generic form reader builds a full web Request and FormData for it); anything else
 * goes through the generic reader. No prototype: a field named `__proto__` is just a field.
 */
async function ballotFields(c: C): Promise<Record<string, string>> {
  if (!c.req.header('content-type')?.startsWith('application/x-www-form-urlencoded')) return (await readForm(c)).flat();
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(await c.req.text())) fields[name] = value;
  return fields;
}

/** Why this slip cannot vote, as a page; the wording follows the refusal's code. */
function refusedPage(c: C, w: Where, err: DomainError, meeting: Meeting) {
  if (err.code === 'meeting_not_open') return htmlPage(c, <NotOpenPage w={w} started={meeting.status !== 'draft'} />, 409);
  if (err.code === 'token_void') return htmlPage(c, <VoidPage w={w} />, 409);
  const receipt = (err.details as { receipt?: string } | undefined)?.receipt ?? null;
  return htmlPage(c, <UsedPage w={w} receipt={receipt} />, 409);
}

function entry(c: C, code: string | undefined) {
  const w = where(c, '/b');
  if (code === undefined || code.trim() === '') return htmlPage(c, <EntryPage lang={w.lang} explicit={w.explicit} />);
  const token = normalizeToken(code);
  if (!token) return htmlPage(c, <EntryPage lang={w.lang} explicit={w.explicit} code={code} bad />, 400);
  return c.redirect(`/b/${token}${w.langQuery}`, 303);
}

/**
 * The voter's pages. No cookie, no log line about the requester, nothing cached, no referrer
 * leaking the token to anyone. Errors become pages here, in the voter's language.
 */
export const voterPages = new Hono<AppEnv>()
  .use(limitBody(BALLOT_BYTES))
  // Referrer-Policy: no-referrer comes with every page's headers (securityHeaders).
  // Other pages are gzipped here after the fact; the ballot and success pages come gzipped already.
  .use(async (c, next) => {
    await next();
    if (c.get('platform').compressesPages && !isCompletePage(c.res)) await gzip(c, async () => {});
  })
  .get('/', (c) => entry(c, c.req.query('code')))
  .post('/', async (c) => {
    return entry(c, (await readForm(c)).flat().code);
  })
  .get('/:token', async (c) => {
    const { token, meeting } = await lookUp(c);
    const w = where(c, `/b/${token.token}`);
    const refused = refusal(meeting, token);
    if (refused) return refusedPage(c, w, refused, meeting);
    return sendTemplate(c, ballotTemplate(c.get('platform'), meeting, w.lang, w.explicit), [token.token]);
  })
  /**
   * The vote: straight to the atomic step, as on the JSON API (one hash, no read before it);
   * the token and meeting are read only when it refused, to show why.
   */
  .post('/:token', async (c) => {
    const choices = await ballotFields(c);
    const services = c.get('services');
    const raw = c.req.param('token') ?? '';
    try {
      const { receipt, meetingId } = await throttled(c, () => castBallot(services, { token: raw, choices, channel: 'phone' }));
      c.get('hub').poke(meetingId);
      const { lang } = langOf(c);
      return sendTemplate(c, await successTemplate(c.get('platform'), meetingId, lang, () => loadMeeting(services, meetingId, 'public')), [receipt]);
    } catch (err) {
      // Unknown slips and the throttle are answered by onError, like the GET's.
      if (!(err instanceof DomainError) || statusOf(err) === 404 || statusOf(err) === 429) throw err;
      const token = await findToken(services, raw);
      const meeting = await loadMeeting(services, token.meetingId, 'public');
      const w = where(c, `/b/${token.token}`);
      // Not open, void, used — or a lost race, which reads like any other refusal.
      if (statusOf(err) === 409) return refusedPage(c, w, err, meeting);
      if (statusOf(err) !== 400) throw err;
      const d = (err.details ?? {}) as { missing?: string[]; invalid?: string[] };
      const marked = [...(d.missing ?? []), ...(d.invalid ?? [])];
      const page = <BallotPage lang={w.lang} langQuery={w.langQuery} token={token.token} meeting={meeting} chosen={choices} missing={marked} invalid />;
      return htmlPage(c, page, 400);
    }
  })
  .onError((caught, c) => {
    const err = storageRefusal(c, caught);
    if (!isCoded(err)) throw err;
    const w = where(c, c.req.param('token') ? tokenPath(c) : '/b');
    if (err.code === 'token_unknown') return htmlPage(c, <UnknownPage w={w} />, 404);
    if (err.code === 'too_many_attempts') {
      const seconds = retryAfter(err) ?? 60;
      c.header('Retry-After', String(seconds));
      return htmlPage(c, <TooManyPage w={w} seconds={seconds} />, 429);
    }
    return htmlPage(c, <ProblemPage w={w} message={err.message} />, statusOf(err));
  });
