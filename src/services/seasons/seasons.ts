import { DomainError } from '../../domain/errors';
import { DEFAULT_NOTICE_DAYS, duplicateKeys, type Rounds, type Season } from '../../domain/season';
import { checkSeasonRule } from '../../domain/season-result';
import { randomId } from '../../lib/random';
import type { Actor } from '../../domain/people';
import { nowOf, type Services } from '../context';
import { recordSeason } from './events';

export interface CreateSeasonInput {
  title: string;
  rule: string;
  params?: Record<string, unknown> | null;
  rounds?: Rounds;
  previous?: string | null;
  noticeDays?: number;
  entries: { key: string; name: string; organization?: string | null; category?: string | null }[];
}

export async function loadSeason(services: Services, id: string): Promise<Season> {
  const season = await services.store.seasons.get(id);
  if (!season) throw new DomainError('season_not_found', '找不到该考评，请检查链接或编号');
  return season;
}

/** A season anyone may see: published (公示 or final). Before that it does not exist for the public. */
export async function loadPublishedSeason(services: Services, id: string): Promise<Season> {
  const season = await services.store.seasons.get(id);
  if (!season || season.status === 'draft') throw new DomainError('season_not_found', '没有这个考评公示：结果发布后才能查看');
  return season;
}

export function seasonJson(s: Season) {
  return {
    id: s.id,
    title: s.title,
    status: s.status,
    rule: s.rule,
    params: s.params,
    rounds: s.rounds,
    previous: s.previousId,
    noticeDays: s.noticeDays,
    noticeFrom: s.noticeFrom,
    noticeUntil: s.noticeUntil,
    finalizedAt: s.finalizedAt,
    contact: s.contact,
    createdAt: s.createdAt,
    entries: s.entries,
  };
}

export async function createSeason(services: Services, input: CreateSeasonInput, actor: Actor): Promise<Season> {
  checkSeasonRule(input.rule, input.params ?? null);
  const dup = duplicateKeys(input.entries);
  if (dup.length) throw new DomainError('invalid_input', `考评对象编号（key）不能重复：${dup.join('、')}`);
  if (input.previous && !(await services.store.seasons.get(input.previous))) {
    throw new DomainError('invalid_input', `上一期考评 ${input.previous} 不存在`);
  }
  const id = randomId();
  await services.store.seasons.create({
    id,
    title: input.title,
    rule: input.rule,
    params: input.params ?? null,
    rounds: input.rounds ?? 'pool',
    previousId: input.previous ?? null,
    noticeDays: input.noticeDays ?? DEFAULT_NOTICE_DAYS,
    createdBy: actor.id,
    createdAt: nowOf(services).toISOString(),
    entries: input.entries.map((e) => ({ id: randomId(8), key: e.key, name: e.name, organization: e.organization ?? null, category: e.category ?? null })),
  });
  await recordSeason(services, id, 'season_created', actor, {
    title: input.title,
    rule: input.rule,
    params: input.params ?? null,
    rounds: input.rounds ?? 'pool',
    entries: input.entries.map((e) => e.key),
  });
  return loadSeason(services, id);
}

/**
 * Subjects of a new (or edited draft) meeting that name an entry: the entry must exist and
 * its season still be a draft, since a published result must not change.
 */
export async function checkEntryLinks(services: Services, subjects: { entry?: string | null }[]): Promise<void> {
  const seasons = new Map<string, Season>();
  for (const s of subjects) {
    if (!s.entry) continue;
    const found = await services.store.seasons.entry(s.entry);
    if (!found) throw new DomainError('unknown_entry', `测评对象关联的考评对象 ${s.entry} 不存在，请从考评名单中选择`);
    const season = seasons.get(found.seasonId) ?? (await loadSeason(services, found.seasonId));
    seasons.set(season.id, season);
    if (season.status !== 'draft') {
      throw new DomainError('season_published', `考评“${season.title}”的结果已发布公示，不能再关联新的测评会`);
    }
  }
}

/** Entries of seasons still open to links (drafts), for the meeting form's picker: "season · entry". */
export async function entryChoices(services: Services): Promise<{ id: string; label: string }[]> {
  const drafts = (await services.store.seasons.list()).filter((s) => s.status === 'draft');
  return drafts.flatMap((s) => s.entries.map((e) => ({ id: e.id, label: `${s.title} · ${e.name}（${e.key}）` })));
}
