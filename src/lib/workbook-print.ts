import * as XLSX from '@e965/xlsx';

/**
 * SheetJS's community build writes no page setup, so a results table printed from Excel or
 * LibreOffice split over pages at the default portrait, 100% scale. This adds, to the sheets
 * named, A4 landscape scaled to fit the page width (as tall as it needs): the XML Excel itself
 * writes (<sheetPr><pageSetUpPr fitToPage/> and <pageSetup>), inserted where the schema wants it.
 */
export function withPrintSetup(bytes: ArrayBuffer, sheetNumbers: number[]): ArrayBuffer {
  const zip = XLSX.CFB.read(new Uint8Array(bytes), { type: 'array' });
  for (const n of sheetNumbers) {
    const at = zip.FullPaths.findIndex((p: string) => p.endsWith(`xl/worksheets/sheet${n}.xml`));
    if (at < 0) continue;
    const entry = zip.FileIndex[at];
    let xml = new TextDecoder().decode(entry.content as Uint8Array);
    // sheetPr is the worksheet's first child; pageSetup follows pageMargins.
    xml = xml.replace(/(<worksheet[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    const setup = '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>';
    xml = /<pageMargins[^>]*\/>/.test(xml)
      ? xml.replace(/(<pageMargins[^>]*\/>)/, `$1${setup}`)
      : xml.replace(/(<\/sheetData>)/, `$1<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>${setup}`);
    const content = new TextEncoder().encode(xml);
    entry.content = content as never;
    entry.size = content.length;
  }
  const out = XLSX.CFB.write(zip, { fileType: 'zip', type: 'array' }) as number[] | Uint8Array;
  const u8 = out instanceof Uint8Array ? out : Uint8Array.from(out);
  return u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength) as ArrayBuffer;
}
