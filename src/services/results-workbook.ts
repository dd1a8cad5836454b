import { ABSTAIN_LABEL, GRADE_LABELS, GRADES } from '../domain/grades';
import type { Meeting } from '../domain/meeting';
import type { Results } from '../domain/results';
import { percentText } from '../domain/satisfaction';
import type { SlipSummary } from '../domain/turnout';
import type { Cell, SheetSpec } from '../lib/workbook';
import { resultsTable } from './csv-views';

const beijing = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');
/** "93.33%" → 93.33: in Excel a number, so a scorer can compute with it. */
const asNumber = (cell: Cell): Cell => (typeof cell === 'string' && /^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell);
/** Column width in Excel characters for CJK text (each character is two). */
const widthOf = (cells: Cell[]) => Math.min(40, Math.max(8, ...cells.map((c) => [...String(c ?? '')].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) + 2)));

/**
 * The results workbook: a 结果 sheet to print and file (title, unit, times, validity, the
 * subject table, turnout by category, the slips summary) and a 分类 sheet with the per-category
 * breakdown (small groups already merged, as the results give it).
 */
export function resultsSheets(m: Meeting, r: Results, slips: SlipSummary): SheetSpec[] {
  const [header, ...rows] = resultsTable(r);
  const percent = header.indexOf('满意度(%)');
  const subjects = rows.map((row) => row.map((cell, i) => (i === percent ? asNumber(cell) : cell)));
  const validity = `${r.valid ? '结果有效' : '结果无效'}：应参加 ${r.eligible} 人，实际参加 ${r.cast} 人（${percentText(r.cast, r.eligible)}），至少需 ${r.required} 人${r.spoilt ? `；其中废票 ${r.spoilt} 张` : ''}`;
  const summary: Cell[][] = [
    [`${m.title} 测评结果`],
    [`被测评单位：${m.organization ?? '—'}`],
    [`投票时间：${beijing(m.openedAt)} 至 ${beijing(m.closedAt)}`],
    [validity],
    [],
    header,
    ...subjects,
    [],
    ['类别', '应参加', '实际参加', '参加率'],
    ...r.categories.map((c) => [c.label, c.eligible, c.cast, percentText(c.cast, c.eligible)]),
    ['合计', r.eligible, r.cast, percentText(r.cast, r.eligible)],
    [],
    ['测评码', '发出', '作废', '收回', '未用'],
    ['张数', slips.issued, slips.voided, slips.used, slips.unused],
  ];
  // Widths from the table's own cells, not the long title lines (those overflow into empty cells).
  const table = [header, ...subjects];
  const widths = header.map((_, i) => widthOf(table.map((row) => row[i] ?? null)));
  const byCategory: Cell[][] = [['测评对象', '类别', ...GRADES.map((g) => GRADE_LABELS[g]), ABSTAIN_LABEL, '票数', '满意度']];
  for (const s of r.withheld ? [] : r.subjects) {
    for (const g of s.byCategory ?? []) {
      const satisfied = m.rule.satisfiedGrades.reduce((n, grade) => n + g.counts[grade], 0);
      byCategory.push([s.name, g.label, ...GRADES.map((grade) => g.counts[grade]), g.counts.abstain, g.cast, percentText(satisfied, g.cast)]);
    }
  }
  if (byCategory.length === 1) byCategory.push([`各类别人数少于 ${m.rule.minGroup} 票或只有一个类别：不分类别列出，以免推断出个人投票`]);
  const catWidths = byCategory[0].map((_, i) => widthOf(byCategory.slice(0, 200).map((row) => (row.length > 1 ? row[i] ?? null : null))));
  return [
    { name: '结果', rows: summary, widths },
    { name: '分类', rows: byCategory, widths: catWidths },
  ];
}
