import type { Context } from 'hono';
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
import { NotOpenPage, ProblemPage, SuccessPage, TooManyPage, UnknownPage, UsedPage, VoidPage, type Where } from '../../../web/voter/notice-pages';
import { readForm } from '../body';
import type { AppEnv } from '../env';
import { isCoded, statusOf } from '../error-status';
import { retryAfter } from '../errors';
import { htmlPage } from '../html-page';
import { throttled } from '../throttled';
import type { Meeting } from '../../domain/meeting';

type C = Context<AppEnv>;

/**
 * A 40-subject 民主评议党员 ballot is ~22 KB of HTML, ~3 KB gzipped: worth it on a weak signal.
 * Node sends bytes as they are; Workers compress at the edge and would gzip our gzip again.
 */
const gzip = compress();

function where(c: C, path: string): Where & { explicit: boolean } {
  const { lang, explicit } = pickLang(c.req.query('lang'), c.req.header('accept-language'));
  return { lang, explicit, langQuery: langQuery(lang, explicit), path };
}

const tokenPath = (c: C) => `/b/${encodeURIComponent(c.req.param('token') ?? '')}`;

/** Unknown tokens count toward the per-address throttle, exactly as on the JSON API. */
async function lookUp(c: C) {
  const token = await throttled(c, () => findToken(c.get('services'), c.req.param('token') ?? ''));
  return { token, meeting: await loadMeeting(c.get('services'), token.meetingId) };
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
  .use(async (c, next) => {
    c.header('Referrer-Policy', 'no-referrer');
    await next();
  })
  .use((c, next) => (c.get('platform').compressesPages ? gzip(c, next) : next()))
  .get('/', (c) => entry(c, c.req.query('code')))
  .post('/', async (c) => {
    return entry(c, (await readForm(c)).code);
  })
  .get('/:token', async (c) => {
    const { token, meeting } = await lookUp(c);
    const w = where(c, `/b/${token.token}`);
    const refused = refusal(meeting, token);
    if (refused) return refusedPage(c, w, refused, meeting);
    return htmlPage(c, <BallotPage lang={w.lang} langQuery={w.langQuery} token={token.token} meeting={meeting} />);
  })
  .post('/:token', async (c) => {
    const choices = await readForm(c);
    const { token, meeting } = await lookUp(c);
    const w = where(c, `/b/${token.token}`);
    const refused = refusal(meeting, token);
    if (refused) return refusedPage(c, w, refused, meeting);
    try {
      const { receipt } = await castBallot(c.get('services'), { token: token.token, choices, channel: 'phone' });
      return htmlPage(c, <SuccessPage w={w} meetingTitle={meeting.title} receipt={receipt} />);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      // A lost race (used elsewhere, or closed meanwhile) reads like any other refusal.
      if (statusOf(err) === 409) return refusedPage(c, w, err, meeting);
      if (statusOf(err) !== 400) throw err;
      const d = (err.details ?? {}) as { missing?: string[]; invalid?: string[] };
      const marked = [...(d.missing ?? []), ...(d.invalid ?? [])];
      const page = <BallotPage lang={w.lang} langQuery={w.langQuery} token={token.token} meeting={meeting} chosen={choices} missing={marked} invalid />;
      return htmlPage(c, page, 400);
    }
  })
  .onError((err, c) => {
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
