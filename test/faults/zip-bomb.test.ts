import * as XLSX from '@e965/xlsx';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload } from '../api/scoring-kit';
import { TEST_ADMIN_KEY } from '../helpers/node-target';
import { client } from '../helpers/target';
import { startChildServer, type ChildServer } from './child-server';

interface ZipPart {
  name: string;
  data: Buffer;
  /** What the central directory claims the entry inflates to (a liar's archive understates it). */
  declare?: number;
}

/** The entries of a zip, inflated: enough to take a real .xlsx apart. */
function unzip(zip: Buffer): ZipPart[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const parts: ZipPart[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString();
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    parts.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + skip;
  }
  return parts;
}

/** A zip of deflated entries, sizes as declared (or as the liar says). */
function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const packed = deflateRawSync(p.data, { level: 9 });
    const crc = crc32(p.data);
    const size = p.declare ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * The attack of the issue: a real workbook made by @e965/xlsx whose sharedStrings part is
 * replaced by millions of tiny strings — a few hundred KB on the wire, ~170 MB inflated.
 */
function sharedStringsBomb(lie: boolean): { file: Buffer; inflated: number } {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['编号 (id)', '类别 (category)'], ['a', 'b']]), '评分数据');
  const parts = unzip(Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true })));
  const count = 8_000_000;
  const strings = Array.from({ length: 4000 }, (_, i) => `<si><t>${(i * 7919) % 100}</t></si>`).join('');
  const body = Buffer.from(strings.repeat(count / 4000));
  const xml = Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">`), body, Buffer.from('</sst>')]);
  const bombed = parts.map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, data: xml, ...(lie && { declare: 1000 }) } : p));
  if (!bombed.some((p) => p.name === 'xl/sharedStrings.xml')) throw new Error('the workbook has no sharedStrings part');
  return { file: zip(bombed), inflated: xml.length };
}

describe('upload bombs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minping-bomb-'));
  let server: ChildServer;
  let scorerKey: string;
  beforeAll(async () => {
    server = await startChildServer(join(dir, 'minping.db'));
    scorerKey = (await client(server.url, TEST_ADMIN_KEY).post('/api/users', { name: '考评员', role: 'scorer' })).body.key;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const alive = async () => {
    expect((await client(server.url).get('/healthz')).status).toBe(200);
    // And still does real work: a good sheet scores.
    const good = await upload(server.url, scorerKey, { bytes: 'id,base,bonus,deductions,review\nA,90,5,0,88\n', name: 'ok.csv', fields: { rule: 'star-rating' } });
    expect(good.status, good.text).toBe(200);
  };

  for (const lie of [false, true]) {
    it(`a sharedStrings bomb ${lie ? 'that understates its size' : 'declaring its size'} is refused with 413, and the server answers afterwards`, async () => {
      const bomb = sharedStringsBomb(lie);
      const started = Date.now();
      const res = await upload(server.url, scorerKey, { bytes: new Uint8Array(bomb.file), name: 'bomb.xlsx', fields: { rule: 'first-secretary' } });
      const ms = Date.now() - started;
      expect(res.status, res.text.slice(0, 300)).toBe(413);
      expect(res.body.error.code).toBe('sheet_too_large');
      expect(res.body.error.message).toMatch(/解压后过大/);
      expect(res.body.error.limit).toBe('inflated');
      // The scorer's page shows its form again with the reason.
      const form = new FormData();
      form.set('rule', 'first-secretary');
      form.set('file', new Blob([new Uint8Array(bomb.file)]), 'bomb.xlsx');
      const page = await fetch(`${server.url}/staff/scoring/upload`, { method: 'POST', headers: { authorization: `Bearer ${scorerKey}` }, body: form });
      expect(page.status).toBe(413);
      expect(await page.text()).toContain('解压后过大');
      console.log(`zip bomb (${lie ? 'lying' : 'honest'} sizes): ${Math.round(bomb.file.length / 1024)} KB inflating to ${Math.round(bomb.inflated / 1024 / 1024)} MB, refused 413 in ${ms} ms`);
      await alive();
    });
  }

  it('a sheet that passes the archive checks but would exhaust memory dies on its worker thread, not the server', async () => {
    // 9 MB of CSV: ~4.5 million one-letter cells, far past what a parse may hold.
    const line = `${Array.from({ length: 1500 }, () => 'x').join(',')}\n`;
    const csv = `id,base,bonus,deductions,review\n${line.repeat(Math.floor((9 * 1024 * 1024) / line.length))}`;
    const started = Date.now();
    const res = await upload(server.url, scorerKey, { bytes: csv, name: 'wide.csv', fields: { rule: 'star-rating' } });
    const ms = Date.now() - started;
    expect(res.status, res.text.slice(0, 300)).toBe(413);
    expect(res.body.error.code).toBe('sheet_too_large');
    expect(res.body.error.limit).toBe('memory');
    console.log(`wide CSV: ${Math.round(csv.length / 1024 / 1024)} MB, ${Math.round(csv.length / 2 / 1e6 * 10) / 10} M cells, refused 413 in ${ms} ms`);
    await alive();
  });
});
