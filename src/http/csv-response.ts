import type { Context } from 'hono';

/** A CSV download whose Chinese file name survives every browser (RFC 5987). */
export function csvResponse(c: Context, filename: string, body: string) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  });
}
