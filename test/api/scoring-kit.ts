import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { issue, newMeeting, type GradeName } from '../helpers/scenario';
import { client, type Client } from '../helpers/target';

/** What the spreadsheet tests share: real meetings to take satisfaction from, sheets in and out. */

export interface ClosedMeetingSpec {
  title: string;
  organization: string;
  subjects: string[];
  eligible: number;
  /** One ballot per entry: the grade given to every subject. */
  votes: GradeName[];
}

/** A meeting created, voted on through /api/ballots and closed, all over HTTP. */
export async function closedMeeting(url: string, supervisor: Client, spec: ClosedMeetingSpec): Promise<string> {
  const m = await newMeeting(supervisor, { title: spec.title, organization: spec.organization, eligible: spec.eligible, subjects: spec.subjects.map((name) => ({ name })) });
  const tokens = await issue(supervisor, m.id, spec.votes.length);
  await supervisor.post(`/api/meetings/${m.id}/open`);
  const voter = client(url);
  for (const [i, grade] of spec.votes.entries()) {
    const res = await voter.post('/api/ballots', { token: tokens[i], choices: Object.fromEntries(m.subjects.map((s) => [s, grade])) });
    if (res.status !== 201) throw new Error(`vote: ${res.status} ${res.text}`);
  }
  const closed = await supervisor.post(`/api/meetings/${m.id}/close`);
  if (closed.status !== 200) throw new Error(`close: ${closed.status} ${closed.text}`);
  return m.id;
}

export type Grid = unknown[][];

export function readWorkbook(bytes: ArrayBuffer | Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), { type: 'array' });
}

/** A sheet's cells by row, empty cells null, without the padding after each row's last cell. */
export function sheetGrid(wb: XLSX.WorkBook, name = wb.SheetNames[0]): Grid {
  const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, raw: true, defval: null });
  return grid.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === null) end--;
    return row.slice(0, end);
  });
}

/** A template's first sheet with rows appended, written back as .xlsx bytes (what a scorer saves). */
export function fillTemplate(template: ArrayBuffer, rows: Grid): Uint8Array {
  const wb = readWorkbook(template);
  XLSX.utils.sheet_add_aoa(wb.Sheets[wb.SheetNames[0]], rows, { origin: -1 });
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
}

export interface Upload {
  bytes: Uint8Array | string;
  name: string;
  fields: Record<string, string>;
  query?: string;
}

/** POST /api/scoring/upload as multipart, the way a browser or curl -F sends it. */
export async function upload(url: string, key: string, u: Upload) {
  const form = new FormData();
  const type = u.name.endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  form.set('file', new Blob([u.bytes as BlobPart], { type }), u.name);
  for (const [k, v] of Object.entries(u.fields)) form.set(k, v);
  const res = await fetch(`${url}/api/scoring/upload${u.query ?? ''}`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
  const bytes = await res.arrayBuffer();
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, bytes, text, body };
}

export async function download(url: string, key: string, path: string) {
  const res = await fetch(url + path, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, headers: res.headers, bytes: await res.arrayBuffer() };
}

/**
 * A workbook opened by LibreOffice Calc (headless), the way a scorer's office suite reads it:
 * the first sheet as UTF-8 CSV rows, and the whole workbook printed to PDF (page size read by
 * pdfinfo). A private profile directory keeps concurrent runs apart.
 */
export function openInLibreOffice(bytes: ArrayBuffer | Uint8Array, name = 'book.xlsx'): { rows: string[][]; pageSize: string } {
  const dir = mkdtempSync(join(tmpdir(), 'minping-lo-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
    const soffice = (...args: string[]) =>
      execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, ...args, '--outdir', dir, file], { stdio: 'pipe', timeout: 120_000 });
    soffice('--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1');
    soffice('--convert-to', 'pdf');
    const base = name.replace(/\.xlsx$/, '');
    const csv = readFileSync(join(dir, `${base}.csv`), 'utf8').replace(/^\uFEFF/, '');
    const rows = XLSX.utils.sheet_to_json<string[]>(XLSX.read(csv, { type: 'string', raw: true }).Sheets.Sheet1, { header: 1, raw: true, defval: '' });
    const info = execFileSync('pdfinfo', [join(dir, `${base}.pdf`)], { encoding: 'utf8' });
    const pageSize = /Page size:\s+(.+)/.exec(info)?.[1] ?? '';
    return { rows, pageSize };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
