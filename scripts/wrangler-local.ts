import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the Worker locally through wrangler (real workerd, real local D1), for `npm run
 * dev:worker` and the Workers tests alike. wrangler's bin is a wrapper that re-spawns node; we
 * start its CLI directly so the process we hold is the one to stop.
 */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../node_modules/wrangler/wrangler-dist/cli.js', import.meta.url));

export interface LocalWorkerOptions {
  port: number;
  /**
   * A bundle from buildWorker(), served as is. Unset: wrangler bundles src/ and rebuilds on
   * every edit (dev); tests pin a bundle so edits made while they run cannot reload the Worker.
   */
  script?: string;
  /** Where the local D1 lives; a fresh folder gives a fresh database. */
  persistDir: string;
  /** Worker variables, passed as `--var KEY:VALUE`. */
  vars?: Record<string, string | undefined>;
  /** Where wrangler's own output goes; by default it is kept for the error message. */
  onOutput?: (text: string) => void;
}

export interface LocalWorker {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function wrangler(args: string[], onOutput: (text: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['--no-warnings', '--experimental-vm-modules', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => onOutput(String(d)));
  child.stderr!.on('data', (d) => onOutput(String(d)));
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** `wrangler d1 migrations apply DB --local`: the same db/migrations Node applies at start. */
export async function applyLocalMigrations(persistDir: string, onOutput: (text: string) => void = () => {}): Promise<void> {
  let log = '';
  const child = wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir], (t) => {
    log += t;
    onOutput(t);
  });
  const code = await exited(child);
  if (code !== 0) throw new Error(`wrangler d1 migrations apply failed (exit ${code}):\n${log}`);
}

/**
 * The exact bundle `wrangler deploy` would upload (`--dry-run --outdir`); returns its path.
 * Building it also proves nothing on the Worker's import path needs Node.
 */
export async function buildWorker(outdir: string, onOutput: (text: string) => void = () => {}): Promise<string> {
  let log = '';
  const child = wrangler(['deploy', '--dry-run', '--outdir', outdir], (t) => {
    log += t;
    onOutput(t);
  });
  const code = await exited(child);
  if (code !== 0) throw new Error(`wrangler deploy --dry-run failed (exit ${code}):\n${log}`);
  return join(outdir, 'worker.js');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `wrangler dev --local` on 127.0.0.1:port; resolves once the Worker answers /healthz. */
export async function startLocalWorker(options: LocalWorkerOptions): Promise<LocalWorker> {
  let log = '';
  const vars = Object.entries(options.vars ?? {}).flatMap(([k, v]) => (v ? ['--var', `${k}:${v}`] : []));
  // With a script given, wrangler would look for its config beside the script: name ours.
  const script = options.script ? [options.script, '--no-bundle', '--config', join(ROOT, 'wrangler.toml')] : [];
  const child = wrangler(
    ['dev', ...script, '--local', '--ip', '127.0.0.1', '--port', String(options.port), '--inspector-port', String(await freePort())]
      // warn, not info: info logs every request line, and /b/<token> paths are not to be logged.
      // MINPING_WRANGLER_LOG=debug shows workerd's own warnings when chasing a Workers-only bug.
      .concat(['--persist-to', options.persistDir, '--show-interactive-dev-session=false', '--log-level', process.env.MINPING_WRANGLER_LOG ?? 'warn', ...vars]),
    (t) => {
      log += t;
      options.onOutput?.(t);
    },
  );
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM lets wrangler shut its workerd down; SIGKILL only if it hangs.
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}) before answering:\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return { url, child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${url} within 90 s:\n${log}`);
}
