import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseNodeEnv } from '../src/runtime/env';

/**
 * `MINPING_DB=… npm run backup -- <destination>`: a consistent copy of the live database, taken
 * while the server keeps accepting votes. SQLite's online backup API copies one snapshot; all
 * pages go in a single step, because a multi-step copy restarts whenever a vote lands in
 * between and might never finish during a busy meeting. The copy is made a self-contained
 * file (no -wal beside it) and checked before we say it is good.
 */
async function backupDatabase(source: string, destination: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Error(`找不到数据库文件 ${source}：请用环境变量 MINPING_DB 指定`);
  if (existsSync(destination)) throw new Error(`备份目标 ${destination} 已存在，不会覆盖；请换一个文件名`);
  mkdirSync(dirname(destination), { recursive: true });
  const live = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await live.backup(destination, { progress: () => 0x7fffffff });
    const copy = new Database(destination);
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`备份文件完整性检查未通过：${String(check)}`);
    } finally {
      copy.close();
    }
    return { pages: totalPages };
  } finally {
    live.close();
  }
}

const { dbFile } = parseNodeEnv(process.env);
const destination = process.argv[2] ?? join('backups', `minping-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
try {
  const { pages } = await backupDatabase(dbFile, destination);
  console.log(`backup ok: ${dbFile} → ${destination} (${pages} pages, integrity ok)`);
} catch (err) {
  console.error(`备份失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
