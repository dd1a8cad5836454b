import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../domain/errors';
import { isStorageFull, storageFullResponse } from './storage-full';

export function errorBody(code: string, message: string, extra?: unknown) {
  return { error: { code, message, ...(extra && typeof extra === 'object' ? extra : {}) } };
}

/** The one mapping from errors to HTTP. Anything unexpected is a 500 with no detail leaked. */
export function onError(err: Error, c: Context) {
  if (err instanceof DomainError) {
    if (err.status === 429 && err.details && typeof err.details === 'object' && 'retryAfter' in err.details) {
      c.header('Retry-After', String((err.details as { retryAfter: number }).retryAfter));
    }
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'bad_request';
    const message = status === 413 ? '提交的内容太大' : status === 401 ? '请先登录' : '请求格式有误';
    return c.json(errorBody(code, message), status);
  }
  if (isStorageFull(err)) return storageFullResponse(c, err);
  console.error('unexpected error', err);
  return c.json(errorBody('internal', '服务器内部错误，请稍后重试；若反复出现请联系管理员'), 500);
}

export function notFound(c: Context) {
  return c.json(errorBody('not_found', '没有这个地址'), 404);
}
