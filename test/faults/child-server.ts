import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_ADMIN_KEY } from '../helpers/node-target';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  url: string;
  /** Everything the server printed after it said it was serving. */
  output(): string;
  /** Power cut: SIGKILL to the whole process group (npx, tsx and node alike), no clean-up. */
  kill9(): Promise<void>;
  /** A clean stop (SIGTERM), as an operator would. */
  stop(): Promise<void>;
}

/**
 * `npx tsx src/runtime/node.ts` as its own process group, on a free port, on `dbFile`; `root`
 * runs another checkout's server (e.g. an older release), `env` adds variables.
 */
export function startChildServer(dbFile: string, options: { root?: string; env?: Record<string, string> } = {}): Promise<ChildServer> {
  const proc: ChildProcess = spawn('npx', ['tsx', 'src/runtime/node.ts'], {
    cwd: options.root ?? ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MINPING_DB: dbFile, MINPING_ADMIN_TOKEN: TEST_ADMIN_KEY, ...options.env },
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
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
      resolve({ url, output: () => after, kill9: () => signal('SIGKILL'), stop: () => signal('SIGTERM') });
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      if (!url) fail(new Error(`server exited with ${code}:\n${before}`));
    });
  });
}
