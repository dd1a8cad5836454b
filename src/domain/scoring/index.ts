import { DomainError } from '../errors';
import { firstSecretary } from './first-secretary';
import { toNumber } from './decimal';
import { readRows } from './rows';
import { applySheet, paramSheet, sheetFields, type Sheet } from './sheet';
import { starRating } from './star-rating';
import type { FieldSpec, RuleDef, RuleMeta, RuleName, ScoringRequest, ScoringResult } from './types';
import { upgradeComposite } from './upgrade-composite';
import { weighted } from './weighted';

export { SHEET_PRESETS } from './sheet-presets';
export type { FieldSpec, RuleMeta, RuleName, ScoredRow, ScoringRequest, ScoringResult } from './types';
export { reasonText } from './types';

// `any` erases each rule's private compiled-params type; run() below keeps it paired.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const RULES: Record<RuleName, RuleDef<any>> = {
  'upgrade-composite': upgradeComposite,
  'first-secretary': firstSecretary,
  'star-rating': starRating,
  weighted,
};

export const ruleNames = Object.keys(RULES) as RuleName[];

/** Per rule: label, output kind, template columns and default params, for upload templates. */
export const rules: Record<RuleName, RuleMeta> = Object.fromEntries(
  ruleNames.map((name) => [name, { ...RULES[name].meta, fields: RULES[name].meta.fields.filter((f) => !f.hidden) }]),
) as Record<RuleName, RuleMeta>;

function ruleDef(rule: unknown): RuleDef<unknown> {
  if (typeof rule === 'string' && Object.hasOwn(RULES, rule)) return RULES[rule as RuleName];
  throw new DomainError('unknown_rule', `未知的评分规则 ${JSON.stringify(rule) ?? String(rule)}；可用规则：${ruleNames.join('、')}`);
}

interface Prepared {
  def: RuleDef<unknown>;
  effective: Record<string, unknown>;
  compiled: unknown;
  fields: FieldSpec[];
  sheet: Sheet | null;
}

/** Params split into the rule's own and the itemized sheet, which works the same for every rule. */
function prepare(rule: unknown, params: unknown): Prepared {
  const def = ruleDef(rule);
  const isObject = typeof params === 'object' && params !== null && !Array.isArray(params);
  const { sheet: rawSheet, ...own } = isObject ? (params as Record<string, unknown>) : { sheet: undefined };
  const { effective, compiled } = def.params(isObject ? own : params);
  const ruleFields = def.fields(compiled);
  const sheet = rawSheet === undefined || rawSheet === null ? null : paramSheet(rawSheet, ruleFields);
  const fields = sheet ? sheetFields(ruleFields, sheet) : ruleFields;
  return { def, effective: sheet ? { ...effective, sheet: sheet.plain } : effective, compiled, fields, sheet };
}

/**
 * The columns a row needs under these params. For `weighted` they are the keys of
 * `params.weights`, so the template can only be built once the weights are known; with
 * `params.sheet`, one column per item replaces each computed field.
 */
export function templateFields(rule: unknown, params?: unknown): FieldSpec[] {
  return prepare(rule, params).fields.filter((f) => !f.hidden);
}

/** The params as the answer echoes them (defaults filled in), without scoring anything. */
export function effectiveParams(rule: unknown, params?: unknown): Record<string, unknown> {
  return prepare(rule, params).effective;
}

/** POST /api/scoring/run: validates params, then rows, then scores. Rows return in input order. */
export function runScoring(request: ScoringRequest): ScoringResult {
  const { rule, params, rows } = (request ?? {}) as Partial<ScoringRequest>;
  return runRule(rule, params, rows);
}

/**
 * Scores rows under a rule, for the API and for seasons alike. A row's `satisfaction` may be
 * a number (the decimal as written), `"a/b"` or `{num, den}`: seasons pass the ballots'
 * exact `{num: satisfied, den: cast}` and it stays a fraction until the total is rounded.
 * Throws DomainError `invalid_rows` with `details: [{row, field, message}]` for every bad
 * cell at once, `invalid_params` or `unknown_rule`.
 */
export function runRule(rule: unknown, params: unknown, input: unknown): ScoringResult {
  const { def, effective, compiled, fields, sheet } = prepare(rule, params);
  const rows = readRows(input, fields);
  const sheetReasons = rows.map((r) => {
    if (!sheet) return [];
    const o = applySheet(sheet, r);
    Object.assign(r.num, o.values);
    const shown = Object.fromEntries(Object.entries(o.values).map(([k, v]) => [k, toNumber(v)]));
    r.raw = { ...r.raw, ...shown, items: o.items, sections: o.sections };
    return o.reasons;
  });
  const warnings = def.warnings?.(rows, compiled) ?? [];
  const scored = def.score(rows, compiled, (line) => warnings.push(line));
  scored.forEach((row, i) => row.reasons.push(...sheetReasons[i]));
  return { rule: def.meta.name, params: effective, rows: scored, warnings };
}
