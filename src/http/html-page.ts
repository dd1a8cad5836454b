import type { Context } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

type Renderable = Parameters<typeof html>[1];

/** A whole server-rendered document, never cached: pages carrying tokens or receipts must not linger. */
export function htmlPage(c: Context, page: Renderable, status: ContentfulStatusCode = 200) {
  c.header('Cache-Control', 'no-store');
  return c.html(html`<!DOCTYPE html>${page}`, status, { 'Content-Type': 'text/html; charset=utf-8' });
}
