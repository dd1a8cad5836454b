import { registerAsset } from '../assets/index';

/**
 * A4 print CSS. 2 × 5 slips of 97 × 55 mm fill the 194 × 281 mm inside 8 mm margins; the QR is
 * 36 mm square (about 32 mm of code), comfortably above what a cheap phone camera needs.
 */
export const PRINT_CSS = `@page{size:A4;margin:8mm}
*{box-sizing:border-box}
body{margin:0;color:#000;background:#fff;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","Droid Sans Fallback",sans-serif}
p{margin:0}
.hint{width:194mm;margin:6mm auto;padding:3mm 4mm;border:1px solid #888;font-size:15px;line-height:1.5}
.sheet{width:194mm;margin:0 auto;display:grid;grid-template-columns:1fr 1fr;border-top:.3mm dashed #555;border-left:.3mm dashed #555;break-after:page}
.sheet:last-child{break-after:auto}
.slip{height:55mm;display:flex;gap:3mm;align-items:center;padding:3mm;border-right:.3mm dashed #555;border-bottom:.3mm dashed #555;overflow:hidden;break-inside:avoid}
.qr{flex:none;width:36mm;height:36mm}
.qr svg{display:block;width:100%;height:100%}
.txt{min-width:0;font-size:9pt;line-height:1.35}
.txt p+p{margin-top:1.3mm}
.t{font-weight:700;font-size:10.5pt}
.i{font-weight:700}
.c{font:700 11pt/1.3 "DejaVu Sans Mono",Consolas,"Courier New",monospace;letter-spacing:.2mm}
.u{font-size:7.5pt;word-break:break-all}
.k{display:inline-block;border:.3mm solid #000;padding:0 1.5mm;font-size:8pt}
.paper{width:194mm;margin:0 auto;padding:4mm 5mm;border:.3mm dashed #555;break-inside:avoid}
.paper+.paper{border-top:0}
.paper header{display:flex;gap:4mm;align-items:center;margin-bottom:3mm}
.paper .qr{width:32mm;height:32mm}
.paper .txt{font-size:10pt}
.paper .t{font-size:13pt}
table{width:100%;border-collapse:collapse;font-size:11pt}
th,td{border:.3mm solid #000;padding:2mm;text-align:left}
thead th{font-size:9pt;font-weight:400}
tr{break-inside:avoid}
.box{display:inline-block;width:4.5mm;height:4.5mm;border:.4mm solid #000;margin-right:1.5mm;vertical-align:-0.8mm}
@media screen{body{background:#ccc;padding-bottom:8mm}.sheet,.paper{background:#fff;margin-bottom:6mm}.paper+.paper{border-top:.3mm dashed #555}.hint{background:#fff}}
.tools{width:194mm;margin:6mm auto 0;display:flex;gap:4mm;flex-wrap:wrap}
.tools a,.tools button{font:700 17px/1 sans-serif;min-height:48px;padding:14px 22px;border-radius:10px;border:2px solid #a40000;background:#a40000;color:#fff;text-decoration:none;cursor:pointer}
.tools a{background:#fff;color:#a40000}
.tools p{flex-basis:100%;margin:0;font-size:15px}
.tools .warn{border:2px solid #c00000;background:#fff1f1;color:#8a0000;font-weight:700;padding:2mm 3mm}
@media print{.hint,.tools{display:none}}
`;

/**
 * The sheet carries this CSS inline, so a sheet saved from the API and opened from disk (no
 * server behind it) prints exactly as served; the page's CSP allows it by its hash.
 */
export async function printCssHash(): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(PRINT_CSS));
  let bin = '';
  for (const b of new Uint8Array(digest)) bin += String.fromCharCode(b);
  return `'sha256-${btoa(bin)}'`;
}

/** The staff sheet's 打印 button: a script from our own host, nothing inline. */
const printJs = `document.addEventListener('click', function (e) {
  var t = e.target;
  if (t && t.id === 'print-now') { e.preventDefault(); window.print(); }
});
`;

registerAsset('print.css', 'text/css; charset=utf-8', PRINT_CSS);
registerAsset('print.js', 'text/javascript; charset=utf-8', printJs);
