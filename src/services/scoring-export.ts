import { rules, type FieldSpec, type RuleName, type ScoredRow } from '../domain/scoring';
import { toCsv } from '../lib/csv';
import { workbookBytes, type Cell } from '../lib/workbook';
import { headerText, sheetColumns } from './scoring-columns';
import type { FilledRow } from './scoring-fill';
import type { SheetScoring } from './scoring-upload';

/** A reason without its machine code: the Chinese is what a published table shows. */
export const reasonText = (r: string) => r.replace(/^[a-z_]+:\s*/, '');

export const starsText = (n: number) => '★'.repeat(n);

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

/** A cell as the sheet shows it: flags as 是/否 (blank is 否), the rest as given. */
export function cellOf(v: unknown, kind?: FieldSpec['kind']): Cell {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v === undefined || v === null) return kind === 'flag' ? '否' : '';
  return typeof v === 'number' || typeof v === 'string' ? v : String(v);
}

/** The ranked table as published: the sheet's columns (so the file can be uploaded again), then the outcome and why. */
export function resultTable(s: SheetScoring) {
  const columns = sheetColumns(s.rule, s.params);
  const stars = rules[s.rule].output === 'stars';
  const mass = s.rule === 'upgrade-composite';
  const header: Cell[] = ['排名', ...columns.map(headerText), ...(mass ? ['群众测评得分'] : []), '总分', stars ? '星级' : '等次', '说明', '满意度来源'];
  const byLine = new Map(s.filled.map((f) => [f.line, f]));
  const rows = rankedOrder(s.rows).map((i): Cell[] => {
    const r = s.rows[i];
    return [
      r.rank,
      ...columns.map((f) => cellOf(r[f.name], f.kind)),
      ...(mass ? [r.mass as number] : []),
      r.total,
      stars ? (r.stars ?? null) : (r.grade ?? null),
      r.reasons.map(reasonText).join('；'),
      sourceText(byLine.get(s.lines[i])),
    ];
  });
  return { header, rows };
}

/** What a reader of the exported file must know besides the table: rule, params, rows left out. */
function aboutSheet(s: SheetScoring): Cell[][] {
  return [
    ['评分规则', `${rules[s.rule].label}（${s.rule}）`],
    ['参数', JSON.stringify(s.params)],
    ['计算行数', s.rows.length],
    ['结果是否完整', s.complete ? '完整' : '不完整：下列行缺少满意度，未参与计算，名额按已计算的行数确定'],
    [],
    ['未匹配满意度的行', '编号', '原因', '是否参与计算'],
    ...s.unmatched.map((u): Cell[] => [`第${u.line}行`, cellOf(u.id), u.reason, u.scored ? '是（用表中填写的满意度）' : '否']),
  ];
}

export function resultXlsx(s: SheetScoring): ArrayBuffer {
  const t = resultTable(s);
  return workbookBytes([
    { name: '评分结果', rows: [t.header, ...t.rows], widths: t.header.map((_, i) => (i === 0 ? 6 : 14)) },
    { name: '说明', rows: aboutSheet(s), widths: [18, 16, 60, 22] },
  ]);
}

export function resultCsv(s: SheetScoring): string {
  const t = resultTable(s);
  return toCsv([t.header, ...t.rows]);
}

export const resultName = (rule: RuleName, ext: 'xlsx' | 'csv') => `评分结果-${rules[rule].label}.${ext}`;
