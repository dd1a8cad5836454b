import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compileTemplate, fillTemplate, hole } from '../../src/http/page-template';
import { nodeGzipTemplate } from '../../src/runtime/node-gzip';

/** Pages gzipped from pieces deflated once must unzip to exactly the page filled in as text. */
describe('gzip of a page template', () => {
  it('unzips to the filled page for any pieces and holes (empty, repeated, at either end)', () => {
    const piece = fc.string({ unit: 'binary', maxLength: 300 });
    const value = fc.stringMatching(/^[A-Za-z0-9-]{0,40}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, fc.nat(2)), { maxLength: 6 }), piece, fc.array(value, { minLength: 3, maxLength: 3 }), (pieces, last, values) => {
        const page = pieces.map(([text, h]) => text + hole(h)).join('') + last;
        const t = compileTemplate(page, nodeGzipTemplate);
        expect(gunzipSync(t.gzip!(values)).toString('utf8')).toBe(fillTemplate(t, values));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a hole value that would need escaping in HTML', () => {
    const t = compileTemplate(`<a href="/b/${hole(0)}">x</a>`, nodeGzipTemplate);
    expect(() => t.gzip!(['"><script>'])).toThrow();
    expect(() => fillTemplate(t, ['<b>'])).toThrow();
  });
});
