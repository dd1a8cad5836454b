import { rules, templateFields, type FieldSpec, type RuleName } from '../domain/scoring';

/**
 * Columns that are not scored but say which closed meeting a row's satisfaction comes from.
 * Only sheets of rules that take a satisfaction carry them.
 */
export const MATCH_COLUMNS: FieldSpec[] = [
  { name: 'subject', label: '测评对象名称', kind: 'text', required: false, note: '自动填入满意度时，按此名称匹配已结束测评会的测评对象；留空则用编号匹配' },
  { name: 'organization', label: '所在单位', kind: 'text', required: false, note: '与测评会填写的单位一致；可与测评对象名称一起填写，缩小匹配范围' },
  { name: 'meetingId', label: '测评会编号', kind: 'text', required: false, note: '可选：同一对象有多场已结束的测评会时，指定用哪一场（默认最近结束的一场）' },
];

/** `weighted` has no defaults; its template and page start from the design's example, village self : township = 3 : 7. */
export const WEIGHTED_EXAMPLE = {
  weights: { self: 3, township: 7 },
  bands: [
    { min: 90, grade: '好' },
    { min: 80, grade: '较好' },
    { min: 60, grade: '一般' },
  ],
  lowest: '较差',
};

export function isRuleName(rule: unknown): rule is RuleName {
  return typeof rule === 'string' && Object.hasOwn(rules, rule);
}

/** The params a page or template starts from when none were given. */
export function startingParams(rule: RuleName): Record<string, unknown> {
  return rules[rule].defaultParams ?? WEIGHTED_EXAMPLE;
}

export const takesSatisfaction = (fields: readonly FieldSpec[]) => fields.some((f) => f.name === 'satisfaction');

/** The sheet's columns under these params: the rule's fields, with the match columns after the id. */
export function sheetColumns(rule: unknown, params?: unknown): FieldSpec[] {
  const fields = templateFields(rule, params).filter((f) => !f.hidden);
  if (!takesSatisfaction(fields)) return fields;
  const [id, ...rest] = fields;
  return [id, ...MATCH_COLUMNS, ...rest];
}

/**
 * Headers are the Chinese labels only (a printed sheet has no English field names); uploads
 * map back by label, by bare field name, or by the older "标签 (field)" form.
 */
export const headerText = (f: FieldSpec) => f.label;

// NFKC turns full-width brackets and spaces (typed by a Chinese IME) into ASCII ones.
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

/**
 * The column a header cell names: "标签 (field)" or "标签（field）" by the name in brackets,
 * else a bare field name or a bare label, so a scorer who retyped the header still maps.
 */
export function columnForHeader(cell: string, columns: readonly FieldSpec[]): FieldSpec | undefined {
  const text = norm(cell);
  const byName = (name: string) => columns.find((f) => f.name.toLowerCase() === name.trim().toLowerCase());
  const bracket = /\(([^()]+)\)$/.exec(text);
  return (bracket && byName(bracket[1])) || byName(text) || columns.find((f) => norm(f.label) === text);
}
