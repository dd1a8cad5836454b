import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));

export interface ServerProcess {
  url: string;
  pid: number;
  /** ms since the process was spawned: where a phase sits in a `--cpu-prof` profile. */
  sinceStart(): number;
  /** Resident memory now (VmRSS) and its high-water mark (VmHWM); null off Linux. */
  rssBytes(): number | null;
  peakRssBytes(): number | null;
  stop(): Promise<void>;
}

/** The Node flags `npm start` runs the server with (heap sizing), so the bench measures the same. */
function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync(`${REPO}package.json`, 'utf8')).scripts.start;
  return start.match(/--max-[\w-]+=\d+/g) ?? [];
}

/**
 * Runs `script` (relative to the repo) in its own Node process, so the server and the load
 * generator never share an event loop, and waits for the URL it prints. BENCH_NODE_ARGS adds
 * Node flags to the server, e.g. `--cpu-prof` to see where a vote's time goes.
 */
export function startServerProcess(script: string, env: Record<string, string>): Promise<ServerProcess> {
  const nodeArgs = [...startFlags(), ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  // TypeScript runs through tsx; the built server (what `npm start` runs) needs no loader.
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${script}: ${why}\n${output}`));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail('did not print its URL within 60 s');
    }, 60_000);
    const early = (code: number | null) => {
      clearTimeout(timer);
      fail(`exited with code ${code} before serving`);
    };
    child.once('exit', early);
    child.stderr.on('data', (d) => (output += d));
    child.stdout.on('data', (d) => {
      output += d;
      const url = output.match(/https?:\/\/[^\s)]+/)?.[0];
      if (!url) return;
      clearTimeout(timer);
      child.off('exit', early);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        url,
        pid: child.pid!,
        sinceStart: () => performance.now() - spawnedAt,
        rssBytes: () => memoryLine(child.pid!, 'VmRSS'),
        peakRssBytes: () => memoryLine(child.pid!, 'VmHWM'),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

function memoryLine(pid: number, name: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}
