import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { client, type Client } from '../test/helpers/target';
import { ballotFeed, countedBallots, createMeeting, issueTokens, setState, type BenchMeeting } from './meetings';
import { perVote, readCpu, type VoteCpu } from './cpu';
import { load, type LoadRun } from './load';
import { phones, stepTimes, type PhoneRun, type PhoneSamples } from './phones';
import { percentile } from './stats';
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
  ? { helloSeconds: 1, warmupVotes: 300, ingestSeconds: 1, minIngest: 300, warmupPhones: 200, minPhones: 200, rounds: 1, issuance: 2_000, resultBallots: 300, watchers: 20, sseVotes: 3 }
  : { helloSeconds: 10, warmupVotes: 20_000, ingestSeconds: 10, minIngest: 5_000, warmupPhones: 5_000, minPhones: 2_000, rounds: 3, issuance: 100_000, resultBallots: 10_000, watchers: 500, sseVotes: 20 };
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

/** CPU µs per vote summed over rounds, weighted by each round's votes. */
class CpuTally {
  private sum: VoteCpu = { main: 0, writer: 0, otherServer: 0, loadGenerator: 0 };
  private votes = 0;
  constructor(private readonly pid: number) {}

  async measure<T extends { ok: number }>(run: () => Promise<T>): Promise<T> {
    const before = readCpu(this.pid);
    const result = await run();
    const after = readCpu(this.pid);
    if (before && after && result.ok > 0) {
      const cpu = perVote(this.pid, before, after, result.ok);
      for (const k of Object.keys(this.sum) as (keyof VoteCpu)[]) this.sum[k] += cpu[k] * result.ok;
      this.votes += result.ok;
    }
    return result;
  }

  perVote(): VoteCpu | null {
    if (this.votes === 0) return null;
    const out = { ...this.sum };
    for (const k of Object.keys(out) as (keyof VoteCpu)[]) out[k] /= this.votes;
    return out;
  }
}

const slices = <T>(xs: T[], n: number) => Array.from({ length: n }, (_, i) => xs.slice(Math.floor((i * xs.length) / n), Math.floor(((i + 1) * xs.length) / n)));

/**
 * The two vote paths, each on a meeting of its own: the JSON API (`POST /api/ballots`) and the
 * path real phones take (GET /b/<token>, read the form, POST it, check the success page). A
 * warm-up of each sizes a timed run of ~`ingestSeconds`; the timed runs then go in alternating
 * rounds (JSON, phones, JSON, phones…), so a host whose speed drifts (other jobs on the same
 * cores) weighs on both alike, and the ratio of the two compares like with like.
 */
async function measureVotePaths(server: ServerProcess, staff: Client) {
  const ingestMeeting = await createMeeting(staff, '入库速度测评', 1_000_000, INGEST_SUBJECTS);
  const started = performance.now();
  let tokens = await issueTokens(staff, ingestMeeting.id, plan.issuance);
  const seconds = (performance.now() - started) / 1000;
  const issuance = { tokens: plan.issuance, seconds, perSecond: plan.issuance / seconds };
  await setState(staff, ingestMeeting.id, 'open');
  // A warm-up run heats the JIT and page cache and tells how many votes fill the timed run.
  const warmup = await castAll(server.url, ingestMeeting, tokens.slice(0, plan.warmupVotes));
  tokens = tokens.slice(plan.warmupVotes);
  const amount = Math.max(plan.minIngest, Math.round(warmup.perSecond * plan.ingestSeconds));
  if (tokens.length < amount) tokens = tokens.concat(await issueTokens(staff, ingestMeeting.id, amount - tokens.length));

  const phoneMeeting = await createMeeting(staff, '手机投票速度测评', 1_000_000, INGEST_SUBJECTS);
  await setState(staff, phoneMeeting.id, 'open');
  const phoneWarmup = await phones({ url: server.url, tokens: await issueTokens(staff, phoneMeeting.id, plan.warmupPhones) });
  const phoneAmount = Math.max(plan.minPhones, Math.round(phoneWarmup.perSecond * plan.ingestSeconds));
  const phoneTokens = await issueTokens(staff, phoneMeeting.id, phoneAmount);

  const ingestCpu = new CpuTally(server.pid);
  const phoneCpu = new CpuTally(server.pid);
  const ingestSamples: number[] = [];
  const phoneSamples: PhoneSamples = { get: [], post: [], flow: [] };
  const ingestRuns: LoadRun[] = [];
  const phoneRuns: PhoneRun[] = [];
  const windows = { ingest: [] as number[][], phone: [] as number[][] };
  const jsonSlices = slices(tokens.slice(0, amount), plan.rounds);
  const phoneSlices = slices(phoneTokens, plan.rounds);
  for (let r = 0; r < plan.rounds; r++) {
    let from = server.sinceStart();
    const feed = ballotFeed(ingestMeeting, jsonSlices[r]);
    ingestRuns.push(await ingestCpu.measure(() => load({ url: server.url + '/api/ballots', amount: jsonSlices[r].length, body: feed.body, samples: ingestSamples })));
    windows.ingest.push([from, (from = server.sinceStart())]);
    phoneRuns.push(await phoneCpu.measure(() => phones({ url: server.url, tokens: phoneSlices[r], samples: phoneSamples })));
    windows.phone.push([from, server.sinceStart()]);
  }

  await setState(staff, ingestMeeting.id, 'close');
  await setState(staff, phoneMeeting.id, 'close');
  const sum = <T>(runs: T[], f: (x: T) => number) => runs.reduce((n, x) => n + f(x), 0);
  const ingestSeconds = sum(ingestRuns, (x) => x.seconds);
  const ingestOk = sum(ingestRuns, (x) => x.ok);
  ingestSamples.sort((a, b) => a - b);
  const statusCodes: Record<string, number> = {};
  for (const run of ingestRuns) for (const [code, n] of Object.entries(run.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const ingest = {
    ok: ingestOk,
    non2xx: sum(ingestRuns, (x) => x.non2xx),
    errors: sum(ingestRuns, (x) => x.errors),
    statusCodes,
    seconds: ingestSeconds,
    perSecond: ingestOk / ingestSeconds,
    p50ms: percentile(ingestSamples, 0.5),
    p99ms: percentile(ingestSamples, 0.99),
    rounds: ingestRuns.map((x) => Math.round(x.perSecond)),
    subjects: INGEST_SUBJECTS,
    acknowledged: warmup.ok + ingestOk,
    counted: await countedBallots(staff, ingestMeeting.id),
    warmupPerSecond: warmup.perSecond,
    cpuPerVoteUs: ingestCpu.perVote(),
    profileWindowMs: windows.ingest,
  };
  const phoneOk = sum(phoneRuns, (x) => x.ok);
  const phoneSeconds = sum(phoneRuns, (x) => x.seconds);
  const phone = {
    ok: phoneOk,
    failed: sum(phoneRuns, (x) => x.failed),
    errors: sum(phoneRuns, (x) => x.errors),
    problems: phoneRuns.flatMap((x) => x.problems).slice(0, 5),
    seconds: phoneSeconds,
    perSecond: phoneOk / phoneSeconds,
    get: stepTimes(phoneSamples.get),
    post: stepTimes(phoneSamples.post),
    flow: stepTimes(phoneSamples.flow),
    wireBytes: phoneRuns.at(-1)!.wireBytes,
    rounds: phoneRuns.map((x) => Math.round(x.perSecond)),
    subjects: INGEST_SUBJECTS,
    acknowledged: phoneWarmup.ok + phoneOk,
    counted: await countedBallots(staff, phoneMeeting.id),
    cpuPerVoteUs: phoneCpu.perVote(),
    profileWindowMs: windows.phone,
  };
  return { issuance, ingest, phone };
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
    const { issuance, ingest, phone } = await measureVotePaths(server, staff);
    rssAfter.votes = mb(server.rssBytes());
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
