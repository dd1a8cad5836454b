import { GRADE_LABELS, GRADES } from '../domain/grades';
import { withheldText, type Results } from '../domain/results';
import { toCsv } from '../lib/csv';
import type { SatisfactionRow } from './satisfaction';

const yesNo = (b: boolean) => (b ? '是' : '否');
const percent = (p: string) => p.replace('%', '');

/** One row per subject, as the CSV and the Excel download both show it. */
export function resultsTable(r: Results): (string | number)[][] {
  const header = ['测评对象', ...GRADES.map((g) => GRADE_LABELS[g]), '参评票数', '应参加人数', '满意度(%)', '达到门槛', '结果有效'];
  if (r.withheld) {
    return [
      header,
      ...r.subjects.map((s) => [s.name, ...GRADES.map(() => ''), '', r.eligible, '', '', yesNo(r.valid)]),
      [withheldText(r.cast, r.minGroup)],
    ];
  }
  return [
    header,
    ...r.subjects.map((s) => [s.name, ...GRADES.map((g) => s.counts[g]), s.cast, r.eligible, percent(s.satisfactionPercent), yesNo(s.meetsThreshold), yesNo(r.valid)]),
  ];
}

export function resultsCsv(r: Results): string {
  return toCsv(resultsTable(r));
}

export function satisfactionCsv(rows: SatisfactionRow[]): string {
  return toCsv([
    ['测评会编号', '测评会', '测评对象编号', '测评对象', '单位', '应参加人数', '参评票数', '结果有效', '满意度(%)', '满意度系数'],
    ...rows.map((x) => [x.meetingId, x.meeting, x.subjectId, x.subject, x.organization, x.eligible, x.cast, yesNo(x.valid), x.satisfactionPercent === null ? '' : percent(x.satisfactionPercent), x.satisfaction ?? '']),
  ]);
}
