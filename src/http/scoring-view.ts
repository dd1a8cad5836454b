import { rules, SHEET_PRESETS, templateFields, type FieldSpec, type RuleName } from '../domain/scoring';
import type { ScoredRow } from '../domain/scoring/types';
import { percentText, satisfactionCell, twoPlaces } from '../services/scoring-format';
import { sheetColumns, startingParams, takesSatisfaction } from '../services/scoring-columns';
import { reasonText } from '../domain/scoring';
import { rankedOrder, sourceText, starsText } from '../services/scoring-export';
import { cellOf } from '../services/scoring-format';
import { RULE_NOTES } from '../services/scoring-template';
import type { SheetScoring } from '../services/scoring-upload';
import type { RankedCell, ResultView } from '../../web/scorer/result-section';
import type { RuleView } from '../../web/scorer/scoring-page';

/**
 * What the scorer page shows, computed here from the services' answers so the page only
 * renders: web/ reads no service and no store.
 */

/** Satisfaction as the percentage people read (half-up, 2 decimals), a fraction with its counts; the downloads keep the exact cell. */
function satisfactionText(v: unknown): string {
  const cell = satisfactionCell(v);
  const p = percentText(v);
  return typeof cell === 'string' && cell.includes('/') ? `${p}（${cell}）` : p;
}

const show = (v: unknown, f: FieldSpec) => (f.name === 'satisfaction' ? satisfactionText(v) : String(cellOf(v, f.kind) ?? ''));

function outcomeText(row: ScoredRow, stars: boolean): string {
  if (!stars) return row.grade ?? '';
  return row.stars ? `${starsText(row.stars)}（${row.stars}星）` : '不定星级';
}

/** True when these params give the rule a satisfaction column (always, but for `weighted` without one). */
function fillsSatisfaction(rule: RuleName, params?: Record<string, unknown>): boolean {
  try {
    return takesSatisfaction(sheetColumns(rule, params ?? undefined));
  } catch {
    return true; // params the domain refuses: the error is shown; keep the choice visible
  }
}

/** Preset 考核细则 that fit this rule (their fields are the rule's scores). */
function sheetsFor(rule: RuleName): RuleView['sheets'] {
  return Object.keys(SHEET_PRESETS).flatMap((name) => {
    try {
      templateFields(rule, { sheet: name });
      return [{ name, label: SHEET_LABELS[name] ?? name }];
    } catch {
      return [];
    }
  });
}

const SHEET_LABELS: Record<string, string> = { 'first-secretary-001': '按001第十六条考核细则逐项填写（工作目标考评得分由各项计算）' };

/** Params the form does not lay out (quotas, noStarBelow, satisfactionRules …), as JSON for the 更多参数 box. */
function moreParams(rule: RuleName, params?: Record<string, unknown>): string {
  if (!params) return '';
  const laid = new Set([...Object.keys(startingParams(rule)), 'sheet']);
  const empty = (v: unknown) => v === null || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v as object).length === 0);
  // The default ★5 quota is the form's fiveStarShare; only other outcomes' quotas need the box.
  const more = Object.entries(params).filter(([k, v]) => !laid.has(k) && !empty(v) && !(k === 'minDeduction' && v === 20));
  const shown = more.map(([k, v]): [string, unknown] => {
    if (k !== 'quotas' || rule !== 'star-rating') return [k, v];
    const { '5': five, ...rest } = v as Record<string, { max?: number; min?: number }>;
    const keep = five && five.min !== undefined ? { ...rest, '5': { min: five.min } } : rest;
    return [k, keep];
  });
  const kept = shown.filter(([, v]) => !empty(v));
  return kept.length ? JSON.stringify(Object.fromEntries(kept)) : '';
}

export function ruleView(rule: RuleName, params?: Record<string, unknown>): RuleView {
  return {
    label: rules[rule].label,
    notes: RULE_NOTES[rule],
    startingParams: startingParams(rule),
    fillsSatisfaction: fillsSatisfaction(rule, params),
    sheets: sheetsFor(rule),
    sheet: typeof params?.sheet === 'string' ? params.sheet : undefined,
    more: moreParams(rule, params),
  };
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
      ...(mass ? [{ text: String(twoPlaces(row.mass) ?? ''), numeric: true }] : []),
      { text: row.total === null ? '—' : String(row.total), numeric: true, strong: true },
      { text: outcomeText(row, stars), strong: true },
      { text: '', lines: row.reasons.map(reasonText) },
      { text: sourceText(source), tone: source ? (source.valid ? 'yes' : 'no') : undefined },
    ];
  });
  return { header, rows };
}

const scoredText = (scored: boolean, optional: boolean) => (!scored ? '否：缺少满意度' : optional ? '是（满意度选填）' : '是（用表中填写的满意度）');

export function resultView(result: SheetScoring, fileName?: string): ResultView {
  const optional = sheetColumns(result.rule, result.params).some((f) => f.name === 'satisfaction' && !f.required);
  return {
    rule: result.rule,
    label: rules[result.rule].label,
    fileName,
    rowCount: result.rows.length,
    filledCount: result.filled.length,
    invalidCount: result.filled.filter((f) => !f.valid).length,
    complete: result.complete,
    ignoredColumns: result.ignoredColumns,
    warnings: result.warnings,
    unmatched: result.unmatched.map((u) => ({ line: u.line, id: String(u.id ?? ''), reason: u.reason, scored: u.scored, scoredText: scoredText(u.scored, optional) })),
    table: rankedTable(result),
  };
}
