import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_ADMIN_KEY } from '../helpers/node-target';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** node itself with tsx's loader: one process, so a signal and the exit code are the server's own. */
const SERVER_ARGS = ['--import', 'tsx', 'src/runtime/node.ts'];

export interface ChildServer {
  url: string;
  /** Everything the server printed. */
  output(): string;
  /** Power cut: SIGKILL to the whole process group, no clean-up. */
  kill9(): Promise<void>;
  /** A clean stop (SIGTERM), as an operator would. */
  stop(): Promise<void>;
  /** SIGTERM, and the exit code the server chose. */
  terminate(): Promise<number | null>;
}

/** Extra environment for the server; `undefined` removes a variable (e.g. MINPING_ADMIN_TOKEN). */
export type ChildEnv = Record<string, string | undefined>;

function childEnv(dbFile: string, extra: ChildEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', MINPING_DB: dbFile, MINPING_ADMIN_TOKEN: TEST_ADMIN_KEY };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** A start that is expected to fail: its exit code and everything it printed. */
export function runUntilExit(dbFile: string, extra: ChildEnv = {}): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, SERVER_ARGS, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: childEnv(dbFile, extra) });
  let output = '';
  proc.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => proc.once('close', (code) => (clearTimeout(timer), resolve({ code, output }))));
}

/**
 * `node --import tsx src/runtime/node.ts` as its own process group, on a free port, on `dbFile`;
 * `root` runs another checkout's server (e.g. an older release, for the forensic attack).
 */
export function startChildServer(dbFile: string, extra: ChildEnv = {}, root = ROOT): Promise<ChildServer> {
  const proc: ChildProcess = spawn(process.execPath, SERVER_ARGS, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv(dbFile, extra),
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  let before = '';
  let after = '';
  let url = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${before}`)), 60_000);
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-proc.pid!, sig);
      } catch {
        // already gone
      }
      return exited;
    };
    const fail = (err: Error) => {
      clearTimeout(timer);
      void signal('SIGKILL');
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      if (url) return void (after += chunk.toString());
      before += chunk.toString();
      const m = before.match(/serving on (http:\/\/\S+)/);
      if (!m) return;
      url = m[1];
      clearTimeout(timer);
      resolve({ url, output: () => before + after, kill9: () => signal('SIGKILL').then(() => {}), stop: () => signal('SIGTERM').then(() => {}), terminate: () => signal('SIGTERM') });
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      if (!url) fail(new Error(`server exited with ${code}:\n${before}`));
    });
  });
}
