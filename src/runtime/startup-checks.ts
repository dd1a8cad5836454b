import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';

/**
 * A reason not to start, said in one line an operator can act on. node.ts prints the message
 * (no stack) and exits non-zero; anything else thrown at start is a bug and keeps its stack.
 */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

const restore = (file: string) =>
  `请停止服务，用最近的备份恢复：把 \`npm run backup\` 生成的备份文件复制为 ${file}（并删除旁边的 ${file}-wal、${file}-shm）后再启动。不要在这个文件上继续投票。`;

/**
 * Before the server opens the file for writing: it must be a whole SQLite database that passes
 * PRAGMA quick_check. A corrupt file would otherwise start and answer every call with 500; a
 * truncated one would die later with a raw stack. A missing file is a fresh deployment.
 */
export function checkDatabaseFile(file: string): void {
  if (file === ':memory:' || !existsSync(file)) return;
  if (statSync(file).size === 0) {
    throw new StartupError(`minping 无法启动：数据库文件 ${file} 是空的（0 字节），可能被截断。${restore(file)} 如确为全新部署，请先删除这个空文件。`);
  }
  let db: Database.Database | undefined;
  let verdict: string;
  try {
    db = new Database(file, { fileMustExist: true });
    const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
    verdict = rows.map((r) => r.quick_check).join('; ').replace(/\s+/g, ' ').trim();
  } catch (err) {
    verdict = String((err as Error).message ?? err).replace(/\s+/g, ' ');
  } finally {
    db?.close();
  }
  if (verdict !== 'ok') {
    throw new StartupError(`minping 无法启动：数据库文件 ${file} 已损坏或不完整（quick_check：${verdict.slice(0, 200)}）。${restore(file)}`);
  }
}

/** A listen error (busy port, no permission) as one line. */
export function listenError(err: NodeJS.ErrnoException, host: string, port: number): StartupError {
  if (err.code === 'EADDRINUSE') {
    return new StartupError(`minping 无法启动：${host}:${port} 端口已被占用（可能已有一个 minping 在运行）。请先停止占用该端口的程序，或用环境变量 PORT 换一个端口。`);
  }
  if (err.code === 'EACCES') {
    return new StartupError(`minping 无法启动：没有权限监听 ${host}:${port}（1024 以下的端口需要管理员权限）。请换用 1024 以上的端口，如 PORT=8787，前面用反向代理。`);
  }
  if (err.code === 'EADDRNOTAVAIL') {
    return new StartupError(`minping 无法启动：本机没有地址 ${host}。请检查环境变量 HOST（如 127.0.0.1 或 0.0.0.0）。`);
  }
  return new StartupError(`minping 无法启动：监听 ${host}:${port} 失败（${err.code ?? err.message}）。`);
}
