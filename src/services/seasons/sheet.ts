import type { Services } from '../context';
import { templateFields, type FieldSpec } from '../../domain/scoring';
import type { Season } from '../../domain/season';
import { ruleParams } from '../../domain/season-result';
import { workbookBytes, type Cell } from '../../lib/workbook';
import { headerText } from '../scoring-columns';
import { readSheet } from '../scoring-sheet';
import type { Frozen } from './result';

const ENTRY: FieldSpec = { name: 'entry', label: '考评对象编号', kind: 'id', required: true };
const NAME: FieldSpec = { name: 'name', label: '考评对象', kind: 'text', required: false };

/** Columns the scorer fills: the rule's fields after the entry, satisfaction only by hand (entries without meetings). */
function inputColumns(season: Season): FieldSpec[] {
  return templateFields(season.rule, ruleParams(season.params))
    .filter((f) => f.name !== 'id')
    .map((f) => (f.name === 'satisfaction' ? { ...f, label: '手工满意度（仅限未关联测评会的对象）', required: false } : f));
}

// Columns written for reading only: uploads do not map them, so what the ballots say cannot be typed over.
const READ_ONLY = ['满意度（来自选票，只读）', '满意度分数（只读）', '总分（只读）', '等次/星级（只读）', '排名（只读）', '说明（只读）'];

/**
 * The season as the rule's sheet: entries pre-listed, the scorer's rows filled in, the
 * satisfaction from ballots and the current result beside them, read-only. Uploading it back
 * replaces the rows.
 */
export function seasonXlsx(season: Season, current: Frozen): ArrayBuffer {
  const columns = inputColumns(season);
  const byEntry = new Map(current.result.rows.map((r) => [r.entry, r]));
  const header: Cell[] = [headerText(ENTRY), headerText(NAME), ...columns.map(headerText), ...READ_ONLY];
  const lines: Cell[][] = season.entries.map((e) => {
    const r = byEntry.get(e.key)!;
    const ballots = r.satisfactionFrom === 'ballots';
    const outcome = current.result.output === 'stars' ? r.stars : r.grade;
    return [
      e.key,
      e.name,
      ...columns.map((f): Cell => {
        if (f.name === 'satisfaction') return ballots ? null : ((r.satisfaction as Cell) ?? null);
        const v = r[f.name];
        return v === undefined || v === null ? null : typeof v === 'boolean' ? (v ? '是' : '否') : (v as Cell);
      }),
      ballots ? r.fraction : null,
      ballots ? r.satisfactionPercent as Cell : null,
      r.total,
      outcome === undefined ? null : (outcome as Cell),
      r.rank,
      r.reasons.join('；'),
    ];
  });
  const notes: Cell[][] = [
    ['考评', season.title],
    ['评分规则', season.rule],
    ['填写方法', '每个考评对象一行，编号（entry）一列不要改动；标“只读”的列上传时不读取。'],
    ['', '满意度来自关联测评会的选票，不能手工填写；只有没有关联测评会的对象才可填写“手工满意度”。'],
    ['', '上传本表即替换全部评分数据；整行留空的对象视为尚未录入。'],
  ];
  return workbookBytes([
    { name: '评分数据', rows: [header, ...lines], widths: header.map((h) => Math.min(40, Math.max(12, String(h).length * 2))) },
    { name: '填写说明', rows: notes, widths: [12, 90] },
  ]);
}

/** An uploaded season sheet → rows by entry key, with their sheet lines; entries left blank are not rows. */
export async function readSeasonSheet(services: Services, bytes: Uint8Array, season: Season): Promise<{ rows: Record<string, unknown>[]; lines: number[] }> {
  const columns = inputColumns(season);
  // Through the services' reader: on Node a worker thread whose memory a bomb cannot exceed.
  const sheet = await (services.sheets ?? readSheet)(bytes, [ENTRY, NAME, ...columns], new Set());
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  sheet.rows.forEach((row, i) => {
    const { name: _name, ...cells } = row;
    if (Object.keys(cells).every((k) => k === 'entry')) return;
    rows.push(cells);
    lines.push(sheet.lines[i]);
  });
  return { rows, lines };
}
