import * as XLSX from '@e965/xlsx';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { startNodeTarget } from '../helpers/node-target';
import { client, type Client, type Target } from '../helpers/target';

const SUBJECTS = ['石桥村党支部', '第一书记 刘一', '村委会主任 何二', '村务监督委员会主任 罗三', '会计 宋四', '妇联主席 唐五'];

/** The results workbook opened as an office would open it: in LibreOffice, then printed. */
describe('the results workbook', () => {
  let target: Target;
  let supervisor: Client;
  let dir: string;
  let bytes: Buffer;

  beforeAll(async () => {
    target = await startNodeTarget();
    dir = mkdtempSync(join(tmpdir(), 'minping-xlsx-'));
    const admin = client(target.url, target.adminKey);
    supervisor = client(target.url, (await admin.post('/api/users', { name: '监督员老王', role: 'supervisor' })).body.key);
    const m = await newMeeting(supervisor, {
      title: '2026年度石桥村民主测评',
      organization: '石桥村党支部',
      categories: [
        { key: 'dy', label: '党员', eligible: 8 },
        { key: 'db', label: '村民代表', eligible: 7 },
      ],
      subjects: SUBJECTS.map((name) => ({ name })),
    });
    const tokens = [...(await issue(supervisor, m.id, 8, 'dy')), ...(await issue(supervisor, m.id, 6, 'db'))];
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const voter = client(target.url);
    for (const [i, t] of tokens.slice(0, 13).entries()) await voter.post('/api/ballots', { token: t, choices: allGraded(m.subjects, i % 4 ? 'satisfied' : 'basically_satisfied') });
    await supervisor.post(`/api/meetings/${m.id}/close`);
    const scorerKey = (await admin.post('/api/users', { name: '考评员小李', role: 'scorer' })).body.key;
    const res = await fetch(`${target.url}/api/meetings/${m.id}/results.xlsx`, { headers: { authorization: `Bearer ${scorerKey}` } });
    expect(res.status).toBe(200);
    bytes = Buffer.from(await res.arrayBuffer());
  });
  afterAll(async () => {
    await target?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has a 结果 sheet with title, unit, times, validity, the subjects, turnout by category and the slips; a 分类 sheet; widths; A4 landscape fit to width', () => {
    const book = XLSX.read(bytes, { type: 'buffer' });
    expect(book.SheetNames).toEqual(['结果', '分类']);
    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets['结果'], { header: 1 });
    expect(rows[0]).toEqual(['2026年度石桥村民主测评 测评结果']);
    expect(rows[1][0]).toBe('被测评单位：石桥村党支部');
    expect(String(rows[2][0])).toMatch(/^投票时间：/);
    expect(rows[3][0]).toMatch(/^结果有效：应参加 15 人，实际参加 13 人/);
    for (const name of SUBJECTS) expect(rows.some((r) => r[0] === name)).toBe(true);
    expect(rows.find((r) => r[0] === '党员')).toEqual(['党员', 8, 8, '100.00%']);
    expect(rows.find((r) => r[0] === '张数')).toEqual(['张数', 14, 0, 13, 1]);
    const categories = XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets['分类'], { header: 1 });
    expect(categories[0].slice(0, 2)).toEqual(['测评对象', '类别']);
    expect(categories.length).toBe(1 + SUBJECTS.length * 2);
    const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
    const sheet = zip.FileIndex[zip.FullPaths.findIndex((p: string) => p.endsWith('xl/worksheets/sheet1.xml'))];
    const xml = Buffer.from(sheet.content as Uint8Array).toString();
    expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
    // The subject column is wide enough for its longest name (CJK characters count double).
    expect(Number(/<col min="1" max="1" width="([\d.]+)"/.exec(xml)?.[1])).toBeGreaterThanOrEqual(20);
    expect(xml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
  });

  it('LibreOffice prints it with the whole subject table, the title and the turnout on the first page', () => {
    const file = join(dir, 'results.xlsx');
    writeFileSync(file, bytes);
    execFileSync('libreoffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
    const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', join(dir, 'results.pdf'), '-'], { encoding: 'utf8' });
    expect(first).toContain('2026年度石桥村民主测评 测评结果');
    expect(first).toMatch(/应参加 15 人，实际参加 13 人/);
    for (const name of SUBJECTS) expect(first).toContain(name);
    expect(first).toContain('满意度(%)');
    expect(first).toContain('结果有效');
    writeFileSync(join('test-output', 'results-workbook-page1.txt'), first);
    expect(readFileSync(join(dir, 'results.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
