import { Agent, request } from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent exactly as given: no normalising of `..`, `%2f` or `%00`. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Send the body in pieces with Transfer-Encoding: chunked and no Content-Length. */
  chunked?: boolean;
}

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request over a kept-alive connection, without fetch's URL clean-up. Rejects when the
 * connection drops without an answer, which a healthy server never does.
 */
export function send(baseUrl: string, agent: Agent, req: RawRequest): Promise<RawReply> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers };
    if (req.body && !req.chunked) headers['content-length'] = String(req.body.length);
    // Node frames GET/DELETE/OPTIONS bodies only when told to; unframed bytes would be garbage.
    if (req.body && req.chunked) headers['transfer-encoding'] = 'chunked';
    const r = request({ host: hostname, port, method: req.method, path: req.path, headers, agent }, (res) => {
      // A live turnout stream never ends by itself: its answer is the status and headers.
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
        res.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    r.on('error', reject);
    if (req.body && req.chunked) {
      for (let at = 0; at < req.body.length; at += 4096) r.write(req.body.subarray(at, at + 4096));
    } else if (req.body) {
      r.write(req.body);
    }
    r.end();
  });
}
