import { connect, type Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { CONNECTIONS } from './load';
import { percentile } from './stats';

/** A WeChat in-app browser on a cheap Android phone, as the voters' phones announce themselves. */
const UA =
  'Mozilla/5.0 (Linux; Android 10; V2031A Build/QP1A.190711.020; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 ' +
  'Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230701 MicroMessenger/8.0.40.2420(0x28002837) WeChat/arm64 Weixin NetType/4G';

interface Answer {
  status: number;
  body: string;
}

/** Every latency of each step, ms. */
export interface PhoneSamples {
  get: number[];
  post: number[];
  flow: number[];
}

export const stepTimes = (xs: number[]): StepTimes => {
  xs.sort((a, b) => a - b);
  return { p50ms: percentile(xs, 0.5), p99ms: percentile(xs, 0.99) };
};

/** Step latencies, ms. */
export interface StepTimes {
  p50ms: number;
  p99ms: number;
}

export interface PhoneRun {
  /** Flows that ended on the success page with a receipt: acknowledged votes. */
  ok: number;
  /** Flows that got another answer somewhere (a wrong status, no form, no receipt). */
  failed: number;
  /** Connections that broke. */
  errors: number;
  /** Examples of what went wrong, at most a few. */
  problems: string[];
  seconds: number;
  perSecond: number;
  get: StepTimes;
  post: StepTimes;
  flow: StepTimes;
  /** Bytes received for one ballot page and one success page (as sent: gzipped when gzipped). */
  wireBytes: { ballot: number; success: number };
}

// Looked up in the lower-cased head of an answer; compiled once (the load generator shares the cores).
const CONTENT_LENGTH = /\r\ncontent-length: *(\d+)/;
const CHUNKED = /\r\ntransfer-encoding: *[^\r]*chunked/;
const GZIP = /\r\ncontent-encoding: *gzip/;

/**
 * One keep-alive connection speaking just enough HTTP/1.1 for two pages: answers carry a
 * Content-Length or are chunked. Hand-rolled (not autocannon) so a phone can read the page it
 * got before it posts, and so the load generator's share of the two cores stays small.
 */
class Connection {
  private socket: Socket;
  private buf: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (a: Answer & { bytes: number }) => void; reject: (e: Error) => void } | null = null;

  constructor(
    private readonly host: string,
    port: number,
  ) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on('data', (d: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      this.parse();
    });
    const fail = (e: Error) => this.waiting?.reject(e);
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('connection closed')));
  }

  request(head: string, body?: string): Promise<Answer & { bytes: number }> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(body === undefined ? head : head + body);
    });
  }

  private parse() {
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buf.subarray(0, end).toString('latin1').toLowerCase();
    const status = Number(head.slice(9, 12));
    let body: Buffer;
    let used: number;
    const length = CONTENT_LENGTH.exec(head)?.[1];
    if (length !== undefined) {
      used = end + 4 + Number(length);
      if (this.buf.length < used) return;
      body = this.buf.subarray(end + 4, used);
    } else if (CHUNKED.test(head)) {
      const chunks: Buffer[] = [];
      let at = end + 4;
      for (;;) {
        const eol = this.buf.indexOf('\r\n', at);
        if (eol < 0) return;
        const size = parseInt(this.buf.subarray(at, eol).toString('latin1'), 16);
        if (this.buf.length < eol + 2 + size + 2) return;
        if (size === 0) {
          used = eol + 4;
          break;
        }
        chunks.push(this.buf.subarray(eol + 2, eol + 2 + size));
        at = eol + 2 + size + 2;
      }
      body = Buffer.concat(chunks);
    } else {
      return this.waiting.reject(new Error(`answer without length: ${head.slice(0, 200)}`));
    }
    this.buf = this.buf.subarray(used);
    const gzip = GZIP.test(head);
    const w = this.waiting;
    this.waiting = null;
    w.resolve({ status, body: (gzip ? gunzipSync(body) : body).toString('utf8'), bytes: body.length });
  }

  close() {
    this.socket.destroy();
  }
}

const GRADES = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'];
const decodeAttr = (s: string) => s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');

/** What a phone reads off the ballot page: where the form posts, and one grade for every subject. */
export function readBallotForm(html: string, pick: (subject: number) => number): { action: string; body: string } | null {
  const action = html.match(/<form[^>]* method="post"[^>]* action="([^"]+)"/)?.[1];
  if (!action) return null;
  const names: string[] = [];
  for (const m of html.matchAll(/<input type="radio" name="([^"]+)"/g)) if (names.at(-1) !== m[1] && !names.includes(m[1])) names.push(m[1]);
  if (names.length === 0) return null;
  const form = new URLSearchParams();
  names.forEach((name, i) => form.append(decodeAttr(name), GRADES[pick(i) & 3]));
  return { action: decodeAttr(action), body: form.toString() };
}

/**
 * Virtual phones, one connection each, each with its own slips: GET the ballot page, read the
 * form off it, POST the choices as the browser would (urlencoded), and check the success page
 * shows a receipt. Every slip is voted exactly once; the run ends when the slips are used up.
 */
export async function phones(options: { url: string; tokens: string[]; samples?: PhoneSamples }): Promise<PhoneRun> {
  const u = new URL(options.url);
  const hostHeader = `Host: ${u.host}\r\nUser-Agent: ${UA}\r\nAccept: text/html,application/xhtml+xml\r\nAccept-Encoding: gzip, deflate\r\nAccept-Language: zh-CN,zh;q=0.9\r\n`;
  const times: PhoneSamples = { get: [], post: [], flow: [] };
  const run = { ok: 0, failed: 0, errors: 0, problems: [] as string[], wireBytes: { ballot: 0, success: 0 } };
  const problem = (why: string) => void (run.problems.length < 5 && run.problems.push(why));
  let next = 0;
  const started = performance.now();
  let last = started;

  async function phone() {
    const conn = new Connection(u.hostname, Number(u.port));
    try {
      for (let i = next++; i < options.tokens.length; i = next++) {
        const t0 = performance.now();
        const page = await conn.request(`GET /b/${options.tokens[i]} HTTP/1.1\r\n${hostHeader}\r\n`);
        const t1 = performance.now();
        const form = page.status === 200 ? readBallotForm(page.body, (j) => i * 7 + j * 3) : null;
        if (!form) {
          run.failed++;
          problem(`GET ${page.status}: ${page.body.slice(0, 120)}`);
          continue;
        }
        const post = `POST ${form.action} HTTP/1.1\r\n${hostHeader}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(form.body)}\r\n\r\n`;
        const done = await conn.request(post, form.body);
        const t2 = performance.now();
        last = t2;
        times.get.push(t1 - t0);
        times.post.push(t2 - t1);
        times.flow.push(t2 - t0);
        if (done.status === 200 && /id="receipt">[2-9A-HJKMNP-Z]{8,}</.test(done.body)) {
          run.ok++;
          run.wireBytes = { ballot: page.bytes, success: done.bytes };
        } else {
          run.failed++;
          problem(`POST ${done.status}: ${done.body.slice(0, 120)}`);
        }
      }
    } catch (err) {
      run.errors++;
      problem(String(err));
    } finally {
      conn.close();
    }
  }

  await Promise.all(Array.from({ length: CONNECTIONS }, phone));
  const seconds = (last - started) / 1000;
  if (options.samples) for (const k of ['get', 'post', 'flow'] as const) options.samples[k].push(...times[k]);
  return { ...run, seconds, perSecond: run.ok / seconds, get: stepTimes(times.get), post: stepTimes(times.post), flow: stepTimes(times.flow) };
}
