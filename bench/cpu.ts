import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (ms) of every thread of process `pid`, by thread id; null off Linux. */
export function threadCpuMs(pid: number): Map<number, number> | null {
  try {
    const out = new Map<number, number>();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // utime and stime, in clock ticks (100 a second), come after the parenthesised name.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    }
    return out;
  } catch {
    return null;
  }
}

export interface VoteCpu {
  /** µs of CPU per vote: the server's event-loop thread, its busiest other thread (the ballot
   * writer), its remaining threads (GC helpers, libuv) and the load generator's process. */
  main: number;
  writer: number;
  otherServer: number;
  loadGenerator: number;
}

/** Per-vote CPU between two readings of the server's threads and of this process. */
export function perVote(
  pid: number,
  before: { threads: Map<number, number>; self: NodeJS.CpuUsage },
  after: { threads: Map<number, number>; self: NodeJS.CpuUsage },
  votes: number,
): VoteCpu {
  const used = [...after.threads].map(([tid, ms]) => ({ tid, ms: ms - (before.threads.get(tid) ?? 0) }));
  const main = used.find((t) => t.tid === pid)?.ms ?? 0;
  const others = used.filter((t) => t.tid !== pid).sort((a, b) => b.ms - a.ms);
  const writer = others[0]?.ms ?? 0;
  const rest = others.slice(1).reduce((sum, t) => sum + t.ms, 0);
  const self = (after.self.user + after.self.system - before.self.user - before.self.system) / 1000;
  const us = (ms: number) => (ms * 1000) / votes;
  return { main: us(main), writer: us(writer), otherServer: us(rest), loadGenerator: us(self) };
}

export function readCpu(pid: number) {
  const threads = threadCpuMs(pid);
  return threads && { threads, self: process.cpuUsage() };
}
