import { constants, crc32, deflateRawSync } from 'node:zlib';
import { checkHoles, type GzipTemplate } from '../http/page-template';

/** gzip's fixed header: deflate, no name or time, unknown OS. */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/**
 * A page's gzip from pieces deflated once. Each static part is deflated on its own and ends in
 * a sync flush (byte-aligned, no back-references across parts), so the parts' blocks and the
 * holes' values, sent as stored blocks, concatenate into one valid deflate stream; the last
 * part closes it. Only the CRC is computed per answer (native, microseconds): a 30 KB ballot
 * costs what copying it costs, not what compressing it costs.
 */
export const nodeGzipTemplate: GzipTemplate = (parts, holes) => {
  const plain = parts.map((p) => Buffer.from(p, 'utf8'));
  const deflated = plain.map((b, i) =>
    deflateRawSync(b, { level: 9, memLevel: 9, finishFlush: i === plain.length - 1 ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }),
  );
  const size = plain.reduce((n, b) => n + b.length, 0);
  const compressed = deflated.reduce((n, b) => n + b.length, 0);
  return (values) => {
    checkHoles(values);
    // One buffer for the answer: header, the parts' blocks with each hole's stored block
    // between them, trailer. Hole values are ASCII (checked), one byte a character.
    let length = HEADER.length + compressed + 8;
    for (const h of holes) length += 5 + values[h].length;
    const out = Buffer.allocUnsafe(length);
    let at = HEADER.copy(out, 0);
    let crc = 0;
    let total = size;
    for (let i = 0; i < plain.length; i++) {
      at += deflated[i].copy(out, at);
      // Node 20's crc32 answers 0 for empty input whatever the running value: skip empty pieces.
      if (plain[i].length > 0) crc = crc32(plain[i], crc);
      if (i === holes.length) break;
      const v = values[holes[i]];
      const n = v.length;
      if (n > 0xffff) throw new Error('a page hole is too long');
      // A stored block, not the last: BFINAL 0, type 00, then LEN and its complement.
      out[at] = 0;
      out.writeUInt16LE(n, at + 1);
      out.writeUInt16LE(~n & 0xffff, at + 3);
      out.write(v, at + 5, 'latin1');
      if (n > 0) crc = crc32(out.subarray(at + 5, at + 5 + n), crc);
      at += 5 + n;
      total += n;
    }
    out.writeUInt32LE(crc >>> 0, at);
    out.writeUInt32LE(total >>> 0, at + 4);
    return out;
  };
};
