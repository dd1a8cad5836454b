import { reasonText, rules, SHEET_PRESETS, templateFields, type FieldSpec, type RuleName, type ScoredRow } from '../domain/scoring';
import { toCsv } from '../lib/csv';
import { workbookBytes, type Cell } from '../lib/workbook';
import { headerText, sheetColumns, takesSatisfaction } from './scoring-columns';
import type { FilledRow } from './scoring-fill';
import { cellOf, percentCell, satisfactionCell, twoPlaces } from './scoring-format';
import { a4Landscape } from './scoring-print';
import type { SheetScoring } from './scoring-upload';



export const starsText = (n: number) => '★'.repeat(n);
export const starsCell = (n: number | undefined): Cell => (n === undefined ? null : n === 0 ? '不定星级' : n);

export function sourceText(f: FilledRow | undefined): string {
  if (!f) return '';
  return `${f.meeting} · ${f.subject}：${f.satisfied}/${f.cast}（${f.valid ? '结果有效' : `不予采用为最高等次：${f.invalidReason ?? '结果无效'}`}）`;
}

/**
 * Row positions in table order: by rank, and within each category first where ranks are
 * per category (第一书记). Equal ranks keep sheet order.
 */
export function rankedOrder(rows: ScoredRow[]): number[] {
  const groups: unknown[] = [];
  for (const r of rows) if (!groups.includes(r.category)) groups.push(r.category);
  return rows
    .map((_, i) => i)
    .sort((a, b) => groups.indexOf(rows[a].category) - groups.indexOf(rows[b].category) || rows[a].rank - rows[b].rank || a - b);
}

/** Fields an itemized sheet computed (工作目标考评得分 …), shown after the items. */
function computedFields(s: SheetScoring): FieldSpec[] {
  const sheet = (s.params as { sheet?: unknown }).sheet;
  if (sheet === undefined) return [];
  const plain = templateFields(s.rule, { ...s.params, sheet: undefined });
  const names = Object.keys(typeof sheet === 'string' ? SHEET_PRESETS[sheet] ?? {} : (sheet as object));
  return plain.filter((f) => names.includes(f.name));
}

/** The ranked table as published: the sheet's columns (so the file can be uploaded again), then the outcome and why. */
export function resultTable(s: SheetScoring) {
  const columns = sheetColumns(s.rule, s.params);
  const computed = computedFields(s);
  const stars = rules[s.rule].output === 'stars';
  const mass = s.rule === 'upgrade-composite';
  const percent = takesSatisfaction(columns);
  const header: Cell[] = [
    '排名',
    ...columns.map(headerText),
    ...(percent ? ['满意度（%）'] : []),
    ...computed.map((f) => `${f.label}（细则合计）`),
    ...(mass ? ['群众测评得分'] : []),
    '总分',
    stars ? '星级' : '等次',
    '说明',
    '满意度来源',
  ];
  const cells = (r: Record<string, unknown>) => [
    ...columns.map((f) => (f.name === 'satisfaction' ? satisfactionCell(r[f.name]) : cellOf(r[f.name], f.kind))),
    ...(percent ? [percentCell(r.satisfaction)] : []),
    ...computed.map((f) => twoPlaces(r[f.name])),
  ];
  const byLine = new Map(s.filled.map((f) => [f.line, f]));
  const rows = rankedOrder(s.rows).map((i): Cell[] => {
    const r = s.rows[i];
    return [
      r.rank,
      ...cells(r),
      ...(mass ? [twoPlaces(r.mass)] : []),
      r.total,
      stars ? starsCell(r.stars) : (r.grade ?? null),
      r.reasons.map(reasonText).join('；'),
      sourceText(byLine.get(s.lines[i])),
    ];
  });
  // Rows that could not be computed stay in the table, so the printed list has every unit.
  const left = s.leftOut.map(({ line, row, reason }): Cell[] => [
    '未计算',
    ...cells({ ...row, satisfaction: row.satisfaction }),
    ...(mass ? [null] : []),
    null,
    null,
    `表格第${line}行未参与计算：${reason}`,
    null,
  ]);
  return { header, rows: [...rows, ...left] };
}

const PARAM_LABELS: Record<string, string> = {
  weights: '权重',
  bands: '等次分数线',
  lowest: '最低档',
  quotas: '名额',
  quotaRounding: '名额取整方式',
  shares: '名额比例',
  excellentMinBase: '评为优秀所需的基本得分',
  satisfactionLevels: '按群众满意度直接定等次',
  bonusCap: '加分上限',
  fiveStarMinBase: '评为五星所需的基础项得分',
  fiveStarShare: '五星比例上限',
  noStarBelow: '低于此总分不定星级',
  satisfactionRules: '按满意率扣分或不定星级',
  minDeduction: '减分项一次不少于',
  sheet: '考核细则',
};
const ROUNDING_WORDS: Record<string, string> = { floor: '向下取整', round: '四舍五入', ceil: '向上取整' };
const pct = (x: unknown) => `${Math.round(Number(x) * 10000) / 100}%`;

/** One param as a scorer reads it: "≥90分 好；≥80分 较好", "五星：不超过30%". */
function paramText(key: string, v: unknown, fields: FieldSpec[]): string {
  const label = (name: string) => fields.find((f) => f.name === name)?.label ?? (name === 'mass' ? '群众测评分' : name === 'score' ? '基础项+加分项−减分项' : name);
  if (v === null || v === undefined) return '无';
  if (key === 'weights') return Object.entries(v as object).map(([k, w]) => `${label(k)} ${w}`).join('，');
  if (key === 'bands') return (v as Array<Record<string, unknown>>).map((b) => `${b.min}分及以上 ${b.grade ?? `${b.stars}星`}`).join('；');
  if (key === 'quotas') {
    const e = Object.entries(v as Record<string, { max?: number; min?: number }>);
    return e.length === 0 ? '无' : e.map(([o, q]) => `${/^\d$/.test(o) ? `${o}星` : o}：${[q.max !== undefined && `不超过${pct(q.max)}`, q.min !== undefined && `不少于${pct(q.min)}`].filter(Boolean).join('，')}`).join('；');
  }
  if (key === 'shares') return `优秀 ${pct((v as { excellent: number }).excellent)}，良好 ${pct((v as { good: number }).good)}`;
  if (key === 'fiveStarShare') return pct(v);
  if (key === 'quotaRounding') return ROUNDING_WORDS[String(v)] ?? String(v);
  if (key === 'satisfactionLevels') {
    const l = v as Array<{ below: number; grade: string }>;
    return l.length === 0 ? '无' : l.map((x) => `低于${pct(x.below)} ${x.grade}`).join('；');
  }
  if (key === 'satisfactionRules') {
    const l = v as Array<{ below: number; deduct?: number; noStar?: boolean }>;
    return l.length === 0 ? '无' : l.map((x) => `低于${x.below}%${x.deduct ? ` 扣${x.deduct}分` : ''}${x.noStar ? ' 不定星级' : ''}`).join('；');
  }
  if (key === 'sheet') return typeof v === 'string' ? `预置细则 ${v}` : `自定义细则（${Object.keys(v as object).join('、')}）`;
  if (key === 'lowest' && typeof v === 'number') return v === 0 ? '不定星级' : `${v}星`;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The params as a readable table (one line each), then the JSON a scorer can paste back. */
export function paramsTable(rule: RuleName, params: Record<string, unknown>): Cell[][] {
  const fields = templateFields(rule, { ...params, sheet: undefined });
  return [
    ...Object.entries(params).map(([k, v]): Cell[] => ['参数', PARAM_LABELS[k] ?? k, paramText(k, v, fields)]),
    ['参数（JSON，可复制到评分页面）', JSON.stringify(params)],
  ];
}

/** What a reader of the exported file must know besides the table: rule, params, rows left out. */
function aboutSheet(s: SheetScoring): Cell[][] {
  return [
    ['评分规则', `${rules[s.rule].label}（${s.rule}）`],
    ['计算行数', s.rows.length],
    ['结果是否完整', s.complete ? '完整' : '不完整：下列行缺少满意度，未参与计算，名额按已计算的行数确定'],
    ...paramsTable(s.rule, s.params),
    ...s.warnings.map((w): Cell[] => ['提示', w]),
    [],
    ['未匹配满意度的行', '编号', '原因', '是否参与计算'],
    ...s.unmatched.map((u): Cell[] => [`第${u.line}行`, cellOf(u.id), u.reason, u.scored ? '是（用表中填写的满意度）' : '否']),
  ];
}

/** Per row, the points of each item of an itemized sheet (the answer's `items`), by section. */
function itemsSheet(s: SheetScoring): Cell[][] | null {
  const items = sheetColumns(s.rule, s.params).filter((f) => f.group);
  if (items.length === 0) return null;
  const groups = [...new Set(items.map((f) => f.group!))];
  const header: Cell[] = ['编号', ...items.map((f) => `${f.label}（得分）`), ...groups.map((g) => `${g}（合计）`)];
  const rows = rankedOrder(s.rows).map((i): Cell[] => {
    const r = s.rows[i] as ScoredRow & { items?: Record<string, number>; sections?: Record<string, number> };
    const sections = Object.values(r.sections ?? {});
    return [cellOf(r.id), ...items.map((f) => twoPlaces(r.items?.[f.name] ?? 0)), ...sections.map((x) => twoPlaces(x))];
  });
  return [header, ...rows];
}

export function resultXlsx(s: SheetScoring): ArrayBuffer {
  const t = resultTable(s);
  const items = itemsSheet(s);
  const bytes = workbookBytes([
    { name: '评分结果', rows: [t.header, ...t.rows], widths: t.header.map((_, i) => (i === 0 ? 6 : 14)) },
    ...(items ? [{ name: '各项得分', rows: items, widths: items[0].map((_, i) => (i === 0 ? 10 : 14)) }] : []),
    { name: '说明', rows: aboutSheet(s), widths: [18, 24, 60, 22] },
  ]);
  return a4Landscape(bytes);
}

export function resultCsv(s: SheetScoring): string {
  const t = resultTable(s);
  return toCsv([t.header, ...t.rows]);
}

export const resultName = (rule: RuleName, ext: 'xlsx' | 'csv') => `评分结果-${rules[rule].label}.${ext}`;
