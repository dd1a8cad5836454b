import type { Actor } from '../../src/domain/people';
import type { Season } from '../../src/domain/season';
import { ruleNames, rules } from '../../src/domain/scoring';
import { CsrfField, Flash, StaffPage } from '../staff/layout';
import { SEASON_STATUS } from './labels';

export interface SeasonDraft {
  title: string;
  rule: string;
  rounds: string;
  noticeDays: string;
  previous: string;
  entries: string;
}

export const blankSeason = (): SeasonDraft => ({ title: '', rule: 'upgrade-composite', rounds: 'pool', noticeDays: '7', previous: '', entries: '' });

/** /staff/seasons: every season, and (for scorers) the form that starts one with its entries pasted in. */
export function SeasonListPage({ actor, csrf, seasons, draft, error }: { actor: Actor; csrf: string; seasons: Season[]; draft: SeasonDraft; error?: string }) {
  const scorer = actor.role !== 'supervisor';
  return (
    <StaffPage title="考评" actor={actor} csrf={csrf}>
      <h1>考评</h1>
      <p class="muted">一次考评按一个规则给一批考评对象评定结果：满意度来自关联测评会的选票，其余分数由考评人员录入，结果公示期满后定稿。</p>
      <table id="seasons">
        <thead>
          <tr>
            <th>考评</th>
            <th>规则</th>
            <th>对象数</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {seasons.length === 0 && (
            <tr>
              <td colspan={4}>还没有考评</td>
            </tr>
          )}
          {seasons.map((s) => (
            <tr>
              <td>
                <a href={`/staff/seasons/${s.id}`}>{s.title}</a>
              </td>
              <td>{rules[s.rule as keyof typeof rules]?.label ?? s.rule}</td>
              <td class="n">{s.entries.length}</td>
              <td>{SEASON_STATUS[s.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {scorer && (
        <section class="card">
          <h2 id="new">新建考评</h2>
          {error && <Flash tone="err">{error}</Flash>}
          <form method="post" action="/staff/seasons" enctype="multipart/form-data">
            <CsrfField token={csrf} />
            <label for="title">考评名称</label>
            <input type="text" id="title" name="title" value={draft.title} placeholder="如：2026年度晋位升级考评" required />
            <label for="rule">评分规则</label>
            <select id="rule" name="rule">
              {ruleNames.map((r) => (
                <option value={r} selected={r === draft.rule}>
                  {rules[r].label}
                </option>
              ))}
            </select>
            <label for="rounds">多场测评会的满意度</label>
            <select id="rounds" name="rounds">
              <option value="pool" selected={draft.rounds !== 'mean'}>
                合并计票：满意票合计 ÷ 投票数合计
              </option>
              <option value="mean" selected={draft.rounds === 'mean'}>
                各场满意度的平均
              </option>
            </select>
            <label for="noticeDays">公示天数</label>
            <input type="number" id="noticeDays" name="noticeDays" min="1" max="90" value={draft.noticeDays} />
            <label for="previous">上一期考评（可选，用于对比升降）</label>
            <select id="previous" name="previous">
              <option value="">（无）</option>
              {seasons.map((s) => (
                <option value={s.id} selected={s.id === draft.previous}>
                  {s.title}
                </option>
              ))}
            </select>
            <label for="entries">考评对象（每行一个：编号，名称，所在单位，类别；后两项可省略）</label>
            <textarea id="entries" name="entries" rows={8} placeholder={'V01，东山村\nV02，西山村'}>
              {draft.entries}
            </textarea>
            <p class="muted">可直接从 Excel 复制粘贴（用制表符、逗号或顿号分隔都可以）。</p>
            <label for="entriesFile">或上传名单表格（.xlsx 或 UTF-8 的 .csv；表头：编号、名称、所在单位、类别）</label>
            <input type="file" id="entriesFile" name="entriesFile" accept=".xlsx,.csv" />
            <div class="actions">
              <button type="submit">创建考评</button>
            </div>
          </form>
        </section>
      )}
    </StaffPage>
  );
}
