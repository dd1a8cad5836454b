import { rules, runRule, templateFields, type RuleName, type ScoredRow } from './scoring';
import type { InputRow } from './scoring/types';
import { changeOf, colorOf, outcomeOrder, readColorRule, type Color, type PastOutcome } from './season-history';
import { FROM_ENTRY, type SeasonRow } from './season-rows';
import { fractionNumber, fractionPercent, type EntrySatisfaction, type Fraction } from './season-satisfaction';
import type { Entry, Season } from './season';
import { parseDec } from './scoring/decimal';

export interface ResultRow {
  entry: string;
  name: string;
  organization: string | null;
  category: string | null;
  [field: string]: unknown;
  satisfaction: number | null;
  fraction: string | null;
  /** "ballots" (linked meetings), "manual" (typed in a row), or null (none yet). */
  satisfactionFrom: 'ballots' | 'manual' | null;
  total: number | null;
  grade?: string | null;
  stars?: number | null;
  rank: number | null;
  reasons: string[];
  color: Color;
  previous?: PastOutcome | null;
  change?: 'up' | 'down' | 'same' | null;
}

export interface SeasonResult {
  rule: string;
  params: Record<string, unknown>;
  output: 'grade' | 'stars';
  /** Outcomes best first, and which colour each gets on the board. */
  outcomes: (string | number)[];
  rows: ResultRow[];
}

export interface SeasonResultInput {
  season: Pick<Season, 'rule' | 'params'>;
  entries: Entry[];
  satisfaction: ReadonlyMap<string, EntrySatisfaction>;
  /** Entries with at least one linked ballot subject (counted or not). */
  linked: ReadonlySet<string>;
  rows: SeasonRow[];
  /** The previous season's published outcomes by entry key; undefined when the season names none. */
  previous?: ReadonlyMap<string, PastOutcome> | null;
}

/** The rule's own params: `colors` is the season's, not the rule's, and would be refused by it. */
export function ruleParams(params: Record<string, unknown> | null): Record<string, unknown> | undefined {
  if (!params) return undefined;
  const { colors: _colors, ...rest } = params;
  return Object.keys(rest).length ? rest : undefined;
}

/** Checks a season's rule, params and colours once, at creation: a 400 then rather than a broken result later. */
export function checkSeasonRule(rule: string, params: Record<string, unknown> | null) {
  readColorRule(params?.colors);
  return templateFields(rule, ruleParams(params));
}

/**
 * A satisfaction as the rule receives it. The fraction itself, so 28/30 stays 28/30 until
 * the total is rounded.
 */
export function satisfactionCell(f: Fraction): { num: number; den: number } {
  return { num: Number(f.num), den: Number(f.den) };
}

/** A manual satisfaction cell as a fraction, for display and colours. */
function manualFraction(v: unknown): Fraction | null {
  const d = parseDec(v);
  return d ? { num: d.n, den: d.d, text: `${d.n}/${d.d}` } : null;
}

const reason = (code: string, text: string) => `${code}: ${text}`;

/**
 * The season's result: every entry in its own order. Entries missing satisfaction or scores
 * are said to be missing (null total, outcome and rank) and are left out of the scoring run,
 * so they take no rank and no quota place.
 */
export function seasonResult(input: SeasonResultInput): SeasonResult {
  const { season, entries } = input;
  const params = ruleParams(season.params);
  const fields = templateFields(season.rule, params);
  const needsSatisfaction = fields.some((f) => f.name === 'satisfaction' && f.required);
  const takesSatisfaction = fields.some((f) => f.name === 'satisfaction');
  const rowOf = new Map(input.rows.map((r) => [r.entry, r]));

  const prepared = entries.map((e) => {
    const row = rowOf.get(e.key);
    const ballots = input.satisfaction.get(e.id)?.fraction ?? null;
    const manual = !input.linked.has(e.id) && row?.satisfaction !== undefined ? manualFraction(row.satisfaction) : null;
    const fraction = ballots ?? manual;
    const reasons: string[] = [];
    if (manual) reasons.push(reason('satisfaction_manual', '满意度为手工填写（没有关联测评会）'));
    if (takesSatisfaction && !fraction && needsSatisfaction) reasons.push(reason('no_satisfaction', input.linked.has(e.id) ? '关联的测评会都还不能计入（未结束、无效或投票人数不足），暂无满意度' : '没有关联测评会，也没有手工填写满意度'));
    if (!row) reasons.push(reason('no_scores', '尚未录入本对象的评分数据'));
    const complete = reasons.every((r) => !r.startsWith('no_'));
    let scoring: InputRow | null = null;
    if (complete) {
      const { entry: _key, satisfaction: _s, ...cells } = row!;
      scoring = { id: e.key, ...cells };
      for (const f of FROM_ENTRY) if (fields.some((x) => x.name === f) && scoring[f] === undefined && e[f]) scoring[f] = e[f];
      if (takesSatisfaction && fraction) scoring.satisfaction = ballots ? satisfactionCell(ballots) : row!.satisfaction;
    }
    return { e, row, fraction, from: ballots ? ('ballots' as const) : manual ? ('manual' as const) : null, reasons, scoring };
  });

  const toScore = prepared.filter((p) => p.scoring).map((p) => p.scoring!);
  // The scoring API refuses an empty sheet; a season with nothing complete yet still has a result to show.
  const run = toScore.length
    ? runRule(season.rule, params, toScore)
    : { rule: season.rule, params: { ...(rules[season.rule as RuleName]?.defaultParams ?? {}), ...(params ?? {}) }, rows: [] as ScoredRow[] };
  const scored = new Map(run.rows.map((r) => [String(r.id), r]));
  const output: 'grade' | 'stars' = season.rule === 'star-rating' ? 'stars' : 'grade';
  const order = outcomeOrder(season.rule, run.params);
  const colors = readColorRule(season.params?.colors);

  const rows = prepared.map(({ e, row, fraction, from, reasons, scoring }): ResultRow => {
    const s = scoring ? scored.get(e.key) : undefined;
    const { id: _id, satisfaction: _sat, total, rank, reasons: ruleReasons, grade, stars, ...computed } = s ?? ({} as Record<string, unknown>);
    const outcome = (output === 'stars' ? stars : grade) as string | number | undefined;
    const all = [...reasons, ...((ruleReasons as string[] | undefined) ?? [])];
    // A previous season named but not yet published gives no history: null, as for an entry it did not have.
    const past = input.previous === undefined ? undefined : (input.previous?.get(e.key) ?? null);
    const lowest = order[order.length - 1];
    if (season.rule === 'upgrade-composite' && past && outcome !== undefined && outcome === lowest && past.outcome === lowest) {
      all.push(reason('consecutive_low', `连续两年“${String(lowest)}”`));
    }
    const { entry: _key, ...inputs } = row ?? { entry: e.key };
    return {
      entry: e.key,
      name: e.name,
      organization: e.organization,
      category: e.category,
      ...inputs,
      ...(s ? computed : {}),
      satisfaction: fraction ? fractionNumber(fraction) : null,
      satisfactionPercent: fraction ? fractionPercent(fraction) : null,
      fraction: fraction?.text ?? null,
      satisfactionFrom: from,
      total: s ? (total as number) : null,
      [output]: s ? (outcome ?? null) : null,
      rank: s ? (rank as number) : null,
      reasons: all,
      color: colorOf(colors, order, s ? (outcome ?? null) : null, fraction),
      ...(past !== undefined && { previous: past, change: changeOf(order, s ? (outcome ?? null) : null, past?.outcome ?? null) }),
    };
  });
  return { rule: run.rule, params: { ...run.params, ...(season.params?.colors ? { colors: season.params.colors } : {}) }, output, outcomes: order, rows };
}
