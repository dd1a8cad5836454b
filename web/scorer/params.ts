import type { RuleName } from '../../src/domain/scoring';

/**
 * A rule's params as plain form fields (`p.weights.self`, `p.bands.0.min`, …), so a scorer
 * adjusts weights, bands and shares without JavaScript and without writing JSON (read back in
 * src/http/scoring-form.ts). The
 * layout follows the rule's starting params; the values are what was last used or typed.
 */
export type Kind = 'number' | 'text' | 'choice';

export interface Field {
  name: string;
  label: string;
  kind: Kind;
  value: string;
}

export interface Column {
  key: string;
  label: string;
  kind: Kind;
}

export type Item =
  | { type: 'field'; field: Field }
  | { type: 'group'; label: string; fields: Field[] }
  | { type: 'table'; label: string; name: string; columns: Column[]; rows: string[][] };

export const PREFIX = 'p.';

const LABELS: Record<string, string> = {
  weights: '权重',
  self: '自评',
  mass: '群众测评',
  superior: '上级考评',
  score: '基础+加分−减分',
  review: '评议项',
  bands: '分数线（达到“最低分”即得该档）',
  min: '最低分',
  grade: '等次',
  stars: '星级',
  lowest: '未达到任何分数线时',
  shares: '名额比例（小数，0.3 即 30%）',
  excellent: '优秀',
  good: '良好',
  excellentMinBase: '评为优秀所需基本工作目标等得分',
  bonusCap: '加分项上限',
  fiveStarMinBase: '评为五星所需基础项得分',
  fiveStarShare: '五星名额比例（小数）',
  quotaRounding: '名额取整',
  field: '列名（字段）',
  weight: '权重',
};

export const ROUNDINGS: Array<[string, string]> = [
  ['floor', '向下取整'],
  ['round', '四舍五入'],
  ['ceil', '向上取整'],
];

const label = (key: string) => LABELS[key] ?? key;
const kindOf = (key: string, v: unknown): Kind => (key === 'quotaRounding' ? 'choice' : typeof v === 'number' ? 'number' : 'text');
// A value typed into the form may be an object with its own `toString` key: never String() it.
const show = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Blank rows under a table, so a band or a weighted column can be added without script. */
const SPARE_ROWS = 2;

function table(name: string, columns: Column[], rows: string[][]): Item {
  const spare = Array.from({ length: SPARE_ROWS }, () => columns.map(() => ''));
  return { type: 'table', label: label(name), name: PREFIX + name, columns, rows: [...rows, ...spare] };
}

/** The form's items, laid out after `start` (the rule's starting params), filled from `values`. */
export function paramItems(rule: RuleName, start: Record<string, unknown>, values: Record<string, unknown> | undefined): Item[] {
  const v = values ?? start;
  return Object.entries(start).map(([key, model]): Item => {
    const given = v[key];
    if (rule === 'weighted' && key === 'weights') {
      const pairs = Object.entries(isObject(given) ? given : {}).map(([f, w]) => [f, show(w)]);
      return table(key, [{ key: 'field', label: label('field'), kind: 'text' }, { key: 'weight', label: label('weight'), kind: 'number' }], pairs);
    }
    if (Array.isArray(model)) {
      const columns = Object.entries(model[0] as Record<string, unknown>).map(([k, x]) => ({ key: k, label: label(k), kind: kindOf(k, x) }));
      const rows = (Array.isArray(given) ? given : []).map((r) => columns.map((col) => show(isObject(r) ? r[col.key] : '')));
      return table(key, columns, rows);
    }
    if (isObject(model)) {
      const fields = Object.entries(model).map(([k, x]) => ({ name: `${PREFIX}${key}.${k}`, label: label(k), kind: kindOf(k, x), value: show(isObject(given) ? given[k] : '') }));
      return { type: 'group', label: label(key), fields };
    }
    return { type: 'field', field: { name: PREFIX + key, label: label(key), kind: kindOf(key, model), value: show(given) } };
  });
}
