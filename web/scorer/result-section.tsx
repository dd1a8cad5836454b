import { rules, type FieldSpec } from '../../src/domain/scoring';
import type { InputRow, ScoredRow } from '../../src/domain/scoring/types';
import { sheetColumns } from '../../src/services/scoring-columns';
import type { FillMode } from '../../src/services/scoring-fill';
import { cellOf, rankedOrder, reasonText, sourceText, starsText } from '../../src/services/scoring-export';
import { percentText, satisfactionCell, twoPlaces } from '../../src/services/scoring-format';
import type { SheetScoring } from '../../src/services/scoring-upload';
import { CsrfField, Flash } from '../staff/layout';

/** What the download form re-posts: the rows as read from the sheet, recomputed on the server. */
export interface ExportPayload {
  rows: InputRow[];
  lines: number[];
  params: unknown;
  fill: FillMode;
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

function Unmatched({ result }: { result: SheetScoring }) {
  if (result.unmatched.length === 0) return null;
  const optional = sheetColumns(result.rule, result.params).some((f) => f.name === 'satisfaction' && !f.required);
  return (
    <>
      <h3>未匹配到满意度的行（{result.unmatched.length}）</h3>
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
            {result.unmatched.map((u) => (
              <tr>
                <td class="n">{u.line}</td>
                <td>{String(u.id ?? '')}</td>
                <td>{u.reason}</td>
                <td class={u.scored ? 'yes' : 'no'}>{u.scored ? (optional ? '是（满意度选填）' : '是（用表中填写的满意度）') : '否：缺少满意度'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

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

/**
 * The ranked table as a scorer reads it on screen: short headers, empty optional columns left
 * out, outcome and reasons last. The downloads carry every column.
 */
function RankedTable({ result }: { result: SheetScoring }) {
  const stars = rules[result.rule].output === 'stars';
  const columns = sheetColumns(result.rule, result.params).filter((f) => f.required || f.kind === 'flag' || result.rows.some((r) => r[f.name] !== undefined));
  const sources = new Map(result.filled.map((f) => [f.line, f]));
  return (
    <div class="scroll">
      <table id="ranked">
        <thead>
          <tr>
            <th>排名</th>
            {columns.map((f) => (
              <th>{f.label}</th>
            ))}
            {result.rule === 'upgrade-composite' && <th>群众测评得分</th>}
            <th>总分</th>
            <th>{stars ? '星级' : '等次'}</th>
            <th>说明</th>
            <th>满意度来源</th>
          </tr>
        </thead>
        <tbody>
          {rankedOrder(result.rows).map((i) => {
            const row = result.rows[i];
            const source = sources.get(result.lines[i]);
            return (
              <tr>
                <td class="n">{row.rank}</td>
                {columns.map((f) => (
                  <td class={f.kind === 'number' ? 'n' : undefined}>{show(row[f.name], f)}</td>
                ))}
                {result.rule === 'upgrade-composite' && <td class="n">{twoPlaces(row.mass)}</td>}
                <td class="n">
                  <strong>{row.total === null ? '—' : row.total}</strong>
                </td>
                <td>
                  <strong>{outcomeText(row, stars)}</strong>
                </td>
                <td>
                  {row.reasons.map((r) => (
                    <div>{reasonText(r)}</div>
                  ))}
                </td>
                <td class={source ? (source.valid ? 'yes' : 'no') : undefined}>{sourceText(source)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The result: counts, warnings, downloads, the ranked table and the rows that found no meeting. */
export function ResultSection({ result, csrf, payload, fileName }: { result: SheetScoring; csrf: string; payload: ExportPayload; fileName?: string }) {
  const invalid = result.filled.filter((f) => !f.valid).length;
  return (
    <section id="result" class="card">
      <h2>计算结果 · {rules[result.rule].label}</h2>
      <p>
        {fileName && <>文件“{fileName}”，</>}共计算 <strong>{result.rows.length}</strong> 行
        {result.filled.length > 0 && <>；自动填入满意度 {result.filled.length} 行</>}
        {invalid > 0 && <span class="no">，其中 {invalid} 行来自结果无效的测评会（参加人数未达要求）</span>}
        {result.unmatched.length > 0 && <>；未匹配 {result.unmatched.length} 行</>}。
      </p>
      {!result.complete && <Flash tone="err">结果不完整：有的行缺少满意度，未参与计算，名额按已计算的行数确定。补齐后请重新计算。</Flash>}
      {result.ignoredColumns.length > 0 && <p class="muted">以下列未能识别，已忽略：{result.ignoredColumns.join('、')}</p>}
      {result.warnings.length > 0 && (
        <ul id="warnings" class="muted">
          {result.warnings.map((w) => (
            <li>提示：{w}</li>
          ))}
        </ul>
      )}
      <Downloads csrf={csrf} rule={result.rule} payload={payload} />
      <RankedTable result={result} />
      <Unmatched result={result} />
    </section>
  );
}
