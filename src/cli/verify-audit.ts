import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { parseNodeEnv } from '../runtime/env';
import { nodeSha256 } from '../runtime/node-platform';
import { printedHeadProblem } from '../services/anchor';
import { auditReport } from '../services/audit-report';
import { SqliteStore } from '../store/sqlite-store';
import type { Meeting } from '../domain/meeting';

// `MINPING_DB=… npm run audit:verify -- [meetingId …] [--head <hex>]`: checks each meeting's audit
// trail (all meetings when none is named) on the file itself, read-only, so it also works on a
// backup copy or while the server runs: the hash chain, the trail against the meeting's state,
// the stored ballots and results against the digests in the close event, and with --head (one
// meeting) the chain against the head hash printed on its notice or minutes. Exit 1 when any
// check fails, 2 on a usage error.
function usage(message: string): never {
  console.error(`${message}\n用法：npm run audit:verify -- [测评会编号 …] [--head <公示或测评记录上印的哈希>]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const ids: string[] = [];
let head: string | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--head') {
    head = args[++i];
    if (!head || !/^[0-9a-f]{64}$/i.test(head.trim())) usage('--head 后面应是 64 位十六进制哈希');
  } else if (args[i].startsWith('--')) usage(`未知的选项 ${args[i]}`);
  else ids.push(args[i]);
}
if (head && ids.length !== 1) usage('--head 只能与一个测评会编号一起使用');

let settings;
try {
  settings = parseNodeEnv(process.env);
} catch (err) {
  usage((err as Error).message);
}
const { dbFile, minGroup } = settings;
if (!existsSync(dbFile)) {
  console.error(`找不到数据库文件 ${dbFile}：请用环境变量 MINPING_DB 指定`);
  process.exit(2);
}
const store = new SqliteStore(new Database(dbFile, { readonly: true, fileMustExist: true }));
const services = { store, config: { publicUrl: '', minGroup }, sha256: nodeSha256 };

const meetings: Meeting[] = [];
for (const id of ids) {
  const m = await store.getMeeting(id);
  if (!m) usage(`没有编号为 ${id} 的测评会`);
  meetings.push(m);
}
if (!ids.length) meetings.push(...(await store.listMeetings()));

let broken = 0;
for (const meeting of meetings) {
  const report = await auditReport(services, meeting);
  const problems = [...report.problems];
  const headProblem = head ? printedHeadProblem(report.events, head) : null;
  if (headProblem) problems.push(headProblem);
  const close = report.events.find((e) => e.type === 'meeting_closed');
  const anchored = close && typeof close.data.resultsDigest === 'string';
  if (problems.length === 0) {
    const notes = [`${report.events.length} events`, anchored ? 'ballots and results match the close event' : meeting.status === 'closed' ? 'closed before results were anchored' : meeting.status];
    if (head) {
      const at = report.events.findIndex((e) => e.hash === head!.trim().toLowerCase());
      const later = report.events.length - 1 - at;
      notes.push(later === 0 ? 'printed head is the head' : `printed head is event ${report.events[at].seq}, ${later} later event(s): ${report.events.slice(at + 1).map((e) => e.type).join(', ')}`);
    }
    console.log(`ok      ${meeting.id}  ${meeting.title}  (${notes.join('; ')})`);
  } else {
    broken++;
    console.log(`BROKEN  ${meeting.id}  ${meeting.title}`);
    for (const p of problems) console.log(`        ${p}`);
  }
}
console.log(`${meetings.length} meeting(s) checked, ${broken} broken`);
store.sqlite.close();
process.exit(broken ? 1 : 0);
