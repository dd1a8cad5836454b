import { existsSync } from 'node:fs';
import { parseNodeEnv } from '../runtime/env';
import { nodeSha256 } from '../runtime/node-platform';
import { checkDatabaseFile, StartupError } from '../runtime/startup-checks';
import { createUser } from '../services/users';
import { openDatabase, SqliteStore } from '../store/sqlite-store';

// `MINPING_DB=… npm run admin:key [-- 名称]`: a new admin key, minted on the machine's shell.
// Whoever can run this already holds the database file, so it gives nothing away; it is the way
// back in when the first key scrolled away or every admin was revoked. Safe while the server runs.
const { dbFile } = parseNodeEnv(process.env);
try {
  if (!existsSync(dbFile)) throw new StartupError(`找不到数据库文件 ${dbFile}：请先 npm start 一次，或用环境变量 MINPING_DB 指定`);
  checkDatabaseFile(dbFile);
  const store = new SqliteStore(openDatabase(dbFile));
  const name = process.argv[2]?.trim() || `管理员（命令行 ${new Date().toISOString().slice(0, 10)}）`;
  const admin = await createUser({ store, config: { publicUrl: '' }, sha256: nodeSha256 }, { name, role: 'admin' });
  await store.close();
  console.log(`A new admin key for ${dbFile} (“${admin.name}”), shown this once:\n\n  ${admin.key}\n\nSign in at /staff/login; revoke old keys under 账号管理.`);
} catch (err) {
  console.error(err instanceof StartupError ? err.message : `创建管理员密钥失败：${String((err as Error)?.message ?? err)}`);
  process.exit(2);
}
