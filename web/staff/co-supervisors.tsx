import type { MeetingSupervisors, User } from '../../src/domain/people';
import { CsrfField } from './layout';

export interface CoSupervisorsProps {
  meetingId: string;
  csrf: string;
  people: MeetingSupervisors;
  /** Supervisor accounts that may be added; null when the viewer may not change the list. */
  addable: User[] | null;
}

/** Who runs this meeting: only they (and admins) can see it; the creator adds the others. */
export function CoSupervisors({ meetingId, csrf, people, addable }: CoSupervisorsProps) {
  const action = `/staff/meetings/${meetingId}/supervisors`;
  return (
    <section class="card" id="supervisors">
      <h2>监督员</h2>
      <p class="muted">只有下列监督员和管理员能看到并操作本测评会，其他监督员看不到它。</p>
      <ul>
        <li>
          {people.owner.name ?? people.owner.id}（创建者）
        </li>
        {people.supervisors.map((s) => (
          <li>
            {s.name}（协同监督员）
            {addable && (
              <form class="inline" method="post" action={`${action}/remove`}>
                <CsrfField token={csrf} />
                <input type="hidden" name="userId" value={s.id} />
                <button class="secondary" type="submit">
                  移除
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {addable && addable.length > 0 && (
        <form method="post" action={action}>
          <CsrfField token={csrf} />
          <label for="userId">添加协同监督员</label>
          <select id="userId" name="userId">
            {addable.map((u) => (
              <option value={u.id}>{u.name}</option>
            ))}
          </select>
          <div class="actions">
            <button class="secondary" type="submit">
              添加
            </button>
          </div>
        </form>
      )}
      {addable && addable.length === 0 && <p class="muted">没有可以添加的其他监督员账号（由管理员在“账号管理”中创建）。</p>}
    </section>
  );
}
