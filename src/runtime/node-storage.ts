import { statfsSync } from 'node:fs';
import { RateLimitedLog, type StorageWatch } from '../http/storage-full';

const MiB = 1024 * 1024;

/**
 * The database's file system, as /healthz reports it. A write refused for lack of space marks
 * it full; it reads as recovered once statfs shows space freed since (1 MiB more than at the
 * refusal), or simply plenty. SQLite itself needs no restart: the next transaction just works.
 */
export function watchStorage(dir: string, log = new RateLimitedLog()): StorageWatch {
  let fullAt: number | null = null; // free bytes when the last write was refused
  const free = () => {
    try {
      const s = statfsSync(dir);
      return Number(s.bavail) * Number(s.bsize);
    } catch {
      return Infinity; // cannot tell: say nothing rather than a false alarm
    }
  };
  return {
    noteFull(err) {
      fullAt = free();
      log.note(`minping: 服务器磁盘已满（${dir}，剩余 ${Math.floor(fullAt / 1024)} KB），写入被拒绝并答复 503 storage_full；请清理磁盘。disk full: ${String((err as Error)?.message ?? err)}`);
    },
    state() {
      const now = free();
      if (now < MiB) return 'full';
      if (fullAt !== null && now <= fullAt + MiB && now < 64 * MiB) return 'full';
      fullAt = null;
      return 'ok';
    },
  };
}
