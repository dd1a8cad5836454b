import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * The top frames of a `--cpu-prof` profile (BENCH_NODE_ARGS="--cpu-prof"), by self time and by
 * time including callees, optionally over a window of it: `node --import tsx
 * bench/profile-top.ts CPU.…cpuprofile [--window ingest|phone] [--report bench/results/latest.json]
 * [--top 25]`. The windows are the timed rounds, as the report records them (ms since the server
 * was spawned; the profile's clock starts a little later, at Node's start).
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { window: { type: 'string' }, report: { type: 'string' }, top: { type: 'string' } } });
const profile: Profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const report = values.window && JSON.parse(readFileSync(values.report ?? 'bench/results/latest.json', 'utf8'));
const windows: number[][] = report ? report[values.window!].profileWindowMs : [[0, Infinity]];
const top = Number(values.top ?? 25);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n: Node) => {
  const file = n.callFrame.url.split('/').slice(-2).join('/');
  return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
};

const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
let clock = 0;
for (let i = 0; i < profile.samples.length; i++) {
  clock += profile.timeDeltas[i] / 1000;
  if (!windows.some(([from, to]) => clock >= from && clock <= to)) continue;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  const leaf = byId.get(profile.samples[i])!;
  all += dt;
  self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
    const k = name(byId.get(id)!);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + dt);
  }
}
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (of ${(all / 1000).toFixed(0)} ms sampled)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`);
};
print('self', self);
print('total (with callees)', total);
