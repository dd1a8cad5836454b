import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeSync, closeSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { issue, newMeeting } from '../helpers/scenario';
import { client } from '../helpers/target';
import { runUntilExit, startChildServer } from './child-server';
import { npmRun } from './run-script';

const dir = mkdtempSync(join(tmpdir(), 'minping-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database with a meeting and tokens in it, made by the real server and stopped cleanly. */
async function populated(name: string): Promise<string> {
  const file = join(dir, name);
  const server = await startChildServer(file);
  const admin = client(server.url, 'test-admin-key-0123456789');
  const m = await newMeeting(admin, { title: '启动检查', eligible: 3000, subjects: Array.from({ length: 20 }, (_, i) => ({ name: `对象${i}` })) });
  await issue(admin, m.id, 3000);
  expect(await server.terminate()).toBe(0);
  return file;
}

/** What an operator sees: exit code ≠ 0 and one line that says what to do, no stack. */
function expectOneLineRefusal(r: { code: number | null; output: string }, says: RegExp) {
  expect(r.code).not.toBe(0);
  expect(r.code).not.toBeNull();
  const lines = r.output.trim().split('\n');
  expect(lines, r.output).toHaveLength(1);
  expect(lines[0]).toMatch(says);
  expect(r.output).not.toMatch(/\n\s+at |Error:/);
}

describe('start-up checks', () => {
  it('refuses a corrupt database file: exit ≠ 0, one line saying to restore from a backup', async () => {
    const file = await populated('corrupt.db');
    const size = statSync(file).size;
    // Garbage over pages in the middle of the file, as a failing disk or a bad copy leaves it.
    const fd = openSync(file, 'r+');
    for (let at = 4096 * 3; at < size - 4096; at += 4096 * 7) writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, at + 100);
    closeSync(fd);
    const r = await runUntilExit(file);
    expectOneLineRefusal(r, /数据库文件 .*corrupt\.db 已损坏.*npm run backup/);
    console.log(`startup: corrupt file refused, exit ${r.code}: ${r.output.trim().slice(0, 160)}…`);
  });

  it('refuses a truncated database file, and an empty one', async () => {
    const file = await populated('truncated.db');
    truncateSync(file, Math.floor(statSync(file).size / 3));
    expectOneLineRefusal(await runUntilExit(file), /已损坏或不完整.*备份/);
    const empty = join(dir, 'empty.db');
    copyFileSync(file, empty);
    truncateSync(empty, 0);
    expectOneLineRefusal(await runUntilExit(empty), /是空的（0 字节）/);
  });

  it('a good file passes and serves; a busy port is one line, not a stack', async () => {
    const file = await populated('good.db');
    const server = await startChildServer(file);
    expect((await client(server.url).get('/healthz')).body).toEqual({ ok: true, storage: 'ok' });
    const port = new URL(server.url).port;
    const r = await runUntilExit(file, { PORT: port });
    expectOneLineRefusal(r, new RegExp(`127\\.0\\.0\\.1:${port} 端口已被占用`));
    await server.stop();
  });
});

describe('a database that goes bad while serving', () => {
  it('answers 503 storage_broken saying to restore from a backup, never a 500, and logs it without a stack', async () => {
    const file = await populated('goes-bad.db');
    const server = await startChildServer(file);
    onTestFinished(() => server.stop());
    const admin = client(server.url, 'test-admin-key-0123456789');
    const m = await newMeeting(admin, { title: '运行中损坏', eligible: 10, subjects: [{ name: '支部' }] });
    const [token] = await issue(admin, m.id, 1);
    await admin.post(`/api/meetings/${m.id}/open`);
    // Garbage over every page but the first two, as a failing disk or a copy written over it leaves them.
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    for (let at = 4096 * 2; at < size; at += 4096) writeSync(fd, Buffer.alloc(2048, 0xa5), 0, 2048, at + 64);
    closeSync(fd);
    const vote = await admin.post('/api/ballots', { token, choices: { [m.subjects[0]]: 'satisfied' } });
    expect(vote.status, vote.text).toBe(503);
    expect(vote.body.error.code).toBe('storage_broken');
    expect(vote.body.error.message).toMatch(/数据库文件读写出错.*备份恢复/);
    // A read that meets the damage is refused the same way (one still in the page cache is served).
    const turnout = await admin.get(`/api/meetings/${m.id}/turnout`);
    expect([200, 503]).toContain(turnout.status);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.output()).toMatch(/storage_broken/);
    expect(server.output()).not.toMatch(/unexpected error|\n\s+at /);
  });
});

describe('the first admin key is never lost', () => {
  it('a busy port on the first start creates nothing; the next good start hands over a key that works', async () => {
    const file = join(dir, 'first.db');
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = String((blocker.address() as { port: number }).port);
    const busy = await runUntilExit(file, { PORT: port, MINPING_ADMIN_TOKEN: undefined });
    blocker.close();
    expectOneLineRefusal(busy, /端口已被占用/);
    expect(busy.output).not.toMatch(/mp_\w{20,}/);
    const db = new Database(file, { readonly: true });
    expect((db.prepare('select count(*) n from users').get() as { n: number }).n).toBe(0);
    db.close();

    const server = await startChildServer(file, { MINPING_ADMIN_TOKEN: undefined });
    await new Promise((r) => setTimeout(r, 300)); // the key is printed just after the serving line
    const key = /\n\s+(mp_\w+)\n/.exec(server.output())?.[1];
    expect(key, server.output()).toBeDefined();
    const made = await client(server.url, key).post('/api/users', { name: '监督员', role: 'supervisor' });
    expect(made.status).toBe(201);
    await server.stop();

    // A later start prints no key (there is an admin); the shell can always mint one.
    const again = await startChildServer(file, { MINPING_ADMIN_TOKEN: undefined });
    expect(again.output()).not.toMatch(/mp_\w{20,}/);
    const minted = await npmRun('admin:key', [], { MINPING_DB: file });
    expect(minted.code, minted.stderr).toBe(0);
    const newKey = /\n\s+(mp_\w+)\n/.exec(minted.stdout)?.[1];
    expect(newKey, minted.stdout).toBeDefined();
    expect(newKey).not.toBe(key);
    expect((await client(again.url, newKey).get('/api/users')).status).toBe(200);
    await again.stop();
  });

  it('npm run admin:key refuses a missing or corrupt database in one line', async () => {
    const missing = await npmRun('admin:key', [], { MINPING_DB: join(dir, 'nope', 'none.db') });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim()).toMatch(/^找不到数据库文件/);
    const file = join(dir, 'junk.db');
    const fd = openSync(file, 'w');
    writeSync(fd, Buffer.alloc(8192, 0x42));
    closeSync(fd);
    const corrupt = await npmRun('admin:key', [], { MINPING_DB: file });
    expect(corrupt.code).not.toBe(0);
    expect(corrupt.stderr.trim().split('\n')).toHaveLength(1);
    expect(corrupt.stderr).toMatch(/已损坏/);
  });
});
