import type { Context } from 'hono';

/** A download's Content-Disposition whose Chinese file name survives every browser (RFC 5987). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function csvResponse(c: Context, filename: string, body: string) {
  return c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(filename) });
}
