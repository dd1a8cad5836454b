import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BALLOT_BYTES, jsonInput, limitBody } from '../../src/http/body';
import type { AppEnv } from '../../src/http/env';
import { onError } from '../../src/http/errors';

/** Body limits belong to route groups; a JSON route whose group forgot one still stops at JSON's 1 MB. */
describe('body limits of route groups', () => {
  const schema = z.object({ a: z.string() });
  const routes = (group: Hono<AppEnv>) => group.post('/', jsonInput(schema), (c) => c.json({ a: c.req.valid('json').a }));
  const undeclared = routes(new Hono<AppEnv>().onError(onError));
  const ballots = routes(new Hono<AppEnv>().onError(onError).use(limitBody(BALLOT_BYTES)));
  const post = (app: Hono<AppEnv>, body: string) =>
    app.request('/', { method: 'POST', body, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } });
  const padded = (bytes: number) => JSON.stringify({ a: 'x'.repeat(bytes) });

  it('a group without a declared limit refuses JSON over 1 MB with 413 and the contract body', async () => {
    const res = await post(undeclared, padded(1024 * 1024));
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).error.code).toBe('payload_too_large');
    expect((await post(undeclared, padded(100 * 1024))).status).toBe(200);
  });

  it("a group's own limit comes first: 100 KB is too much for a ballot", async () => {
    expect((await post(ballots, padded(100 * 1024))).status).toBe(413);
    expect((await post(ballots, padded(10 * 1024))).status).toBe(200);
  });

  it('a body that is no JSON is 400 invalid_json, one that breaks the schema 400 invalid_input', async () => {
    const broken = await post(undeclared, '{"a"');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).error.code).toBe('invalid_json');
    const wrong = await post(undeclared, '{"a": 1}');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as any).error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/字段 a/) });
  });
});
