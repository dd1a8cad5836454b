import { registerAsset } from '../assets/index';

/**
 * The season's public documents: the notice (公示) and the 三色 board. Phone first (one
 * column at 360 px, big type), A4 when printed (colours kept: a board printed grey says
 * nothing), and a projector view with giant type on black.
 */
const css = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:#111;font:18px/1.55 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
main{max-width:60rem;margin:0 auto;padding:16px}
h1{font-size:26px;line-height:1.35;margin:4px 0 10px;text-align:center}
h2{font-size:21px;margin:22px 0 8px}
.meta{margin:0 0 12px;padding:0;list-style:none}
.meta li{margin:2px 0}
.state{display:inline-block;padding:2px 10px;border:2px solid #333;border-radius:999px;font-weight:700}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #999;padding:7px 8px;text-align:left;vertical-align:top}
th{background:#eee}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.why{color:#444;font-size:15px}
.sign{margin-top:28px;text-align:right}
.muted{color:#555}
code{word-break:break-all;font-size:14px}
.legend{display:flex;flex-wrap:wrap;gap:8px 18px;margin:8px 0 16px;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:8px}
.swatch{display:inline-block;width:26px;height:26px;border-radius:6px;border:2px solid #111}
.board{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:12px;padding:0;margin:0;list-style:none}
.card{border:3px solid #111;border-radius:12px;padding:12px 14px;min-height:7rem}
.card h3{margin:0 0 4px;font-size:22px;line-height:1.3}
.card .outcome{font-size:28px;font-weight:800}
.card .tag{float:right;font-weight:700;font-size:16px;border:2px solid currentColor;border-radius:999px;padding:0 8px}
.green{background:#d7f5df;border-color:#0a7c2f;color:#053d16}
.yellow{background:#fff2b8;border-color:#b88a00;color:#4a3700}
.red{background:#ffd9d6;border-color:#b00000;color:#5c0000}
.none{background:#eee;border-color:#888;color:#333}
.swatch.green{background:#0a7c2f}.swatch.yellow{background:#f0b429}.swatch.red{background:#c0392b}.swatch.none{background:#bbb}
a{color:#0645ad}
.no-print{margin-top:18px}
@media (max-width:30rem){main{padding:10px}h1{font-size:22px}th,td{padding:5px 4px;font-size:16px}.board{grid-template-columns:1fr}}
body.projector{background:#000;color:#fff}
body.projector main{max-width:none;padding:2vw 3vw}
body.projector h1{font-size:3.4vw}
body.projector .meta,body.projector .legend{font-size:1.8vw}
body.projector .board{grid-template-columns:repeat(auto-fill,minmax(22vw,1fr));gap:1.2vw}
body.projector .card{min-height:0;padding:1vw 1.4vw;border-width:.4vw}
body.projector .card h3{font-size:2.6vw}
body.projector .card .outcome{font-size:3.6vw}
body.projector .card .tag{font-size:1.4vw}
body.projector .card div{font-size:1.8vw}
body.projector .no-print{display:none}
@page{size:A4;margin:14mm}
@media print{body{font-size:11pt;background:#fff;color:#111}main{max-width:none;padding:0}.no-print{display:none}
.card,.swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact;break-inside:avoid}
.board{grid-template-columns:repeat(3,1fr);gap:8px}.card h3{font-size:14pt}.card .outcome{font-size:16pt}
tr{break-inside:avoid}}
`;

registerAsset('season.css', 'text/css; charset=utf-8', css);
