import { DomainError } from '../../domain/errors';
import { assertCanFinalize, assertDraft, noticeWindow, type Season } from '../../domain/season';
import { canonicalJson } from '../../domain/audit';
import { seasonResult, type SeasonResult } from '../../domain/season-result';
import type { PastOutcome } from '../../domain/season-history';
import { checkSeasonRows, type SeasonRow } from '../../domain/season-rows';
import { entrySatisfaction, fractionNumber, fractionPercent, type EntrySatisfaction, type LinkedRound, type SatisfactionView } from '../../domain/season-satisfaction';

export type { SatisfactionView };
import { templateFields } from '../../domain/scoring';
import { ruleParams } from '../../domain/season-result';
import type { Meeting } from '../../domain/meeting';
import type { Actor } from '../../domain/people';
import { meetingFloor, nowOf, type Services } from '../context';
import { meetingResults } from '../results';
import { recordSeason } from './events';
import { loadSeason } from './seasons';

/** The frozen publication: the result and the satisfaction it came from, exactly as published. */
export interface Frozen {
  result: SeasonResult;
  satisfaction: SatisfactionView;
}

async function linkedRounds(services: Services, season: Season): Promise<Map<string, LinkedRound[]>> {
  const links = await services.store.seasons.links(season.id);
  const meetings = new Map<string, Meeting>();
  // A meeting's results are computed once, however many of its subjects feed this season.
  const results = new Map<string, Awaited<ReturnType<typeof meetingResults>>>();
  const byEntry = new Map<string, LinkedRound[]>();
  for (const link of links) {
    let meeting = meetings.get(link.meetingId);
    if (!meeting) meetings.set(link.meetingId, (meeting = (await services.store.getMeeting(link.meetingId))!));
    const round: LinkedRound = { meetingId: meeting.id, subjectId: link.subjectId, meetingTitle: meeting.title, status: meeting.status, floor: meetingFloor(services.config, meeting) };
    if (meeting.status === 'closed') {
      let r = results.get(meeting.id);
      if (!r) results.set(meeting.id, (r = await meetingResults(services, meeting)));
      Object.assign(round, { valid: r.valid, meetingCast: r.cast });
      // A withheld meeting's counts never leave it, not even into a season.
      if (!r.withheld) {
        const subject = r.subjects.find((s) => s.id === link.subjectId)!;
        Object.assign(round, { satisfied: subject.satisfied, cast: subject.cast });
      }
    }
    const list = byEntry.get(link.entryId) ?? [];
    list.push(round);
    byEntry.set(link.entryId, list);
  }
  return byEntry;
}

/** Satisfaction of every entry from the ballots of its linked meetings, now. */
export async function liveSatisfaction(services: Services, season: Season) {
  const rounds = await linkedRounds(services, season);
  const satisfaction = new Map<string, EntrySatisfaction>();
  for (const e of season.entries) {
    satisfaction.set(e.id, entrySatisfaction(rounds.get(e.id) ?? [], season.rounds));
  }
  const view: SatisfactionView = {
    entries: season.entries.map((e) => {
      const s = satisfaction.get(e.id)!;
      return {
        id: e.id,
        key: e.key,
        name: e.name,
        satisfied: s.satisfied,
        cast: s.cast,
        satisfaction: s.fraction ? fractionNumber(s.fraction) : null,
        satisfactionPercent: s.fraction ? fractionPercent(s.fraction) : null,
        fraction: s.fraction?.text ?? null,
        meetings: s.rounds,
      };
    }),
  };
  return { satisfaction, linked: new Set([...rounds.keys()]), view };
}

async function previousOutcomes(services: Services, season: Season): Promise<Map<string, PastOutcome> | null | undefined> {
  if (!season.previousId) return undefined;
  const frozen = await services.store.seasons.frozen(season.previousId);
  if (!frozen) return null;
  const past = JSON.parse(frozen.result) as Frozen;
  const key = past.result.output === 'stars' ? 'stars' : 'grade';
  return new Map(past.result.rows.map((r) => [r.entry, { total: r.total, outcome: (r[key] as string | number | null) ?? null }]));
}

/** The result as it stands: computed live for a draft, the frozen publication afterwards. */
export async function currentResult(services: Services, season: Season): Promise<Frozen & { digest?: string }> {
  if (season.status !== 'draft') {
    const frozen = await services.store.seasons.frozen(season.id);
    if (!frozen) throw new Error(`season ${season.id} is ${season.status} without a frozen result`);
    return { ...(JSON.parse(frozen.result) as Frozen), digest: frozen.digest };
  }
  const [{ satisfaction, linked, view }, rows, previous] = await Promise.all([
    liveSatisfaction(services, season),
    services.store.seasons.rows(season.id),
    previousOutcomes(services, season),
  ]);
  const result = seasonResult({ season, entries: season.entries, satisfaction, linked, rows, previous: previous === undefined ? undefined : previous });
  return { result, satisfaction: view };
}

/** PUT rows: every bad cell at once, then all rows replaced, as one event in the chain. */
export async function replaceRows(services: Services, seasonId: string, input: unknown, actor: Actor, lines?: number[]): Promise<{ revision: number; rows: SeasonRow[] }> {
  const season = await loadSeason(services, seasonId);
  assertDraft(season);
  const { linked } = await liveSatisfaction(services, season);
  const rows = checkSeasonRows(input, season.entries, linked, templateFields(season.rule, ruleParams(season.params)), lines);
  const revision = await services.store.seasons.replaceRows(season.id, rows);
  if (revision === null) assertDraft(await loadSeason(services, seasonId));
  await recordSeason(services, season.id, 'rows_replaced', actor, { rows: rows.length, digest: await services.sha256(canonicalJson(rows)) });
  return { revision: revision!, rows };
}

export async function publishSeason(services: Services, seasonId: string, contact: string | null, actor: Actor) {
  const season = await loadSeason(services, seasonId);
  assertDraft(season);
  const frozen = await currentResult(services, season);
  const text = canonicalJson({ result: frozen.result, satisfaction: frozen.satisfaction });
  const digest = await services.sha256(text);
  const window = noticeWindow(nowOf(services), season.noticeDays);
  const done = await services.store.seasons.publish(season.id, { revision: season.revision, contact, ...window, result: text, digest });
  if (!done) {
    const now = await loadSeason(services, seasonId);
    assertDraft(now);
    throw new DomainError('rows_changed', '发布时评分数据刚被他人更新，请刷新后核对结果再发布');
  }
  await recordSeason(services, season.id, 'season_published', actor, { digest, ...window, contact, entries: season.entries.length });
  return { status: 'notice' as const, ...window, digest };
}

export async function finalizeSeason(services: Services, seasonId: string, actor: Actor) {
  const season = await loadSeason(services, seasonId);
  const now = nowOf(services);
  assertCanFinalize(season, now);
  if (!(await services.store.seasons.finalize(season.id, now.toISOString()))) assertCanFinalize(await loadSeason(services, seasonId), now);
  await recordSeason(services, season.id, 'season_finalized', actor, { at: now.toISOString() });
  return { status: 'final' as const, finalizedAt: now.toISOString() };
}
