import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { client, type Client } from '../test/helpers/target';
import { ballotFeed, countedBallots, createMeeting, issueTokens, setState, type BenchMeeting } from './meetings';
import { perVote, readCpu, type VoteCpu } from './cpu';
import { load } from './load';
import { phones } from './phones';
import { REPO, startServerProcess, type ServerProcess } from './processes';
import { printTable, writeReport, type BenchReport } from './report';
import { timeResults } from './results-timing';
import { sseFanout } from './sse';

// `npm run bench` (full, ~1 min) or `npm run bench -- --quick` (a few seconds, for CI).
// `-- --votes`: only the ceiling, the JSON ingest and the phone path (for profiling them).
const { values: args } = parseArgs({ options: { quick: { type: 'boolean' }, votes: { type: 'boolean' }, out: { type: 'string' } } });
const quick = args.quick || process.env.BENCH_QUICK === '1';
const out = resolve(args.out ?? join(REPO, 'bench/results', quick ? 'quick.json' : 'latest.json'));

const plan = quick
  ? { helloSeconds: 1, warmupVotes: 300, ingestSeconds: 1, minIngest: 300, warmupPhones: 200, minPhones: 200, issuance: 2_000, resultBallots: 300, watchers: 20, sseVotes: 3 }
  : { helloSeconds: 10, warmupVotes: 20_000, ingestSeconds: 10, minIngest: 5_000, warmupPhones: 5_000, minPhones: 2_000, issuance: 100_000, resultBallots: 10_000, watchers: 500, sseVotes: 20 };
const INGEST_SUBJECTS = 3;
const RESULT_SUBJECTS = 20;

const loadAvgBefore = loadavg();

async function measureHello() {
  const hello = await startServerProcess('bench/hello-server.ts', {});
  try {
    await load({ url: hello.url, duration: 1 });
    return await load({ url: hello.url, duration: plan.helloSeconds });
  } finally {
    await hello.stop();
  }
}

/** Votes over distinct tokens; `amount` mode, so every request is answered and counted. */
async function castAll(url: string, meeting: BenchMeeting, tokens: string[]) {
  const feed = ballotFeed(meeting, tokens);
  return load({ url: url + '/api/ballots', amount: tokens.length, body: feed.body });
}

async function measureIngest(server: ServerProcess, staff: Client) {
  const meeting = await createMeeting(staff, '入库速度测评', 1_000_000, INGEST_SUBJECTS);
  const started = performance.now();
  let tokens = await issueTokens(staff, meeting.id, plan.issuance);
  const seconds = (performance.now() - started) / 1000;
  const issuance = { tokens: plan.issuance, seconds, perSecond: plan.issuance / seconds };

  await setState(staff, meeting.id, 'open');
  // A warm-up run heats the JIT and page cache and tells how many votes fill the timed run.
  const warmup = await castAll(server.url, meeting, tokens.slice(0, plan.warmupVotes));
  tokens = tokens.slice(plan.warmupVotes);
  const amount = Math.max(plan.minIngest, Math.round(warmup.perSecond * plan.ingestSeconds));
  if (tokens.length < amount) tokens = tokens.concat(await issueTokens(staff, meeting.id, amount - tokens.length));
  const cpuBefore = readCpu(server.pid);
  const window = [server.sinceStart()];
  const run = await castAll(server.url, meeting, tokens.slice(0, amount));
  window.push(server.sinceStart());
  const cpuAfter = readCpu(server.pid);
  const cpu = cpuBefore && cpuAfter ? perVote(server.pid, cpuBefore, cpuAfter, run.ok) : null;
  await setState(staff, meeting.id, 'close');
  const counted = await countedBallots(staff, meeting.id);
  const acknowledged = warmup.ok + run.ok;
  return { issuance, ingest: { ...run, subjects: INGEST_SUBJECTS, acknowledged, counted, warmupPerSecond: warmup.perSecond, cpuPerVoteUs: cpu, profileWindowMs: window } };
}

/**
 * The path real phones take, on a meeting of its own: GET /b/<token>, read the form, POST it,
 * check the success page. Timed like the ingest: a warm-up sizes a run of the same length.
 */
async function measurePhones(server: ServerProcess, staff: Client): Promise<BenchReport['phone']> {
  const meeting = await createMeeting(staff, '手机投票速度测评', 1_000_000, INGEST_SUBJECTS);
  let tokens = await issueTokens(staff, meeting.id, plan.warmupPhones);
  await setState(staff, meeting.id, 'open');
  const warmup = await phones({ url: server.url, tokens });
  const amount = Math.max(plan.minPhones, Math.round(warmup.perSecond * plan.ingestSeconds));
  tokens = await issueTokens(staff, meeting.id, amount);
  const cpuBefore = readCpu(server.pid);
  const window = [server.sinceStart()];
  const run = await phones({ url: server.url, tokens });
  window.push(server.sinceStart());
  const cpuAfter = readCpu(server.pid);
  const cpu = cpuBefore && cpuAfter ? perVote(server.pid, cpuBefore, cpuAfter, run.ok) : null;
  await setState(staff, meeting.id, 'close');
  const counted = await countedBallots(staff, meeting.id);
  return { ...run, subjects: INGEST_SUBJECTS, acknowledged: warmup.ok + run.ok, counted, cpuPerVoteUs: cpu, profileWindowMs: window };
}

async function measureResults(server: ServerProcess, staff: Client, dbFile: string) {
  const meeting = await createMeeting(staff, '结果计算测评', plan.resultBallots, RESULT_SUBJECTS);
  const tokens = await issueTokens(staff, meeting.id, plan.resultBallots);
  await setState(staff, meeting.id, 'open');
  const cast = await castAll(server.url, meeting, tokens);
  if (cast.ok !== plan.resultBallots) throw new Error(`results meeting: only ${cast.ok} of ${plan.resultBallots} ballots accepted`);
  await setState(staff, meeting.id, 'close');
  const started = performance.now();
  const res = await staff.get(`/api/meetings/${meeting.id}/results`);
  const firstOverHttpMs = performance.now() - started;
  if (res.status !== 200 || res.body.cast !== plan.resultBallots) throw new Error(`results: ${res.status} ${res.text.slice(0, 200)}`);
  const inProcessMs = await timeResults(dbFile, meeting.id, 5);
  return { ballots: plan.resultBallots, subjects: RESULT_SUBJECTS, firstOverHttpMs, inProcessMs };
}

async function measureFanout(server: ServerProcess, staff: Client, key: string) {
  const meeting = await createMeeting(staff, '实时人数测评', 1_000, INGEST_SUBJECTS);
  const tokens = await issueTokens(staff, meeting.id, plan.sseVotes);
  await setState(staff, meeting.id, 'open');
  const feed = ballotFeed(meeting, tokens);
  const ballots = tokens.map(() => feed.body().toString());
  return sseFanout({ url: server.url, key, meetingId: meeting.id, watchers: plan.watchers, ballots, gapMs: 100 });
}

async function main() {
  const startedAt = new Date().toISOString();
  const helloBefore = await measureHello();
  const dir = mkdtempSync(join(tmpdir(), 'minping-bench-'));
  const dbFile = join(dir, 'minping.db');
  const key = randomBytes(24).toString('hex');
  // The server as `npm start` runs it: built, with its heap flags.
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: REPO, stdio: 'inherit' });
  const server = await startServerProcess('dist/runtime/node.mjs', { PORT: '0', HOST: '127.0.0.1', MINPING_DB: dbFile, MINPING_ADMIN_TOKEN: key });
  try {
    const staff = client(server.url, key);
    const mb = (bytes: number | null) => (bytes === null ? null : bytes / 1024 / 1024);
    const rssAfter: Record<string, number | null> = { start: mb(server.rssBytes()) };
    // As in a real meeting, staff pages are in use while votes arrive: render some first, so
    // whatever a rendered page leaves behind in the process (it once was async hooks on every
    // promise) is paid by the vote paths here too.
    for (const path of ['/', '/staff/login', '/b']) await fetch(server.url + path).then((r) => r.arrayBuffer());
    const { issuance, ingest } = await measureIngest(server, staff);
    rssAfter.ingest = mb(server.rssBytes());
    const phone = await measurePhones(server, staff);
    rssAfter.phone = mb(server.rssBytes());
    const results = args.votes ? null : await measureResults(server, staff, dbFile);
    rssAfter.results = mb(server.rssBytes());
    const sse = args.votes ? null : await measureFanout(server, staff, key);
    rssAfter.sse = mb(server.rssBytes());
    // The ceiling is measured again at the end and the better run kept: a dip of the host during
    // one hello run would otherwise flatter the ratio.
    const helloAfter = await measureHello();
    const hello = helloAfter.perSecond > helloBefore.perSecond ? helloAfter : helloBefore;
    const report: BenchReport = {
      quick,
      startedAt,
      machine: { node: process.versions.node, cpus: availableParallelism(), loadAvgBefore, loadAvgAfter: loadavg() },
      hello,
      helloRuns: [helloBefore.perSecond, helloAfter.perSecond],
      ingest,
      ratio: ingest.perSecond / hello.perSecond,
      phone,
      phoneRatio: phone.perSecond / ingest.perSecond,
      issuance,
      results,
      sse,
      peakRssMb: mb(server.peakRssBytes()),
      rssAfterMb: rssAfter,
    };
    printTable(report);
    writeReport(out, report);
    console.log(`written to ${out}`);
    // Performance misses are reported; a lost or phantom vote is a failure.
    if (ingest.acknowledged !== ingest.counted || phone.acknowledged !== phone.counted) process.exitCode = 1;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
