/**
 * A running minping the API tests talk to over real HTTP. The same suite runs against every
 * target: Node + SQLite here, workerd + D1 in the Workers suite.
 */
/** The admin key every test server is started with. */
export const TEST_ADMIN_KEY = 'test-admin-key-0123456789';

export interface Target {
  name: string;
  url: string;
  adminKey: string;
  stop(): Promise<void>;
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** Long enough for the slowest request a test makes (a refused zip bomb takes a few seconds). */
const REQUEST_MS = 25_000;

/** A tiny client: JSON in, JSON (or text) out, a bearer key when given; a dropped request is sent again. */
export function client(baseUrl: string, key?: string) {
  const call = <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    resendingDropped(() => once<T>(method, path, body, headers)) as Promise<Reply<T>>;
  async function once<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(baseUrl + path, {
      method,
      // wrangler dev's proxy, on a starved machine, now and then holds a request unanswered for good.
      signal: AbortSignal.timeout(REQUEST_MS),
      headers: {
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    // Decode by hand: Response.text() drops a byte-order mark, which the CSV tests look for.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers, text };
  }
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body ?? {}, headers),
    call,
  };
}

export type Client = ReturnType<typeof client>;

/**
 * Sends again when wrangler dev's local proxy dropped the request: on a starved machine it answers
 * 503 asking for a retry, or closes the socket unanswered. A voter's phone would send again, and
 * the contract makes that safe. Any answer other than the proxy's own 503 is returned as it came.
 */
export const droppedByProxy = (r: Reply) => r.status === 503 && r.text.includes('try sending the request again');

export async function resendingDropped(send: () => Promise<Reply>, attempts = 4): Promise<Reply> {
  for (let attempt = 1; ; attempt++) {
    const last = attempt === attempts;
    try {
      const r = await send();
      if (!droppedByProxy(r) || last) return r;
    } catch (e) {
      const dropped = (e as { cause?: { code?: string } }).cause?.code === 'UND_ERR_SOCKET' || (e as Error).name === 'TimeoutError';
      if (last || !dropped) throw e;
    }
  }
}
