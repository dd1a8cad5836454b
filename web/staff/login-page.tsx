import { Flash, StaffPage } from './layout';

export function LoginPage({ csrf, next, error }: { csrf: string; next: string; error?: string }) {
  return (
    <StaffPage title="工作人员登录">
      <h1>民评 · 工作人员登录</h1>
      {error && <Flash tone="err">{error}</Flash>}
      <form class="card" method="post" action="/staff/login">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="next" value={next} />
        <label for="key">密钥</label>
        <input id="key" type="password" name="key" autocomplete="off" required />
        <p class="muted">密钥由管理员创建账号时显示一次；新装系统首次启动时，管理员密钥打印在服务器控制台上。</p>
        <div class="actions">
          <button type="submit">登录</button>
        </div>
      </form>
    </StaffPage>
  );
}
