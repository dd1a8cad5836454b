/**
 * Bounded work for an uploaded .xlsx (a zip archive) before any spreadsheet library sees it.
 * A 400 KB file can inflate to hundreds of MB of tiny shared strings; read the central
 * directory (a few KB at the end) and refuse by the sizes it declares, then inflate each entry
 * with a running count, so an archive that lies about its sizes is stopped at the cap too.
 * Runs on Node and Workers alike (DecompressionStream, no node:zlib).
 */
export interface ZipLimits {
  /** Entries in the archive (an .xlsx from Excel or WPS has 10–30). */
  maxEntries: number;
  /** All entries inflated, declared and real. */
  maxInflatedBytes: number;
}

export const XLSX_LIMITS: ZipLimits = { maxEntries: 500, maxInflatedBytes: 40 * 1024 * 1024 };

/** Why an archive is refused: `too_large` (inflates past the cap, or too many entries) or `malformed`. */
export class ZipRefused extends Error {
  constructor(
    readonly reason: 'too_large' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

interface Entry {
  name: string;
  method: number;
  compressed: number;
  inflated: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The central directory's entries, with the sizes they declare; throws ZipRefused. */
export function zipEntries(bytes: Uint8Array, limits: ZipLimits = XLSX_LIMITS): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const malformed = () => new ZipRefused('malformed', 'not a readable zip archive');
  // The end record is the last 22 bytes plus a comment of up to 65,535.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw malformed();
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirOffset = view.getUint32(end + 16, true);
  // ZIP64 marks (0xFFFF / 0xFFFFFFFF): no spreadsheet we accept needs them.
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipRefused('too_large', 'zip64 archive');
  if (count > limits.maxEntries) throw new ZipRefused('too_large', `${count} entries`);
  if (dirOffset + dirSize > end) throw malformed();
  const entries: Entry[] = [];
  let total = 0;
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) throw malformed();
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const inflated = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    if (compressed === 0xffffffff || inflated === 0xffffffff) throw new ZipRefused('too_large', 'zip64 entry');
    total += inflated;
    if (total > limits.maxInflatedBytes) throw new ZipRefused('too_large', `declares ${total} bytes inflated`);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, method, compressed, inflated, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates every entry, counting: refuses once the real total passes the cap or an entry outgrows what it declared. */
export async function checkZipInflation(bytes: Uint8Array, entries: Entry[], limits: ZipLimits = XLSX_LIMITS): Promise<void> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const e of entries) {
    if (e.localOffset + 30 > bytes.length || view.getUint32(e.localOffset, true) !== LOCAL) throw new ZipRefused('malformed', `entry ${e.name}`);
    const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
    const data = bytes.subarray(start, start + e.compressed);
    if (e.method === 0) {
      // Stored: its size is its size, and no bigger than the upload itself.
      if (e.compressed !== e.inflated) throw new ZipRefused('malformed', `entry ${e.name} stored with two sizes`);
      total += data.length;
      if (total > limits.maxInflatedBytes) throw new ZipRefused('too_large', 'stored entries past the cap');
    } else if (e.method === 8) {
      let entryBytes = 0;
      const reader = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          entryBytes += value.length;
          total += value.length;
          if (entryBytes > e.inflated || total > limits.maxInflatedBytes) throw new ZipRefused('too_large', `${e.name} inflates past its declared ${e.inflated} bytes or the cap`);
        }
      } catch (err) {
        if (err instanceof ZipRefused) throw err;
        throw new ZipRefused('malformed', `entry ${e.name} does not inflate`);
      } finally {
        void reader.cancel().catch(() => {});
      }
    } else {
      throw new ZipRefused('malformed', `entry ${e.name} uses compression method ${e.method}`);
    }
  }
}
