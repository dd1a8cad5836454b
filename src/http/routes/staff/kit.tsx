import { MessagePage } from '../../../../web/staff/message-page';
import type { C } from '../../env';
import { isCoded, statusOf } from '../../error-status';
import { onError, retryAfter } from '../../errors';
import { htmlPage } from '../../html-page';
import { storageRefusal } from '../../storage-broken';
import { csrfToken } from '../../session';


/** What every signed-in page's layout needs. */
export async function staffView(c: C) {
  return { actor: c.get('actor'), csrf: await csrfToken(c) };
}

const TITLES: Partial<Record<number, string>> = {
  400: '输入有误',
  403: '不能这样做',
  404: '找不到',
  409: '现在不能这样做',
  413: '内容太大',
  429: '尝试次数过多',
};

const CODE_TITLES: Record<string, string> = { results_sealed: '结果尚未公布', csrf_failed: '提交被拒绝' };

/**
 * Staff and notice pages answer refusals with a page, not JSON: the same coded error, its
 * status (error-status.ts) and message. Not signed in (401) goes to the sign-in page; anything unexpected is the
 * app's one handler.
 */
export async function pageError(caught: Error, c: C) {
  const err = storageRefusal(c, caught);
  if (!isCoded(err)) return onError(err, c);
  const status = statusOf(err);
  if (err.code === 'unauthorized') {
    const next = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path)}` : '';
    return c.redirect(`/staff/login${next}`, 303);
  }
  if (err.code === 'too_many_attempts') c.header('Retry-After', String(retryAfter(err) ?? 60));
  const signedIn = c.get('actor') ? await staffView(c) : {};
  return htmlPage(c, <MessagePage title={CODE_TITLES[err.code] ?? TITLES[status] ?? '出错了'} message={err.message} {...signedIn} />, status);
}
