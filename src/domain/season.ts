import { DomainError } from './errors';

/**
 * A season (考评): one round of scoring under one rule. Its entries (考评对象) get their
 * satisfaction from linked ballot subjects; scorers enter the rule's other fields; the result
 * is published for a notice period (公示) and then made final.
 */
export type SeasonStatus = 'draft' | 'notice' | 'final';

/** How an entry's rounds (several linked meetings) combine: Σ satisfied ÷ Σ cast, or the mean of each round's fraction. */
export type Rounds = 'pool' | 'mean';

export interface Entry {
  id: string;
  key: string;
  name: string;
  organization: string | null;
  category: string | null;
}

export interface Season {
  id: string;
  title: string;
  rule: string;
  params: Record<string, unknown> | null;
  rounds: Rounds;
  previousId: string | null;
  noticeDays: number;
  status: SeasonStatus;
  contact: string | null;
  /** Raised by every rows replacement: publishing freezes the revision it read, or nothing. */
  revision: number;
  noticeFrom: string | null;
  noticeUntil: string | null;
  finalizedAt: string | null;
  createdBy: string;
  createdAt: string;
  entries: Entry[];
}

export const DEFAULT_NOTICE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The notice period starts when the result is published and runs `days` whole days. */
export function noticeWindow(publishedAt: Date, days: number): { noticeFrom: string; noticeUntil: string } {
  return { noticeFrom: publishedAt.toISOString(), noticeUntil: new Date(publishedAt.getTime() + days * DAY_MS).toISOString() };
}

/** Once published, nothing about the season changes: rows, links, result. */
export function assertDraft(season: Pick<Season, 'status' | 'title'>): void {
  if (season.status !== 'draft') {
    throw new DomainError('season_published', `考评“${season.title}”的结果已发布公示，不能再更改（数据、测评会关联都已冻结）`);
  }
}

/** Finalizing is refused until the whole notice period has passed. */
export function assertCanFinalize(season: Pick<Season, 'status' | 'noticeUntil'>, now: Date): void {
  if (season.status === 'draft') throw new DomainError('season_not_published', '结果尚未发布公示，不能定稿：请先发布公示');
  if (season.status === 'final') throw new DomainError('season_final', '结果已经定稿');
  if (now.getTime() < Date.parse(season.noticeUntil!)) {
    throw new DomainError('notice_running', `公示期尚未结束（至 ${season.noticeUntil}），公示期满后才能定稿`);
  }
}

/** Entry keys are how rows name entries: unique within the season. */
export function duplicateKeys(entries: { key: string }[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const e of entries) (seen.has(e.key) ? dup : seen).add(e.key);
  return [...dup];
}
