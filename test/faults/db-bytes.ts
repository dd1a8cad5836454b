import { existsSync, readFileSync } from 'node:fs';

/** Everything SQLite keeps on disk for `dbFile`: the file, its WAL and its shared-memory index. */
export function dbBytes(dbFile: string): Buffer {
  return Buffer.concat(['', '-wal', '-shm', '-journal'].map((s) => dbFile + s).filter(existsSync).map((f) => readFileSync(f)));
}

/** The strings of `needles` found anywhere in those bytes (as UTF-8, as SQLite stores text). */
export function foundIn(bytes: Buffer, needles: string[]): string[] {
  return needles.filter((n) => bytes.includes(Buffer.from(n)));
}
