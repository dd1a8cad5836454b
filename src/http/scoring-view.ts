import { rules, type FieldSpec, type RuleName } from '../domain/scoring';
import { HUNDRED, mul, parseDec, toFixed } from '../domain/scoring/decimal';
import { sheetColumns, startingParams, takesSatisfaction } from '../services/scoring-columns';
import { cellOf, rankedOrder, reasonText, sourceText, starsText } from '../services/scoring-export';
import { RULE_NOTES } from '../services/scoring-template';
import type { SheetScoring } from '../services/scoring-upload';
import type { RankedCell, ResultView } from '../../web/scorer/result-section';
import type { RuleView } from '../../web/scorer/scoring-page';

/**
 * What the scorer page shows, computed here from the services' answers so the page only
 * renders: web/ reads no service and no store.
 */

/** Satisfaction as the percentage people read (half-up, 2 decimals); the downloads keep the exact coefficient. */
function percent(v: unknown): string {
  const d = parseDec(v);
  return d ? `${toFixed(mul(d, HUNDRED), 2)}%` : String(v ?? '');
}

/** The mass score (satisfaction × 100) is unrounded in the answer; on screen 2 decimals, like the total. */
const twoPlaces = (v: unknown) => {
  const d = parseDec(v);
  return d ? toFixed(d, 2) : '';
};

const show = (v: unknown, f: FieldSpec) => (f.name === 'satisfaction' ? percent(v) : String(cellOf(v, f.kind) ?? ''));

/** True when these params give the rule a satisfaction column (always, but for `weighted` without one). */
function fillsSatisfaction(rule: RuleName, params?: Record<string, unknown>): boolean {
  try {
    return takesSatisfaction(sheetColumns(rule, params ?? undefined));
  } catch {
    return true; // params the domain refuses: the error is shown; keep the choice visible
  }
}

export function ruleView(rule: RuleName, params?: Record<string, unknown>): RuleView {
  return { label: rules[rule].label, notes: RULE_NOTES[rule], startingParams: startingParams(rule), fillsSatisfaction: fillsSatisfaction(rule, params) };
}

/**
 * The ranked table as a scorer reads it on screen: short headers, empty optional columns left
 * out, outcome and reasons last. The downloads carry every column.
 */
function rankedTable(result: SheetScoring): ResultView['table'] {
  const stars = rules[result.rule].output === 'stars';
  const mass = result.rule === 'upgrade-composite';
  const columns = sheetColumns(result.rule, result.params).filter((f) => f.required || f.kind === 'flag' || result.rows.some((r) => r[f.name] !== undefined));
  const sources = new Map(result.filled.map((f) => [f.line, f]));
  const header = ['排名', ...columns.map((f) => f.label), ...(mass ? ['群众测评得分'] : []), '总分', stars ? '星级' : '等次', '说明', '满意度来源'];
  const rows = rankedOrder(result.rows).map((i): RankedCell[] => {
    const row = result.rows[i];
    const source = sources.get(result.lines[i]);
    return [
      { text: String(row.rank), numeric: true },
      ...columns.map((f) => ({ text: show(row[f.name], f), numeric: f.kind === 'number' })),
      ...(mass ? [{ text: twoPlaces(row.mass), numeric: true }] : []),
      { text: String(row.total), numeric: true, strong: true },
      { text: stars ? `${starsText(row.stars ?? 0)}（${row.stars}星）` : (row.grade ?? ''), strong: true },
      { text: '', lines: row.reasons.map(reasonText) },
      { text: sourceText(source), tone: source ? (source.valid ? 'yes' : 'no') : undefined },
    ];
  });
  return { header, rows };
}

export function resultView(result: SheetScoring, fileName?: string): ResultView {
  return {
    rule: result.rule,
    label: rules[result.rule].label,
    fileName,
    rowCount: result.rows.length,
    filledCount: result.filled.length,
    invalidCount: result.filled.filter((f) => !f.valid).length,
    complete: result.complete,
    ignoredColumns: result.ignoredColumns,
    unmatched: result.unmatched.map((u) => ({ line: u.line, id: String(u.id ?? ''), reason: u.reason, scored: u.scored })),
    table: rankedTable(result),
  };
}
