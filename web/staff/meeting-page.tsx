import { CoSupervisors, type CoSupervisorsProps } from './co-supervisors';
import { PRESET_LABELS, quorumText, thresholdText, timeText } from './format';
import { CsrfField, Flash, StaffPage } from './layout';
import { StatusBadge } from './meetings-page';
import type { Meeting } from '../../src/domain/meeting';
import type { Actor } from '../../src/domain/people';

export interface MeetingPageProps {
  actor: Actor;
  csrf: string;
  meeting: Meeting;
  flash?: string;
  error?: string;
  /** Things to know before printing slips (a roster under the publication floor). */
  warnings?: string[];
  /** Who runs the meeting (not shown to scorers). */
  supervisors?: Omit<CoSupervisorsProps, 'meetingId' | 'csrf'>;
}

export const ruleText = (m: Meeting) =>
  (m.rule.preset && PRESET_LABELS[m.rule.preset]) || `满意率 ${thresholdText(m.rule)}`;

function IssueForm({ meeting, csrf }: { meeting: Meeting; csrf: string }) {
  const room = meeting.eligible - meeting.issued;
  // With a roster by category the first category is preselected: suggest what it has left.
  const first = meeting.categories[0];
  const suggested = Math.max(first ? first.eligible - first.issued : room, 1);
  return (
    <form class="card" method="post" action={`/staff/meetings/${meeting.id}/slips`}>
      <h2>发放并打印测评码</h2>
      <CsrfField token={csrf} />
      <p class="muted">每张测评码只能投一次票。测评码只在生成时显示这一次：请直接打印，裁开后打乱，由参会人员随机抽取。</p>
      {meeting.categories.length > 0 && (
        <>
          <label for="category">类别</label>
          <select id="category" name="category">
            {meeting.categories.map((c) => (
              <option value={c.key}>
                {c.label}（还可发 {c.eligible - c.issued} 张）
              </option>
            ))}
          </select>
        </>
      )}
      <label for="count">张数</label>
      <input id="count" type="number" name="count" min="1" max={String(Math.max(room, 1))} value={String(suggested)} inputmode="numeric" />
      <p class="muted">还可发放 {room} 张（应参加 {meeting.eligible} 人，已发 {meeting.issued} 张）。</p>
      <label>版式</label>
      <label class="inline">
        <input type="radio" name="layout" value="slip" checked /> 扫码小票（手机投票）
      </label>
      <label class="inline">
        <input type="radio" name="layout" value="paper" /> 纸质选票（不用手机的人员）
      </label>
      <div class="actions">
        <button type="submit">生成并打印</button>
      </div>
    </form>
  );
}

function VoidForm({ meeting, csrf }: { meeting: Meeting; csrf: string }) {
  return (
    <form class="card" method="post" action={`/staff/meetings/${meeting.id}/void`}>
      <h2>作废遗失的测评码</h2>
      <CsrfField token={csrf} />
      <label for="code">测评码（印在小票上的字母数字，可带横线）</label>
      <input id="code" type="text" name="code" autocomplete="off" placeholder="ABCDE-FGHJK-…" />
      <div class="actions">
        <button class="secondary" type="submit">
          作废此测评码
        </button>
      </div>
    </form>
  );
}

export function MeetingPage({ actor, csrf, meeting: m, flash, error, warnings = [], supervisors }: MeetingPageProps) {
  const supervises = actor.role !== 'scorer';
  const base = `/staff/meetings/${m.id}`;
  return (
    <StaffPage title={m.title} actor={actor} csrf={csrf}>
      <h1>
        {m.title} <StatusBadge status={m.status} />
      </h1>
      {flash && <Flash tone="ok">{flash}</Flash>}
      {error && <Flash tone="err">{error}</Flash>}
      {warnings.map((w) => (
        <Flash tone="warn">{w}</Flash>
      ))}
      <div class="actions">
        {supervises && m.status === 'draft' && (
          <a class="btn" href={`${base}/open`}>
            开始投票…
          </a>
        )}
        {supervises && m.status !== 'closed' && (
          <>
            <a class="btn secondary" href={`${base}/live`}>
              实时看板
            </a>
            <a class="btn secondary" href={`${base}/live?projector=1`}>
              投影模式
            </a>
          </>
        )}
        {supervises && m.status === 'open' && (
          <>
            <a class="btn secondary" href={`${base}/paper`}>
              录入纸质票
            </a>
            <a class="btn" href={`${base}/close`}>
              结束投票…
            </a>
          </>
        )}
        {m.status === 'closed' && (
          <>
            <a class="btn" href={`${base}/results`}>
              查看结果
            </a>
            <a class="btn secondary" href={`/notice/${m.id}`}>
              公示页
            </a>
          </>
        )}
        <a class="btn secondary" href={`${base}/audit`}>
          审计记录
        </a>
      </div>
      <div class="card">
        <p>被测评单位：{m.organization ?? '—'}</p>
        <p>测评规则：{ruleText(m)}；参加投票人数不少于应参加人数的 {quorumText(m.rule)}</p>
        <p>
          应参加 {m.eligible} 人，已发放测评码 {m.issued} 张
        </p>
        <p class="muted">
          创建 {timeText(m.createdAt)}；开始 {timeText(m.openedAt)}；结束 {timeText(m.closedAt)}
        </p>
      </div>
      {m.categories.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>类别</th>
              <th class="n">应参加</th>
              <th class="n">已发码</th>
            </tr>
          </thead>
          <tbody>
            {m.categories.map((c) => (
              <tr>
                <td>{c.label}</td>
                <td class="n">{c.eligible}</td>
                <td class="n">{c.issued}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>测评对象（{m.subjects.length}）</h2>
      <ol class="card">
        {m.subjects.map((s) => (
          <li>
            {s.name}
            {s.kind && <span class="muted">（{s.kind}）</span>}
          </li>
        ))}
      </ol>
      {supervises && m.status !== 'closed' && (
        <>
          <IssueForm meeting={m} csrf={csrf} />
          <VoidForm meeting={m} csrf={csrf} />
        </>
      )}
      {supervisors && <CoSupervisors meetingId={m.id} csrf={csrf} {...supervisors} />}
    </StaffPage>
  );
}
