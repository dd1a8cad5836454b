import * as XLSX from '@e965/xlsx';

// SheetJS writes no page setup; a scorer prints the ranked table, so every worksheet gets
// A4 (paperSize 9), landscape, fitted to one page wide, with the header row repeated.
const PAGE_SETUP = '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>';

/** The same workbook with A4 landscape print setup on each worksheet. */
export function a4Landscape(bytes: ArrayBuffer): ArrayBuffer {
  const zip = XLSX.CFB.read(new Uint8Array(bytes), { type: 'array' });
  for (let i = 0; i < zip.FullPaths.length; i++) {
    if (!/\/xl\/worksheets\/sheet\d+\.xml$/.test(zip.FullPaths[i])) continue;
    const entry = zip.FileIndex[i];
    const xml = new TextDecoder().decode(entry.content as Uint8Array);
    if (xml.includes('<pageSetup')) continue;
    // pageSetup belongs right after pageMargins (or before the closing tag when there are none).
    const fit = xml.includes('<sheetPr') ? xml : xml.replace(/(<worksheet[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    const margins = '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>';
    const out = fit.includes('<pageMargins')
      ? fit.replace(/(<pageMargins[^>]*\/>)/, `$1${PAGE_SETUP}`)
      : fit.replace(/(<\/sheetData>|<sheetData\/>)((?:<mergeCells[\s\S]*?<\/mergeCells>)?)/, `$1$2${margins}${PAGE_SETUP}`);
    entry.content = new TextEncoder().encode(out);
    entry.size = entry.content.length;
  }
  const written = XLSX.CFB.write(zip, { fileType: 'zip', type: 'array' }) as number[] | Uint8Array;
  const u8 = written instanceof Uint8Array ? written : Uint8Array.from(written);
  return u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength) as ArrayBuffer;
}
