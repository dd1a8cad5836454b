import { STATUS_LABELS, timeText } from './format';
import { StaffPage } from './layout';
import type { Meeting } from '../../src/domain/meeting';
import type { Actor } from '../../src/domain/people';

export const StatusBadge = ({ status }: { status: Meeting['status'] }) => <span class={`badge ${status}`}>{STATUS_LABELS[status]}</span>;

export function MeetingsPage({ actor, csrf, meetings }: { actor: Actor; csrf: string; meetings: Meeting[] }) {
  const supervises = actor.role !== 'scorer';
  return (
    <StaffPage title="测评会" actor={actor} csrf={csrf}>
      <h1>测评会</h1>
      {supervises && (
        <p class="actions">
          <a class="btn" href="/staff/new-meeting">
            ＋ 新建测评会
          </a>
        </p>
      )}
      {meetings.length === 0 ? (
        <p class="card">还没有测评会。</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>测评会</th>
                <th>单位</th>
                <th>状态</th>
                <th class="n">应参加</th>
                <th class="n">已发码</th>
                <th>创建时间</th>
                <th>查看</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr>
                  <td>
                    <a href={`/staff/meetings/${m.id}`}>{m.title}</a>
                  </td>
                  <td>{m.organization ?? '—'}</td>
                  <td>
                    <StatusBadge status={m.status} />
                  </td>
                  <td class="n">{m.eligible}</td>
                  <td class="n">{m.issued}</td>
                  <td>{timeText(m.createdAt)}</td>
                  <td>
                    {supervises && m.status !== 'closed' && <a href={`/staff/meetings/${m.id}/live`}>实时看板</a>}
                    {m.status === 'closed' && <a href={`/staff/meetings/${m.id}/results`}>结果</a>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffPage>
  );
}
