import type { Child } from 'hono/jsx';
import { assetUrl } from '../assets/index';
import './assets';
import { ROLE_LABELS } from './format';
import type { Actor } from '../../src/domain/people';

export interface StaffPageProps {
  title: string;
  /** Who is signed in; none on the sign-in page and the public notice (no staff header then). */
  actor?: Actor;
  csrf?: string;
  /** Projector mode: no header, giant high-contrast figures. */
  projector?: boolean;
  /** With JavaScript off, reload every this many seconds (the live dashboard's fallback). */
  refreshSeconds?: number;
  script?: boolean;
  children?: Child;
}

/** The hidden field every staff form carries: the session's CSRF token. */
export const CsrfField = ({ token }: { token?: string }) => <input type="hidden" name="_csrf" value={token ?? ''} />;

export const Flash = ({ tone, children }: { tone: 'ok' | 'err' | 'warn'; children?: Child }) => (
  <p class={`flash ${tone}`} role={tone === 'err' ? 'alert' : 'status'}>
    {children}
  </p>
);

function TopBar({ actor, csrf }: { actor: Actor; csrf?: string }) {
  return (
    <header class="top">
      <a class="brand" href="/staff/meetings">
        民评 · 工作台
      </a>
      <a href="/staff/meetings">测评会</a>
      {actor.role !== 'supervisor' && <a href="/staff/scoring">评分计算</a>}
      <a href="/staff/seasons">考评</a>
      {actor.role === 'admin' && <a href="/staff/users">账号管理</a>}
      <span class="who">
        {actor.name}（{ROLE_LABELS[actor.role]}）
      </span>
      <form method="post" action="/staff/logout">
        <CsrfField token={csrf} />
        <button type="submit">退出</button>
      </form>
    </header>
  );
}

/** The staff page shell: one stylesheet, an optional script, nothing from another host. */
export function StaffPage({ title, actor, csrf, projector, refreshSeconds, script, children }: StaffPageProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · 民评`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetUrl('staff.css')} />
        {refreshSeconds && (
          <noscript>
            <meta http-equiv="refresh" content={String(refreshSeconds)} />
          </noscript>
        )}
        {script && <script src={assetUrl('staff-live.js')} defer />}
      </head>
      <body class={projector ? 'projector' : undefined}>
        {actor && !projector && <TopBar actor={actor} csrf={csrf} />}
        <main>{children}</main>
      </body>
    </html>
  );
}
