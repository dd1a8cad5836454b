import { reasonText } from '../../src/domain/scoring';
import type { Color } from '../../src/domain/season-history';
import type { ResultRow, SeasonResult } from '../../src/domain/season-result';
import type { SeasonStatus } from '../../src/domain/season';

export const SEASON_STATUS: Record<SeasonStatus, string> = { draft: '草稿（未发布）', notice: '公示中', final: '已定稿' };

export const COLOR_LABELS: Record<Color, string> = { green: '绿', yellow: '黄', red: '红', none: '无' };

/** An outcome as people write it: a grade, or ★ for stars (0 stars: 不定星级). */
export function outcomeText(result: SeasonResult, row: ResultRow): string {
  const v = result.output === 'stars' ? row.stars : row.grade;
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return v === 0 ? '不定星级' : `${'★'.repeat(v)}（${v}星）`;
  return v;
}

export const totalText = (row: ResultRow) => (row.total === null ? '—' : row.total.toFixed(2));

export const percentText = (row: ResultRow) => (row.satisfactionPercent ? `${row.satisfactionPercent as string}%` : '—');

/** Reasons without their machine code: "no_scores: 尚未录入…" → "尚未录入…", "quota_4_star: …" too. */
export const reasonTexts = (row: ResultRow) => row.reasons.map(reasonText);

/** A date as a notice writes it, in Beijing time: 2026年12月8日. */
export function dateText(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** What each colour means on this board, from the season's colour rule. */
export function legend(result: SeasonResult): { color: Color; text: string }[] {
  const colors = result.params.colors as { by?: string; green?: number; yellow?: number } | undefined;
  if (colors?.by === 'satisfaction') {
    return [
      { color: 'green', text: `满意度 ≥ ${colors.green}%` },
      { color: 'yellow', text: `${colors.yellow}% ≤ 满意度 < ${colors.green}%` },
      { color: 'red', text: `满意度 < ${colors.yellow}%` },
      { color: 'none', text: '暂无满意度' },
    ];
  }
  const o = result.outcomes.map((x) => (typeof x === 'number' ? (x === 0 ? '不定星级' : `${x}星`) : x));
  return [
    { color: 'green', text: o[0] ?? '' },
    ...(o.length > 2 ? [{ color: 'yellow' as const, text: o.slice(1, -1).join('、') }] : []),
    { color: 'red', text: o.at(-1) ?? '' },
    { color: 'none', text: '暂无结果' },
  ];
}
