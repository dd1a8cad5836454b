import { ROLE_LABELS, timeText } from './format';
import { CsrfField, Flash, StaffPage } from './layout';
import type { Actor, Role, User } from '../../src/domain/people';

export interface UsersPageProps {
  actor: Actor;
  csrf: string;
  users: User[];
  /** A key just made: shown this once, never again. */
  created?: { name: string; role: Role; key: string };
  flash?: string;
  error?: string;
}

/** The roles in the order the form offers them: the everyday ones first, admin last. */
const ROLE_CHOICES: Role[] = ['supervisor', 'scorer', 'admin'];

export function UsersPage({ actor, csrf, users, created, flash, error }: UsersPageProps) {
  return (
    <StaffPage title="账号管理" actor={actor} csrf={csrf}>
      <h1>账号管理</h1>
      {flash && <Flash tone="ok">{flash}</Flash>}
      {error && <Flash tone="err">{error}</Flash>}
      {created && (
        <div class="card">
          <p>
            已为 <strong>{created.name}</strong>（{ROLE_LABELS[created.role]}）创建账号。密钥只显示这一次，请现在抄下或转交本人：
          </p>
          <p class="key" id="new-key">
            {created.key}
          </p>
        </div>
      )}
      <form class="card" method="post" action="/staff/users">
        <h2>新建账号</h2>
        <CsrfField token={csrf} />
        <label for="name">姓名</label>
        <input id="name" type="text" name="name" maxlength={100} required />
        <label>角色</label>
        {ROLE_CHOICES.map((r, i) => (
          <label class="inline">
            <input type="radio" name="role" value={r} checked={i === 0} /> {ROLE_LABELS[r]}
          </label>
        ))}
        <div class="actions">
          <button type="submit">创建并显示密钥</button>
        </div>
      </form>
      <h2>现有账号</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>姓名</th>
              <th>角色</th>
              <th>状态</th>
              <th>创建时间</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>{u.name}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td class={u.revoked ? 'no' : 'yes'}>{u.revoked ? '已停用' : '有效'}</td>
                <td>{timeText(u.createdAt)}</td>
                <td>
                  {!u.revoked && u.id !== actor.id && (
                    <form method="post" action={`/staff/users/${u.id}/revoke`}>
                      <CsrfField token={csrf} />
                      <button class="secondary small" type="submit">
                        停用密钥
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </StaffPage>
  );
}
