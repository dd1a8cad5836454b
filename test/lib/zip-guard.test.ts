import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { checkZipInflation, XLSX_LIMITS, ZipRefused, zipEntries } from '../../src/lib/zip-guard';

const workbook = () => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['编号', '得分'], ['A', 90]]), '评分数据');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }));
};

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof ZipRefused ? err.reason : 'other';
  }
  return null;
};

describe('the zip guard reads the central directory before anything is inflated', () => {
  it('passes a real workbook, with its entries and declared sizes', async () => {
    const bytes = workbook();
    const entries = zipEntries(bytes);
    expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    await expect(checkZipInflation(bytes, entries)).resolves.toBeUndefined();
  });

  it('refuses too many entries, too many declared bytes, and garbage', () => {
    const bytes = workbook();
    expect(refusal(() => zipEntries(bytes, { ...XLSX_LIMITS, maxEntries: 3 }))).toBe('too_large');
    expect(refusal(() => zipEntries(bytes, { ...XLSX_LIMITS, maxInflatedBytes: 100 }))).toBe('too_large');
    expect(refusal(() => zipEntries(bytes.slice(0, bytes.length - 30)))).toBe('malformed');
    expect(refusal(() => zipEntries(new Uint8Array(100)))).toBe('malformed');
  });

  it('stops an entry that inflates past what it declared', async () => {
    const bytes = workbook();
    const entries = zipEntries(bytes).map((e) => ({ ...e, inflated: Math.min(e.inflated, 10) }));
    expect(entries.some((e) => e.method === 8)).toBe(true);
    await expect(checkZipInflation(bytes, entries)).rejects.toMatchObject({ reason: 'too_large' });
  });
});
