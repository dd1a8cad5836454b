import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('pages and the vote path', () => {
  it('rendering pages does not switch on async hooks, which would tax every await of every request', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/runtime/async-hooks-probe.ts'], { cwd: ROOT, timeout: 60_000 });
    const probe = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(probe.pages).toContain(200); // pages were rendered
    expect(probe.afterPages).toBe(false);
    expect(probe.control).toBe(true); // the probe does see hooks when they are on
  });
});
