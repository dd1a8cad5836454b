import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseNodeEnv } from '../runtime/env';
import { nodeSha256 } from '../runtime/node-platform';
import { changeState } from '../services/change-state';
import { createMeeting } from '../services/create-meeting';
import { issueTokens } from '../services/issue-tokens';
import { createUser } from '../services/users';
import { openDatabase, SqliteStore } from '../store/sqlite-store';

// `npm run demo`: a meeting a newcomer can vote in right away, on the same database `npm start` uses.
const settings = parseNodeEnv(process.env);
mkdirSync(dirname(settings.dbFile), { recursive: true });
const store = new SqliteStore(openDatabase(settings.dbFile));
const publicUrl = settings.publicUrl ?? `http://${settings.host}:${settings.port}`;
const services = { store, config: { publicUrl }, sha256: nodeSha256 };

const supervisor = await createUser(services, { name: '演示监督员', role: 'supervisor' });
const actor = { id: supervisor.id, name: supervisor.name, role: supervisor.role };
const meeting = await createMeeting(
  services,
  {
    title: '东山村2026年度民主测评（演示）',
    organization: '东山村党支部',
    rule: 'standard',
    categories: [
      { key: 'party', label: '党员', eligible: 8 },
      { key: 'rep', label: '村民代表', eligible: 4 },
    ],
    subjects: [{ name: '东山村党支部', kind: 'branch' }, { name: '第一书记 张明', kind: 'first_secretary' }, { name: '村委会主任 李华' }],
  },
  actor,
);
const party = await issueTokens(services, meeting.id, { count: 8, category: 'party' }, actor);
const rep = await issueTokens(services, meeting.id, { count: 4, category: 'rep' }, actor);
await changeState(services, meeting.id, 'open', actor);
store.sqlite.close();

console.log(`Demo meeting "${meeting.title}" is open (id ${meeting.id}), 12 eligible, 8 votes reach the 2/3 line.\n`);
console.log('Ballot links (one vote each) — start the server with `npm start` if it is not running:');
for (const url of [...party.urls, ...rep.urls]) console.log(`  ${url}`);
console.log(`\nSupervisor key (shown once): ${supervisor.key}`);
console.log(`  turnout:  curl -H "Authorization: Bearer ${supervisor.key}" ${publicUrl}/api/meetings/${meeting.id}/turnout`);
console.log(`  close:    curl -X POST -H "Authorization: Bearer ${supervisor.key}" ${publicUrl}/api/meetings/${meeting.id}/close`);
console.log(`  results:  curl -H "Authorization: Bearer ${supervisor.key}" ${publicUrl}/api/meetings/${meeting.id}/results`);
