import { strings } from '../i18n';
import { VoterPage } from '../voter/layout';

/**
 * GET /: the address `npm start` prints, so the first page anyone opens. Two doors: a voter
 * whose camera failed types the slip's code (the same GET form as /b), staff sign in.
 */
export function LandingPage() {
  const t = strings('zh-CN');
  return (
    <VoterPage lang="zh-CN" title="首页">
      <h1>民评 · 民主测评</h1>
      <section>
        <h2>参加测评</h2>
        <p>用手机扫描测评码小票上的二维码即可投票，不用登录，无记名。</p>
        <p>扫不了码时，在这里输入小票上印的测评码：</p>
        <form method="get" action="/b">
          <label class="big" for="code">
            {t.codeLabel}
          </label>
          <input type="text" id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck={false} placeholder="ABCDE-FGHJK-…" maxlength={60} />
          <p>
            <button type="submit">{t.go}</button>
          </p>
        </form>
      </section>
      <section>
        <h2>工作人员</h2>
        <p>监督员、考评人员、管理员：用管理员发给您的密钥登录工作台。</p>
        <p>
          <a class="btn" href="/staff/login">
            登录工作台
          </a>
        </p>
        <p>
          <a href="/help">使用说明（创建测评会、打印测评码、投票、计票、公示）</a>
        </p>
      </section>
    </VoterPage>
  );
}

/** What a browser gets for an address that does not exist (the API keeps its JSON). */
export function NotFoundPage({ path }: { path: string }) {
  return (
    <VoterPage lang="zh-CN" title="找不到这个页面">
      <h1 class="err">找不到这个页面</h1>
      <p>
        地址 <code>{path}</code> 不存在。请核对地址，或从首页重新进入。
      </p>
      <p>
        <a class="btn" href="/">
          回到首页
        </a>
      </p>
      <p>
        <a href="/b">手动输入测评码</a> · <a href="/staff/login">工作人员登录</a>
      </p>
    </VoterPage>
  );
}
