import { DomainError } from './errors';
import { readRows, ID_FIELD } from './scoring/rows';
import type { FieldSpec, InputRow } from './scoring/types';
import type { Entry } from './season';

export interface RowProblem {
  /** The row's line: 1-based position in the JSON, or the sheet's line number. */
  row: number;
  field: string;
  message: string;
}

/** A scorer's row for one entry: the rule's inputs by field name, `entry` the entry's key. */
export type SeasonRow = InputRow & { entry: string };

/** Fields the season fills from the entry itself when a row leaves them out. */
export const FROM_ENTRY = ['category', 'organization'] as const;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** One cell through the rule's own reader, so a season accepts exactly what the scoring API accepts. */
function cellProblem(f: FieldSpec, v: unknown): string | null {
  try {
    readRows([{ id: 'x', [f.name]: v }], [ID_FIELD, f]);
    return null;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return err.message.replace(/^第1行（编号 x）/, '');
  }
}

/**
 * Checks every row and every cell, and reports every problem at once (a scorer fixes a
 * sheet in one pass): unknown or repeated entries, unknown columns, bad cells, and a
 * satisfaction typed by hand for an entry whose satisfaction comes from ballots.
 */
export function checkSeasonRows(input: unknown, entries: Entry[], linked: ReadonlySet<string>, fields: FieldSpec[], lines?: number[]): SeasonRow[] {
  if (!Array.isArray(input)) throw new DomainError('invalid_rows', 'rows 应为数组（每个考评对象一行）');
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const known = new Map(fields.filter((f) => f.name !== 'id').map((f) => [f.name, f]));
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  const rows: SeasonRow[] = [];
  input.forEach((raw: unknown, i) => {
    const row = lines?.[i] ?? i + 1;
    const say = (field: string, message: string) => problems.push({ row, field, message: `第${row}行：${message}` });
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return say('', '应为对象，如 {"entry": "A01", …}');
    const cells = raw as Record<string, unknown>;
    const key = typeof cells.entry === 'number' ? String(cells.entry) : typeof cells.entry === 'string' ? cells.entry.trim() : '';
    const entry = byKey.get(key);
    if (!key) say('entry', '缺少 entry（考评对象编号）');
    else if (!entry) say('entry', `考评对象编号“${key}”不在本次考评的名单中`);
    else if (seen.has(key)) say('entry', `考评对象“${key}”重复出现：每个考评对象只填一行`);
    seen.add(key);
    const out: SeasonRow = { entry: key };
    for (const [name, v] of Object.entries(cells)) {
      if (name === 'entry' || blank(v)) continue;
      const f = known.get(name);
      if (!f) {
        say(name, `不认识的字段“${name}”；本规则的字段：${[...known.keys()].join('、')}`);
        continue;
      }
      if (name === 'satisfaction' && entry && linked.has(entry.id)) {
        say(name, `考评对象“${entry.name}”的满意度来自关联测评会的选票，不能手工填写`);
        continue;
      }
      const problem = cellProblem(f, v);
      if (problem) say(name, problem);
      else out[name] = typeof v === 'string' ? v.trim() : v;
    }
    for (const f of known.values()) {
      if (!f.required || f.name === 'satisfaction' || !blank(cells[f.name])) continue;
      if ((FROM_ENTRY as readonly string[]).includes(f.name) && entry?.[f.name as (typeof FROM_ENTRY)[number]]) continue;
      say(f.name, `缺少 ${f.name}（${f.label}）`);
    }
    rows.push(out);
  });
  if (problems.length) {
    const head = problems.slice(0, 3).map((p) => p.message).join('；');
    throw new DomainError('invalid_rows', `共 ${problems.length} 处需要更正：${head}${problems.length > 3 ? '……' : ''}`, { details: problems });
  }
  return rows;
}
