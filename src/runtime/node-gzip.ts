import { constants, crc32, deflateRawSync } from 'node:zlib';
import { checkHoles, type GzipTemplate } from '../http/page-template';

/** gzip's fixed header: deflate, no name or time, unknown OS. */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** Raw bytes as a deflate "stored" block (not the last one); the stream is byte-aligned before it. */
function stored(bytes: Buffer): Buffer {
  const n = bytes.length;
  if (n > 0xffff) throw new Error('a page hole is too long');
  return Buffer.concat([Buffer.from([0, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff]), bytes]);
}

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
  return (values) => {
    checkHoles(values);
    const filled = values.map((v) => Buffer.from(v, 'latin1'));
    const blocks = filled.map(stored);
    const chunks: Buffer[] = [HEADER];
    let crc = 0;
    let size = 0;
    // Node 20's crc32 answers 0 for empty input whatever the running value: skip empty pieces.
    const add = (b: Buffer) => {
      if (b.length > 0) crc = crc32(b, crc);
      size += b.length;
    };
    for (let i = 0; i < plain.length; i++) {
      chunks.push(deflated[i]);
      add(plain[i]);
      if (i === holes.length) break;
      chunks.push(blocks[holes[i]]);
      add(filled[holes[i]]);
    }
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE(size >>> 0, 4);
    chunks.push(trailer);
    return Buffer.concat(chunks);
  };
};
