import type { FillMode, InputRow } from '../../src/domain/scoring/types';
import { CsrfField, Flash } from '../staff/layout';

/** What the download form re-posts: the rows as read from the sheet, recomputed on the server. */
export interface ExportPayload {
  rows: InputRow[];
  lines: number[];
  params: unknown;
  fill: FillMode;
}

/** One cell of the on-screen ranked table, ready to show. */
export interface RankedCell {
  text: string;
  numeric?: boolean;
  strong?: boolean;
  /** Shown one per line instead of `text` (the reasons). */
  lines?: string[];
  tone?: 'yes' | 'no';
}

/** A scoring result as the page shows it (built in src/http/scoring-view.ts). */
export interface ResultView {
  rule: string;
  label: string;
  fileName?: string;
  rowCount: number;
  filledCount: number;
  /** Filled rows whose meeting's result is invalid (turnout short). */
  invalidCount: number;
  complete: boolean;
  ignoredColumns: string[];
  /** Accepted, but outside what a regulation says "in principle". */
  warnings: string[];
  /** `scoredText` says how an unmatched row was still scored (its own figure, or satisfaction is optional). */
  unmatched: { line: number; id: string; reason: string; scored: boolean; scoredText: string }[];
  table: { header: string[]; rows: RankedCell[][] };
}

function Downloads({ csrf, rule, payload }: { csrf: string; rule: string; payload: ExportPayload }) {
  return (
    <form class="actions" method="post" action="/staff/scoring/export" enctype="multipart/form-data">
      <CsrfField token={csrf} />
      <input type="hidden" name="rule" value={rule} />
      <input type="hidden" name="fill" value={payload.fill} />
      <input type="hidden" name="params" value={JSON.stringify(payload.params ?? {})} />
      <input type="hidden" name="rows" value={JSON.stringify(payload.rows)} />
      <input type="hidden" name="lines" value={JSON.stringify(payload.lines)} />
      <button type="submit" name="format" value="xlsx" id="download-xlsx">
        下载排名表（Excel .xlsx）
      </button>
      <button type="submit" name="format" value="csv" class="secondary" id="download-csv">
        下载 CSV
      </button>
    </form>
  );
}

function Unmatched({ unmatched }: { unmatched: ResultView['unmatched'] }) {
  if (unmatched.length === 0) return null;
  return (
    <>
      <h3>未匹配到满意度的行（{unmatched.length}）</h3>
      <div class="scroll">
        <table id="unmatched">
          <thead>
            <tr>
              <th>表格行</th>
              <th>编号</th>
              <th>原因</th>
              <th>是否参与计算</th>
            </tr>
          </thead>
          <tbody>
            {unmatched.map((u) => (
              <tr>
                <td class="n">{u.line}</td>
                <td>{u.id}</td>
                <td>{u.reason}</td>
                <td class={u.scored ? 'yes' : 'no'}>{u.scoredText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Cell({ cell }: { cell: RankedCell }) {
  const body = cell.lines ? cell.lines.map((line) => <div>{line}</div>) : cell.strong ? <strong>{cell.text}</strong> : cell.text;
  return <td class={cell.numeric ? 'n' : cell.tone}>{body}</td>;
}

function RankedTable({ table }: { table: ResultView['table'] }) {
  return (
    <div class="scroll">
      <table id="ranked">
        <thead>
          <tr>
            {table.header.map((h) => (
              <th>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>
              {row.map((cell) => (
                <Cell cell={cell} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The result: counts, warnings, downloads, the ranked table and the rows that found no meeting. */
export function ResultSection({ view, csrf, payload }: { view: ResultView; csrf: string; payload: ExportPayload }) {
  return (
    <section id="result" class="card">
      <h2>计算结果 · {view.label}</h2>
      <p>
        {view.fileName && <>文件“{view.fileName}”，</>}共计算 <strong>{view.rowCount}</strong> 行
        {view.filledCount > 0 && <>；自动填入满意度 {view.filledCount} 行</>}
        {view.invalidCount > 0 && <span class="no">，其中 {view.invalidCount} 行来自结果无效的测评会（参加人数未达要求）</span>}
        {view.unmatched.length > 0 && <>；未匹配 {view.unmatched.length} 行</>}。
      </p>
      {!view.complete && <Flash tone="err">结果不完整：有的行缺少满意度，未参与计算，名额按已计算的行数确定。补齐后请重新计算。</Flash>}
      {view.ignoredColumns.length > 0 && <p class="muted">以下列未能识别，已忽略：{view.ignoredColumns.join('、')}</p>}
      {view.warnings.length > 0 && (
        <ul id="warnings">
          {view.warnings.map((w) => (
            <li>提示：{w}</li>
          ))}
        </ul>
      )}
      <Downloads csrf={csrf} rule={view.rule} payload={payload} />
      <RankedTable table={view.table} />
      <Unmatched unmatched={view.unmatched} />
    </section>
  );
}
