import { zValidator } from '@hono/zod-validator';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import type { AppEnv } from './env';
import { errorBody } from './errors';
import { HttpError } from './http-error';

z.config(z.locales.zhCN());

export const KB = 1024;
/** The contract's body limits: ballots are tiny, spreadsheets big, everything else a form's worth of JSON. */
export const BALLOT_BYTES = 16 * KB;
export const JSON_BYTES = KB * KB;
export const SHEET_BYTES = 10 * KB * KB;

/** Bodies we still read to the end before refusing, so the client is not cut off mid-upload. */
const DRAIN_CAP = 32 * KB * KB;

async function drain(body: ReadableStream<Uint8Array> | null) {
  if (!body) return;
  const reader = body.getReader();
  let read = 0;
  try {
    while (read < DRAIN_CAP) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
  } catch {
    // The client went away: nothing left to be polite to.
  }
  await reader.cancel().catch(() => {});
}

/** Nothing to count: no body, or a declared length within the limit (Node reads exactly that many bytes). */
function withinDeclaredLimit(c: Context, maxSize: number): boolean {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return true;
  const declared = c.req.header('content-length');
  return declared !== undefined && /^\d+$/.test(declared) && Number(declared) <= maxSize && !c.req.header('transfer-encoding');
}

/**
 * A route group's body limit, declared as the group's first middleware, before anything reads
 * a body (sign-in and CSRF checks read forms). The first limit a request meets is its limit:
 * a group that needs another one for some of its routes declares it ahead of its default
 * (`.use('/upload', limitBody(SHEET_BYTES)).use(limitBody(JSON_BYTES))`). Beyond it: 413 with
 * the contract's error body.
 */
export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize,
    onError: async (c) => {
      // A client still uploading would see the connection drop instead of this answer.
      if (!c.req.raw.bodyUsed) await drain(c.req.raw.body);
      // What was not drained is never read, so the connection cannot carry another request:
      // say so, or a client reusing it meets a reset instead of an answer.
      return c.json(errorBody('payload_too_large', `提交的内容太大（上限 ${Math.round(maxSize / KB)} KB）`), 413, { Connection: 'close' });
    },
  });
  return async (c, next) => {
    if (c.get('bodyLimit') !== undefined) return next();
    c.set('bodyLimit', maxSize);
    // hono's bodyLimit touches c.req.raw.body first, which makes @hono/node-server build a full
    // web Request and stream for every request instead of reading the body directly: checked
    // here first, the vote path skips that.
    return withinDeclaredLimit(c, maxSize) ? next() : limit(c, next);
  };
}

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `字段 ${issue.path.join('.')}：` : '';
  return `${where}${issue.message}`;
}

const invalidInput = (error: { issues: z.core.$ZodIssue[] }) => new DomainError('invalid_input', `输入有误：${error.issues.slice(0, 3).map(describe).join('；')}`);

/** Checks already-parsed input (a page's form, a query) against `schema`, or a 400 naming the first problems. */
export function validate<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * A JSON route's body, checked against `schema` by @hono/zod-validator with the one hook that
 * turns a refusal into the contract's error body (400 `invalid_input`, or `invalid_json` for
 * a body that is no JSON). Read it with `c.req.valid('json')`. The body is taken as JSON
 * whatever its Content-Type says (`curl -d` sends form-urlencoded), as it always was. A group
 * that declared no body limit gets JSON's 1 MB here (none of it was read before: a JSON request's
 * CSRF token travels in a header).
 */
export function jsonInput<T extends z.ZodType>(schema: T) {
  const check = zValidator('json', schema, (result) => {
    if (!result.success) throw invalidInput(result.error);
  });
  const atMostJson = limitBody(JSON_BYTES);
  const parse: typeof check = async (c, next) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim();
    if (!JSON_TYPE.test(type)) {
      const headers = new Headers(c.req.raw.headers);
      headers.set('content-type', 'application/json');
      c.req.raw = new Request(c.req.raw, { headers });
    }
    try {
      return await check(c, next);
    } catch (err) {
      // The validator's own refusal of a body that does not parse (errors after it are the route's).
      if (err instanceof HTTPException && err.status === 400) throw new HttpError('invalid_json');
      throw err;
    }
  };
  const read: typeof check = async (c, next) => {
    const refused = await atMostJson(c as unknown as Context<AppEnv>, () => parse(c, next));
    if (refused instanceof Response) c.res = refused;
  };
  return read;
}

/**
 * A form post's fields, read once by `readForm`: text fields as lists (rows of a table repeat
 * their names) and uploaded files.
 */
export class FormBody {
  constructor(
    readonly fields: Record<string, string[]>,
    private readonly files: Record<string, File[]>,
  ) {}

  /** A field's first value, '' when absent: a page's own single fields appear once. */
  field(name: string): string {
    return this.fields[name]?.[0] ?? '';
  }

  /** Each field's last value, as a plain form reads (a voter's grades, the scorer's settings); `x[]` lists left out. */
  flat(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, values] of Object.entries(this.fields)) if (!name.endsWith('[]')) out[name] = values[values.length - 1];
    return out;
  }

  file(name: string): File | undefined {
    return this.files[name]?.at(-1);
  }

  /** JSON a page put in a hidden field of its own: broken only if someone edited the page. */
  json(name: string, refusal?: string): unknown {
    try {
      return JSON.parse(this.field(name));
    } catch {
      throw new HttpError('invalid_form', refusal);
    }
  }
}

/**
 * The one reader of form bodies (urlencoded or multipart). A body that is no form (wrong type
 * is an empty form; broken multipart) is a 400 `invalid_form`, with `refusal` as its message
 * when the page knows better words.
 */
export async function readForm(c: Context, refusal?: string): Promise<FormBody> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new HttpError('invalid_form', refusal);
  }
  const fields: Record<string, string[]> = {};
  const files: Record<string, File[]> = {};
  for (const [name, value] of Object.entries(body)) {
    const values = Array.isArray(value) ? value : [value];
    const text = values.filter((v): v is string => typeof v === 'string');
    const uploads = values.filter((v): v is File => v instanceof File);
    if (text.length) fields[name] = text;
    if (uploads.length) files[name] = uploads;
  }
  return new FormBody(fields, files);
}
