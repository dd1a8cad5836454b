import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { parseNodeEnv } from '../runtime/env';
import { nodeSha256 } from '../runtime/node-platform';
import { auditReport } from '../services/audit-report';
import { SqliteStore } from '../store/sqlite-store';
import type { Meeting } from '../domain/meeting';

// `MINPING_DB=… npm run audit:verify -- [meetingId …]`: checks each meeting's audit trail (all
// meetings when none is named) on the file itself, read-only, so it also works on a backup
// copy or while the server runs. Exit 1 when any trail is broken, 2 on a usage error.
const { dbFile } = parseNodeEnv(process.env);
if (!existsSync(dbFile)) {
  console.error(`找不到数据库文件 ${dbFile}：请用环境变量 MINPING_DB 指定`);
  process.exit(2);
}
const store = new SqliteStore(new Database(dbFile, { readonly: true, fileMustExist: true }));
const services = { store, config: { publicUrl: '' }, sha256: nodeSha256 };

const ids = process.argv.slice(2);
const meetings: Meeting[] = [];
for (const id of ids) {
  const m = await store.getMeeting(id);
  if (!m) {
    console.error(`没有编号为 ${id} 的测评会`);
    process.exit(2);
  }
  meetings.push(m);
}
if (!ids.length) meetings.push(...(await store.listMeetings()));

let broken = 0;
for (const meeting of meetings) {
  const report = await auditReport(services, meeting);
  if (report.verified) {
    console.log(`ok      ${meeting.id}  ${meeting.title}  (${report.events.length} events)`);
  } else {
    broken++;
    console.log(`BROKEN  ${meeting.id}  ${meeting.title}`);
    for (const p of report.problems) console.log(`        ${p}`);
  }
}
console.log(`${meetings.length} meeting(s) checked, ${broken} broken`);
store.sqlite.close();
process.exit(broken ? 1 : 0);
