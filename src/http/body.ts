import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { errorBody } from './errors';
import { HttpError } from './http-error';

z.config(z.locales.zhCN());

export const KB = 1024;

/** Ballots are tiny; spreadsheets are big; everything else is a form's worth of JSON. */
export function limitFor(path: string): number {
  if (path === '/api/ballots' || path.startsWith('/b/') || path === '/b') return 16 * KB;
  if (path.endsWith('/upload')) return 10 * KB * KB;
  return KB * KB;
}

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
function withinDeclaredLimit(c: Context): boolean {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return true;
  const declared = c.req.header('content-length');
  return declared !== undefined && /^\d+$/.test(declared) && Number(declared) <= limitFor(c.req.path) && !c.req.header('transfer-encoding');
}

export const bodyLimits = () =>
  async (c: Context, next: () => Promise<void>) =>
    // hono's bodyLimit touches c.req.raw.body first, which makes @hono/node-server build a full
    // web Request and stream for every request instead of reading the body directly: checked
    // here first, the vote path skips that.
    withinDeclaredLimit(c)
      ? next()
      : bodyLimit({
          maxSize: limitFor(c.req.path),
          onError: async (c) => {
            // A client still uploading would see the connection drop instead of this answer.
            if (!c.req.raw.bodyUsed) await drain(c.req.raw.body);
            // What was not drained is never read, so the connection cannot carry another request:
            // say so, or a client reusing it meets a reset instead of an answer.
            return c.json(errorBody('payload_too_large', `提交的内容太大（上限 ${Math.round(limitFor(c.req.path) / KB)} KB）`), 413, { Connection: 'close' });
          },
        })(c, next);

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `字段 ${issue.path.join('.')}：` : '';
  return `${where}${issue.message}`;
}

/** A plain HTML form's text fields; a body that is no form (wrong type, broken multipart) is a 400. */
export async function readForm(c: Context): Promise<Record<string, string>> {
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new HttpError('invalid_form');
  }
  return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Parses a JSON body against `schema`, or throws a 400 that names the first problem. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new HttpError('invalid_json');
  }
  return validate(schema, raw);
}

/** Checks already-parsed input (JSON or a page's form) against `schema`, or a 400 naming the first problems. */
export function validate<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('invalid_input', `输入有误：${parsed.error.issues.slice(0, 3).map(describe).join('；')}`);
  }
  return parsed.data;
}
