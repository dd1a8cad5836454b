import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNodeEnv } from '../../src/runtime/env';

describe('Node settings from the environment', () => {
  it('defaults to 127.0.0.1:8787 and data/minping.db', () => {
    expect(parseNodeEnv({})).toEqual({ port: 8787, host: '127.0.0.1', dbFile: 'data/minping.db', adminToken: undefined, publicUrl: undefined, minGroup: 5 });
  });
  it('takes every variable the design names', () => {
    expect(
      parseNodeEnv({ PORT: '9000', HOST: '0.0.0.0', MINPING_DB: '/srv/m.db', MINPING_ADMIN_TOKEN: 'a-very-long-admin-key', MINPING_PUBLIC_URL: 'https://minping.example.cn/', MINPING_MIN_GROUP: '8' }),
    ).toEqual({ port: 9000, host: '0.0.0.0', dbFile: '/srv/m.db', adminToken: 'a-very-long-admin-key', publicUrl: 'https://minping.example.cn', minGroup: 8 });
  });
  it.each([{ PORT: 'eighty' }, { PORT: '70000' }, { MINPING_ADMIN_TOKEN: 'short' }, { MINPING_PUBLIC_URL: 'ftp://x' }, { MINPING_MIN_GROUP: '2' }, { MINPING_MIN_GROUP: '1' }, { MINPING_MIN_GROUP: 'five' }, { MINPING_MIN_GROUP: '3.5' }])('refuses %o at start', (env) => {
    expect(() => parseNodeEnv(env)).toThrow();
  });
  it('npm start refuses a publication floor below 3 with one line naming the setting', () => {
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync('npx', ['tsx', 'src/runtime/node.ts'], { env: { ...process.env, MINPING_MIN_GROUP: '2', PORT: '0', MINPING_DB: ':memory:' }, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      failure = err as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure!.stderr.trim()).toMatch(/^minping: refusing to start: MINPING_MIN_GROUP must be a whole number of at least 3.*"2"$/);
  });
});

describe('npm run demo', () => {
  it('opens a demo meeting and prints a dozen ballot links and a supervisor key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minping-demo-'));
    try {
      const out = execFileSync('npx', ['tsx', 'src/cli/demo.ts'], {
        env: { ...process.env, MINPING_DB: join(dir, 'demo.db'), MINPING_PUBLIC_URL: 'http://village.test' },
        encoding: 'utf8',
      });
      expect(out.match(/http:\/\/village\.test\/b\/[2-9A-Z]{26}/g)).toHaveLength(12);
      expect(out).toMatch(/Supervisor key \(shown once\): mp_\w+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
