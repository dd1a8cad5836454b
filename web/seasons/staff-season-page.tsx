import type { Actor } from '../../src/domain/people';
import type { Season } from '../../src/domain/season';
import type { FieldSpec } from '../../src/domain/scoring';
import type { ResultRow, SeasonResult } from '../../src/domain/season-result';
import type { RowProblem } from '../../src/domain/season-rows';
import type { SatisfactionView } from '../../src/domain/season-satisfaction';
import { CsrfField, Flash, StaffPage } from '../staff/layout';
import { COLOR_LABELS, dateText, outcomeText, percentText, reasonTexts, SEASON_STATUS, totalText } from './labels';

export interface SeasonPageProps {
  actor: Actor;
  csrf: string;
  season: Season;
  satisfaction: SatisfactionView;
  result: SeasonResult;
  /** The rule's input columns (satisfaction only for entries without meetings). */
  fields: FieldSpec[];
  /** Entries fed by ballots: no satisfaction box for them. */
  linked: Set<string>;
  notice?: string;
  error?: string;
  problems?: RowProblem[];
  /** Cells as typed when a save was refused, by `<entry>:<field>`. */
  typed?: Record<string, string>;
  canFinalize: boolean;
}

const CHANGE: Record<string, string> = { up: '升', down: '降', same: '持平' };

const REASONS: Record<string, string> = { meeting_not_closed: '测评会尚未结束', meeting_invalid: '测评会无效（参加人数不足）', withheld: '投票人数低于公布下限，不计入' };

function Satisfaction({ view }: { view: SatisfactionView }) {
  return (
    <div class="scroll">
      <table id="satisfaction">
        <thead>
          <tr>
            <th>考评对象</th>
            <th class="n">满意度</th>
            <th>来自哪些测评会</th>
          </tr>
        </thead>
        <tbody>
          {view.entries.map((e) => (
            <tr>
              <td>
                {e.name}（{e.key}）
              </td>
              <td class="n">{e.fraction ? `${e.satisfactionPercent}%（${e.fraction}）` : '—'}</td>
              <td>
                {e.meetings.length === 0 && <span class="muted">没有关联测评会（可手工填写满意度）</span>}
                <ul class="plain">
                  {e.meetings.map((m) => (
                    <li>
                      <a href={`/staff/meetings/${m.meetingId}`}>{m.meeting}</a>：
                      {m.counted ? <span class="yes">计入 {m.satisfied}/{m.cast}</span> : <span class="no">不计入：{REASONS[m.reason!] ?? m.reason}</span>}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cellValue(row: ResultRow | undefined, f: FieldSpec, typed?: Record<string, string>): string {
  if (typed) return typed[`${row?.entry}:${f.name}`] ?? '';
  const v = row?.[f.name];
  if (f.name === 'satisfaction' && row?.satisfactionFrom !== 'manual') return '';
  return v === undefined || v === null ? '' : String(v);
}

function RowsForm({ season, fields, result, linked, csrf, typed }: Pick<SeasonPageProps, 'season' | 'fields' | 'result' | 'linked' | 'csrf' | 'typed'>) {
  const rowOf = new Map(result.rows.map((r) => [r.entry, r]));
  return (
    <form method="post" action={`/staff/seasons/${season.id}/rows`}>
      <CsrfField token={csrf} />
      <div class="scroll">
        <table class="rows" id="rows">
          <thead>
            <tr>
              <th>考评对象</th>
              {fields.map((f) => (
                <th>
                  {f.label}
                  {f.kind === 'number' && f.max !== undefined && <div class="muted">{`${f.min ?? 0}–${f.max}`}</div>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {season.entries.map((e) => (
              <tr>
                <td>
                  {e.name}（{e.key}）
                </td>
                {fields.map((f) => {
                  const name = `cell:${e.key}:${f.name}`;
                  const value = cellValue(typed ? ({ entry: e.key } as ResultRow) : rowOf.get(e.key), f, typed);
                  if (f.name === 'satisfaction' && linked.has(e.id)) return <td class="muted">来自选票</td>;
                  if (f.kind === 'flag') {
                    return (
                      <td>
                        <label class="inline">
                          <input type="checkbox" name={name} value="是" checked={value === 'true' || value === '是'} aria-label={`${e.name} ${f.label}`} />是
                        </label>
                      </td>
                    );
                  }
                  return (
                    <td>
                      <input type="text" inputmode={f.kind === 'number' ? 'decimal' : undefined} name={name} value={value} aria-label={`${e.name} ${f.label}`} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">整行留空的对象视为尚未录入（结果中显示“尚未录入”，不参与排名和名额）。</p>
      <div class="actions">
        <button type="submit">保存评分数据</button>
      </div>
    </form>
  );
}

function ResultTable({ result }: { result: SeasonResult }) {
  return (
    <div class="scroll">
      <table id="result">
        <thead>
          <tr>
            <th class="n">名次</th>
            <th>考评对象</th>
            <th class="n">满意度</th>
            <th class="n">总分</th>
            <th>{result.output === 'stars' ? '星级' : '等次'}</th>
            <th>三色</th>
            <th>上期 / 升降</th>
            <th>说明</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r) => (
            <tr>
              <td class="n">{r.rank ?? '—'}</td>
              <td>{r.name}</td>
              <td class="n">{percentText(r)}</td>
              <td class="n">{totalText(r)}</td>
              <td>{outcomeText(result, r)}</td>
              <td>{COLOR_LABELS[r.color]}</td>
              <td>{r.previous === undefined ? '—' : r.previous === null ? '上期无此对象' : `${r.previous.outcome ?? '—'} / ${CHANGE[r.change ?? ''] ?? '—'}`}</td>
              <td>{reasonTexts(r).join('；')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One season, for the scorer: where satisfaction comes from, the rows, the result, publication. */
export function SeasonPage(p: SeasonPageProps) {
  const s = p.season;
  const scorer = p.actor.role !== 'supervisor';
  return (
    <StaffPage title={s.title} actor={p.actor} csrf={p.csrf}>
      <p>
        <a href="/staff/seasons">← 考评列表</a>
      </p>
      <h1>{s.title}</h1>
      <p>
        状态：<b id="status">{SEASON_STATUS[s.status]}</b>
        {s.status !== 'draft' && (
          <>
            {' '}· 公示期 {dateText(s.noticeFrom)} 至 {dateText(s.noticeUntil)} · <a href={`/seasons/${s.id}/notice`}>公示表</a> · <a href={`/seasons/${s.id}/board`}>三色公示榜</a>
          </>
        )}
      </p>
      {p.notice && <Flash tone="ok">{p.notice}</Flash>}
      {p.error && (
        <Flash tone="err">
          {p.error}
          {p.problems && (
            <ul id="problems">
              {p.problems.map((x) => (
                <li>{x.message}</li>
              ))}
            </ul>
          )}
        </Flash>
      )}
      <h2>满意度（来自选票）</h2>
      <p class="muted">监督员创建测评会时，为测评对象选择“考评对象”即可关联。只计入已结束、有效且投票人数达到公布下限的测评会。</p>
      <Satisfaction view={p.satisfaction} />
      {scorer && s.status === 'draft' && (
        <>
          <h2>评分数据</h2>
          <RowsForm {...p} />
          <section class="card">
            <h3>用表格录入</h3>
            <p>
              <a class="btn secondary" href={`/staff/seasons/${s.id}/result.xlsx`}>
                下载本考评的表格（.xlsx）
              </a>
            </p>
            <form method="post" action={`/staff/seasons/${s.id}/rows/upload`} enctype="multipart/form-data">
              <CsrfField token={p.csrf} />
              <label for="file">上传填好的表格（替换全部评分数据）</label>
              <input type="file" id="file" name="file" accept=".xlsx,.csv" required />
              <div class="actions">
                <button type="submit">上传</button>
              </div>
            </form>
          </section>
        </>
      )}
      <h2>结果{s.status === 'draft' ? '（尚未发布）' : '（已冻结）'}</h2>
      <ResultTable result={p.result} />
      {scorer && s.status === 'draft' && (
        <form method="post" action={`/staff/seasons/${s.id}/publish`} class="card">
          <CsrfField token={p.csrf} />
          <h3>发布公示</h3>
          <p>发布后结果冻结，评分数据和测评会关联都不能再改；公示 {s.noticeDays} 天后可以定稿。</p>
          <label for="contact">监督电话 / 联系方式</label>
          <input type="text" id="contact" name="contact" placeholder="如：县委组织部 0571-88886666" />
          <div class="actions">
            <button type="submit">发布公示</button>
          </div>
        </form>
      )}
      {scorer && s.status === 'notice' && (
        <form method="post" action={`/staff/seasons/${s.id}/finalize`} class="card">
          <CsrfField token={p.csrf} />
          <p>{p.canFinalize ? '公示期已满，可以定稿。' : `公示期至 ${dateText(s.noticeUntil)}，期满后才能定稿。`}</p>
          <div class="actions">
            <button type="submit" disabled={!p.canFinalize}>
              定稿
            </button>
          </div>
        </form>
      )}
    </StaffPage>
  );
}
