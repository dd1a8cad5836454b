import type { Context } from 'hono';
import { HttpError } from './http-error';
import { errorMatches, isStorageFull, noteStorageFull, RateLimitedLog } from './storage-full';

/**
 * A database file that turns out damaged while serving (it passed the start-up check, then a
 * page read back as garbage: a failing disk, a bad restore, a copy written over it) or a disk
 * that fails reads and writes. Nothing of the request was saved; it is no bug in the request,
 * and a stack per request helps nobody: 503 with what to do, one log line a minute. SQLite's
 * codes are lost when an error crosses from the writer thread, so its messages count too.
 */
const BROKEN = /SQLITE_CORRUPT|SQLITE_NOTADB|SQLITE_IOERR|database disk image is malformed|file is not a database|disk I\/O error/i;

export const isStorageBroken = (err: unknown) => errorMatches(err, BROKEN);

const log = new RateLimitedLog();

export function storageBroken(c: Context, err: unknown): HttpError {
  log.note(`minping: 数据库文件读写出错（损坏或磁盘故障），请求答复 503 storage_broken；请检查磁盘并从备份恢复。${String((err as Error)?.message ?? err)}`);
  c.header('Retry-After', '60');
  return new HttpError('storage_broken');
}

/** A full or broken storage as the refusal to answer with (503, what to do); any other error as it is. */
export function storageRefusal(c: Context, err: Error): Error {
  if (isStorageFull(err)) return noteStorageFull(c, err);
  if (isStorageBroken(err)) return storageBroken(c, err);
  return err;
}
