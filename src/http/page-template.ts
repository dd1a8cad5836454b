import { randomId } from '../lib/random';

/**
 * A page rendered once, with holes for the few parts that differ per request (a slip's token,
 * a receipt). Filling it is a string join: no JSX, no escaping, no gzip of the whole page.
 *
 * Holes take only values that need no HTML escaping (tokens and receipts are letters and
 * digits); anything else is refused rather than risk markup built from a value.
 */
export interface PageTemplate {
  /** The page's static text, one more piece than there are holes. */
  readonly parts: readonly string[];
  /** Which hole goes after each part but the last (a hole may appear more than once). */
  readonly holes: readonly number[];
  /** The gzip of the page with these holes filled, when the runtime compresses (Node). */
  gzip?: (values: readonly string[]) => Uint8Array;
}

/** Builds gzip answers from a template's parts (the Node runtime's is in runtime/node-gzip). */
export type GzipTemplate = (parts: readonly string[], holes: readonly number[]) => (values: readonly string[]) => Uint8Array;

/**
 * Per process: no page text can contain it by accident, and nobody can choose it. Made on first
 * use (Workers allow no random values at start-up).
 */
let mark: { prefix: string; all: RegExp } | null = null;
function marker() {
  if (!mark) {
    const prefix = `\u2063hole-${randomId(8)}-`;
    mark = { prefix, all: new RegExp(`${prefix}(\\d+)\u2063`, 'g') };
  }
  return mark;
}

/** The marker a renderer puts where hole `i` goes. */
export const hole = (i: number) => `${marker().prefix}${i}\u2063`;

/** Splits a page rendered with `hole(i)` markers into its template. */
export function compileTemplate(rendered: string, gzip?: GzipTemplate): PageTemplate {
  const parts: string[] = [];
  const holes: number[] = [];
  let at = 0;
  for (const m of rendered.matchAll(marker().all)) {
    parts.push(rendered.slice(at, m.index));
    holes.push(Number(m[1]));
    at = m.index + m[0].length;
  }
  parts.push(rendered.slice(at));
  return { parts, holes, gzip: gzip?.(parts, holes) };
}

const SAFE = /^[A-Za-z0-9-]*$/;

export function checkHoles(values: readonly string[]) {
  for (const v of values) if (!SAFE.test(v)) throw new Error('a page hole takes letters, digits and dashes only');
}

/** The page as text, holes filled. */
export function fillTemplate(t: PageTemplate, values: readonly string[]): string {
  checkHoles(values);
  let out = t.parts[0];
  for (let i = 0; i < t.holes.length; i++) out += values[t.holes[i]] + t.parts[i + 1];
  return out;
}
