import type { Context } from 'hono';
import type { Lang } from '../../../web/i18n';
import { BallotPage } from '../../../web/voter/ballot-page';
import { langQuery } from '../../../web/voter/layout';
import { SuccessPage } from '../../../web/voter/notice-pages';
import type { Meeting } from '../../domain/meeting';
import type { AppEnv, Platform } from '../env';
import { compileTemplate, fillTemplate, hole, type PageTemplate } from '../page-template';
import { completePage, pageHeaderRecord } from '../security';

/**
 * The two pages every phone vote loads, built once per meeting and language and then only
 * filled in: the ballot (hole: the slip's token) and the success page (hole: the receipt).
 * Only pages of open meetings are built, and an open meeting's title and subjects never
 * change, so a template never goes stale. Bounded, so many meetings cannot fill memory.
 */
class TemplateCache {
  private readonly byKey = new Map<string, PageTemplate>();

  peek(key: string): PageTemplate | undefined {
    return this.byKey.get(key);
  }

  put(key: string, t: PageTemplate): PageTemplate {
    if (this.byKey.size >= 600) this.byKey.clear();
    this.byKey.set(key, t);
    return t;
  }

  get(key: string, build: () => PageTemplate): PageTemplate {
    return this.peek(key) ?? this.put(key, build());
  }
}

const ballots = new TemplateCache();
const successes = new TemplateCache();

function render(node: { toString(): string | Promise<string> }): string {
  const text = node.toString();
  if (typeof text !== 'string') throw new Error('voter pages render synchronously');
  return `<!DOCTYPE html>${text}`;
}

const gzipOf = (p: Platform) => (p.compressesPages ? p.gzipTemplate : undefined);

/** The ballot of an open meeting, hole 0 the slip's token. */
export function ballotTemplate(platform: Platform, meeting: Meeting, lang: Lang, explicit: boolean): PageTemplate {
  return ballots.get(`${meeting.id} ${lang} ${explicit}`, () =>
    compileTemplate(render(<BallotPage lang={lang} langQuery={langQuery(lang, explicit)} token={hole(0)} meeting={meeting} />), gzipOf(platform)),
  );
}

/** The success page of a meeting that just counted a vote, hole 0 the receipt. */
export async function successTemplate(platform: Platform, meetingId: string, lang: Lang, meeting: () => Promise<Meeting>): Promise<PageTemplate> {
  const key = `${meetingId} ${lang}`;
  const known = successes.peek(key);
  if (known) return known;
  // The first vote of this meeting in this process: its title is read once.
  const { title } = await meeting();
  return successes.put(key, compileTemplate(render(<SuccessPage w={{ lang, langQuery: '', path: '' }} meetingTitle={title} receipt={hole(0)} />), gzipOf(platform)));
}

const PLAIN = pageHeaderRecord({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
const GZIPPED = pageHeaderRecord({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Encoding': 'gzip' });

/**
 * A filled template as the answer, with every page header (and no-store) in one prebuilt
 * record; gzipped from its pieces when the phone takes gzip.
 */
export function sendTemplate(c: Context<AppEnv>, t: PageTemplate, values: readonly string[]): Response {
  if (t.gzip && c.req.header('accept-encoding')?.includes('gzip')) return completePage(t.gzip(values) as Uint8Array<ArrayBuffer>, 200, GZIPPED);
  return completePage(fillTemplate(t, values), 200, PLAIN);
}
