import { DomainError } from '../errors';
import { firstSecretary } from './first-secretary';
import { readRows } from './rows';
import { starRating } from './star-rating';
import type { FieldSpec, RuleDef, RuleMeta, RuleName, ScoringRequest, ScoringResult } from './types';
import { upgradeComposite } from './upgrade-composite';
import { weighted } from './weighted';

export type { FieldSpec, RuleMeta, RuleName, ScoredRow, ScoringRequest, ScoringResult } from './types';

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

/**
 * The columns a row needs under these params. For `weighted` they are the keys of
 * `params.weights`, so the template can only be built once the weights are known.
 */
export function templateFields(rule: unknown, params?: unknown): FieldSpec[] {
  const def = ruleDef(rule);
  return def.fields(def.params(params).compiled);
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
  const def = ruleDef(rule);
  const { effective, compiled } = def.params(params);
  const rows = readRows(input, def.fields(compiled));
  const warnings = def.warnings?.(rows, compiled) ?? [];
  return { rule: def.meta.name, params: effective, rows: def.score(rows, compiled), warnings };
}
