import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LoadRun } from './load';
import type { VoteCpu } from './cpu';
import type { PhoneRun, StepTimes } from './phones';
import type { FanoutResult } from './sse';
import { round } from './stats';

export interface BenchReport {
  quick: boolean;
  startedAt: string;
  machine: { node: string; cpus: number; loadAvgBefore: number[]; loadAvgAfter: number[] };
  /** The better of the two hello runs, one before everything and one after. */
  hello: LoadRun;
  helloRuns: number[];
  ingest: LoadRun & { subjects: number; acknowledged: number; counted: number; warmupPerSecond: number; cpuPerVoteUs: VoteCpu | null; rounds: number[]; profileWindowMs: number[][] };
  /** durable votes/s over bare-Hono requests/s of the same run */
  ratio: number;
  /** The voter's real path: GET /b/<token>, read the form, POST it, check the success page. */
  phone: PhoneRun & { subjects: number; acknowledged: number; counted: number; cpuPerVoteUs: VoteCpu | null; rounds: number[]; profileWindowMs: number[][] };
  /** phone votes/s over JSON-ingest votes/s of the same run */
  phoneRatio: number;
  issuance: { tokens: number; seconds: number; perSecond: number };
  /** null when only the vote paths were run (`--votes`). */
  results: { ballots: number; subjects: number; firstOverHttpMs: number; inProcessMs: number[] } | null;
  sse: FanoutResult | null;
  peakRssMb: number | null;
  /** Resident memory when the server started and after each phase: where the peak came from. */
  rssAfterMb: Record<string, number | null>;
}

interface Row {
  what: string;
  figure: string;
  target: string;
  met: boolean | null;
}

const steps = (s: StepTimes) => `${round(s.p50ms)} / ${round(s.p99ms)}`;

function phoneRows(r: BenchReport): Row[] {
  const p = r.phone;
  return [
    { what: 'phone path: GET page, POST form', figure: `${fmt(p.perSecond)} votes/s (rounds ${p.rounds.map(fmt).join(', ')})`, target: '', met: null },
    { what: '  ratio phone / JSON ingest', figure: round(r.phoneRatio, 3).toString(), target: '≥ 0.4', met: r.phoneRatio >= 0.4 },
    { what: '  GET p50 / p99', figure: `${steps(p.get)} ms`, target: 'p99 ≤ 50 ms', met: p.get.p99ms <= 50 },
    { what: '  POST p50 / p99', figure: `${steps(p.post)} ms`, target: 'p99 ≤ 50 ms', met: p.post.p99ms <= 50 },
    { what: '  whole flow p50 / p99', figure: `${steps(p.flow)} ms`, target: '', met: null },
    { what: '  failed flows / errors', figure: `${p.failed} / ${p.errors}${p.problems.length ? ` (${p.problems[0].slice(0, 60)})` : ''}`, target: '0 / 0', met: p.failed + p.errors === 0 },
    { what: '  acknowledged = counted', figure: `${p.acknowledged} = ${p.counted}`, target: 'equal', met: p.acknowledged === p.counted },
    { what: '  bytes on the wire', figure: `ballot ${p.wireBytes.ballot}, success ${p.wireBytes.success}`, target: '', met: null },
    ...cpuRow(p.cpuPerVoteUs),
  ];
}

function resultRows(r: BenchReport): Row[] {
  if (!r.results) return [];
  const inProcess = [...r.results.inProcessMs].sort((a, b) => a - b);
  return [
    {
      what: `results ${r.results.ballots} × ${r.results.subjects}, first`,
      figure: `${round(r.results.firstOverHttpMs)} ms (in-process ${round(inProcess[0])}–${round(inProcess.at(-1)!)} ms)`,
      target: '≤ 100 ms',
      met: r.results.firstOverHttpMs <= 100,
    },
  ];
}

function sseRows(r: BenchReport): Row[] {
  // Absent only when the run asked for the vote paths alone (`--votes`); a failed stream throws.
  if (!r.sse) return [];
  const sse = r.sse;
  return [
    {
      what: `SSE ${sse.watchers} watchers, vote-to-screen`,
      figure: `p50 ${round(sse.p50ms)} / p99 ${round(sse.p99ms)} ms${sse.missed ? `, ${sse.missed} missed` : ''}`,
      target: 'p99 ≤ 250 ms',
      met: sse.p99ms <= 250 && sse.missed === 0,
    },
  ];
}

export function rows(r: BenchReport): Row[] {
  return [
    { what: 'bare Hono GET hello', figure: `${fmt(r.hello.perSecond)} req/s (best of ${r.helloRuns.map(fmt).join(' and ')})`, target: 'ceiling', met: null },
    { what: 'durable vote ingest', figure: `${fmt(r.ingest.perSecond)} votes/s (rounds ${r.ingest.rounds.map(fmt).join(', ')})`, target: '', met: null },
    { what: '  ratio ingest / hello', figure: round(r.ratio, 3).toString(), target: '≥ 0.17', met: r.ratio >= 0.17 },
    { what: '  latency p50 / p99', figure: `${round(r.ingest.p50ms)} / ${round(r.ingest.p99ms)} ms`, target: 'p99 ≤ 50 ms', met: r.ingest.p99ms <= 50 },
    { what: '  errors / non-2xx', figure: `${r.ingest.errors} / ${r.ingest.non2xx}`, target: '0 / 0', met: r.ingest.errors + r.ingest.non2xx === 0 },
    {
      what: '  acknowledged = counted',
      figure: `${r.ingest.acknowledged} = ${r.ingest.counted}`,
      target: 'equal',
      met: r.ingest.acknowledged === r.ingest.counted,
    },
    ...cpuRow(r.ingest.cpuPerVoteUs),
    ...phoneRows(r),
    { what: `token issuance (${r.issuance.tokens})`, figure: `${fmt(r.issuance.perSecond)} tokens/s`, target: '≥ 50,000/s', met: r.issuance.perSecond >= 50_000 },
    ...resultRows(r),
    ...sseRows(r),
    {
      what: 'server peak RSS',
      figure: r.peakRssMb === null ? 'n/a' : `${round(r.peakRssMb)} MB (after ${phases(r.rssAfterMb)})`,
      target: '≤ 200 MB',
      met: r.peakRssMb === null ? null : r.peakRssMb <= 200,
    },
  ];
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

/** Where a vote's CPU went, on the two cores everything shares. */
function cpuRow(cpu: VoteCpu | null): Row[] {
  if (!cpu) return [];
  const figure = `main ${round(cpu.main, 0)}, writer ${round(cpu.writer, 0)}, other ${round(cpu.otherServer, 0)}, load generator ${round(cpu.loadGenerator, 0)}`;
  return [{ what: '  CPU µs per vote', figure, target: '', met: null }];
}
const phases = (mb: Record<string, number | null>) =>
  Object.entries(mb)
    .map(([phase, v]) => `${phase} ${v === null ? '?' : Math.round(v)}`)
    .join(', ');

export function printTable(r: BenchReport) {
  const table = rows(r);
  const w = [0, 0, 0];
  for (const x of table) [x.what, x.figure, x.target].forEach((s, i) => (w[i] = Math.max(w[i], [...s].length)));
  const pad = (s: string, n: number) => s + ' '.repeat(n - [...s].length);
  const mark = (m: boolean | null) => (m === null ? '' : m ? 'ok' : 'MISSED');
  console.log(`\nminping bench${r.quick ? ' (quick)' : ''} — ${r.machine.cpus} cores, Node ${r.machine.node}, load average before ${r.machine.loadAvgBefore.map((x) => x.toFixed(2)).join(' ')}\n`);
  for (const x of table) console.log(`  ${pad(x.what, w[0])}  ${pad(x.figure, w[1])}  ${pad(x.target, w[2])}  ${mark(x.met)}`);
  console.log('');
}

export function writeReport(file: string, r: BenchReport) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...r, table: rows(r) }, null, 2) + '\n');
}
