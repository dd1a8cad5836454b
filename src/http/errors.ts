import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isCoded, statusOf, type CodedError } from './error-status';
import { HTTP_ERRORS } from './http-error';
import { storageRefusal } from './storage-broken';

export function errorBody(code: string, message: string, extra?: unknown) {
  return { error: { code, message, ...(extra && typeof extra === 'object' ? extra : {}) } };
}

/** Seconds a throttled client should wait, when the refusal says. */
export function retryAfter(err: CodedError): number | undefined {
  const d = err.details as { retryAfter?: unknown } | undefined;
  return err.code === 'too_many_attempts' && typeof d?.retryAfter === 'number' ? d.retryAfter : undefined;
}

/** The one mapping from errors to HTTP. Anything unexpected is a 500 with no detail leaked. */
export function onError(caught: Error, c: Context) {
  const err = storageRefusal(c, caught);
  if (isCoded(err)) {
    const wait = retryAfter(err);
    if (wait !== undefined) c.header('Retry-After', String(wait));
    return c.json(errorBody(err.code, err.message, err.details), statusOf(err));
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'bad_request';
    const message = status === 413 ? '提交的内容太大' : status === 401 ? '请先登录' : HTTP_ERRORS.bad_request;
    return c.json(errorBody(code, message), status);
  }
  console.error('unexpected error', err);
  return c.json(errorBody('internal', HTTP_ERRORS.internal), 500);
}

export function notFound(c: Context) {
  return c.json(errorBody('not_found', HTTP_ERRORS.not_found), 404);
}
