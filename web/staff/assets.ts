import { registerAsset } from '../assets/index';
import { liveJs } from './live-js';

/**
 * The staff pages' one stylesheet: system fonts, big text and targets (supervisors are often
 * older cadres, on a projector or a phone), print rules for the A4 public notice, and the
 * projector mode's high-contrast giant figures. Bars are SVG, coloured from here.
 */
const css = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f6f6f4;color:#111;font:18px/1.55 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
header.top{display:flex;flex-wrap:wrap;align-items:center;gap:8px 18px;padding:10px 16px;background:#a40000;color:#fff}
header.top a,header.top .who{color:#fff}
header.top .brand{font-weight:700;font-size:22px;text-decoration:none;margin-right:auto}
header.top form{margin:0}
header.top button{min-height:40px;padding:4px 14px;background:#fff;color:#a40000;font-size:17px}
main{max-width:68rem;margin:0 auto;padding:16px}
h1{font-size:28px;line-height:1.3;margin:6px 0 14px}
h2{font-size:22px;margin:26px 0 10px}
a{color:#0645ad}
.muted{color:#555}
.card{background:#fff;border:1px solid #ccc;border-radius:10px;padding:14px 16px;margin:0 0 16px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #bbb;padding:8px 10px;text-align:left;vertical-align:top}
th{background:#eee}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
label{display:block;font-weight:700;margin:12px 0 4px}
form.inline{display:inline;margin-left:8px}
.head-hash{display:flex;gap:16px;align-items:flex-start;break-inside:avoid}
.head-hash .qr{flex:none;width:36mm;height:36mm}
.head-hash .qr svg{display:block;width:100%;height:100%}
.hash{font-family:ui-monospace,monospace;word-break:break-all;font-size:1.05rem}
label.inline{display:inline-flex;align-items:center;gap:6px;font-weight:400;margin:4px 16px 4px 0}
input[type=text],input[type=password],input[type=number],select{font:inherit;min-height:48px;padding:6px 10px;border:2px solid #777;border-radius:8px;width:100%;max-width:32rem;background:#fff}
input[type=number]{max-width:10rem}
textarea{font:inherit;width:100%;padding:6px 10px;border:2px solid #777;border-radius:8px}
ul.plain{margin:0;padding-left:1.2em}
input[type=radio],input[type=checkbox]{width:22px;height:22px}
.rows td{padding:4px 6px}
.rows input{max-width:none}
button,.btn{display:inline-block;min-height:48px;padding:10px 20px;border:0;border-radius:10px;background:#a40000;color:#fff;font:inherit;font-weight:700;text-decoration:none;cursor:pointer;text-align:center}
.btn.secondary,button.secondary{background:#fff;color:#a40000;border:2px solid #a40000}
button.small{min-height:40px;padding:4px 12px;font-weight:400}
.actions{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.default-submit{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.flash{border-radius:10px;padding:10px 14px;margin:0 0 16px;font-weight:700;border:2px solid}
.flash.ok{background:#e9f7ee;border-color:#0a7c2f;color:#064d1d}
.flash.err{background:#fff1f1;border-color:#c00000;color:#8a0000}
.flash.warn{background:#fff8e1;border-color:#9a5b00;color:#5c3700}
.key{font:700 22px/1.4 ui-monospace,Menlo,Consolas,monospace;word-break:break-all;background:#fff;border:3px dashed #111;border-radius:10px;padding:12px}
.badge{display:inline-block;padding:2px 10px;border-radius:999px;font-size:16px;font-weight:700;border:2px solid}
.badge.draft{color:#555;border-color:#999}
.badge.open{color:#064d1d;border-color:#0a7c2f;background:#e9f7ee}
.badge.closed{color:#333;border-color:#333;background:#eee}
.yes{color:#064d1d;font-weight:700}
.no{color:#a00000;font-weight:700}
svg.bar{display:block;width:100%;height:auto;max-width:100%}
.bar-bg{fill:#e3e3e3}
.bar-fill{fill:#c0392b}
.bar-fill.met{fill:#0a7c2f}
.bar-fill.plain{fill:#2c5aa0}
.bar-line{stroke:#111;stroke-width:4}
.bar-text{fill:#111;font-size:22px;font-weight:700}
.seg0{fill:#0a7c2f}.seg1{fill:#6fbf73}.seg2{fill:#f0b429}.seg3{fill:#c0392b}
.legend span{display:inline-flex;align-items:center;gap:6px;margin-right:14px}
.legend svg{width:18px;height:18px}
.big{font-size:64px;font-weight:800;line-height:1.1;font-variant-numeric:tabular-nums}
.sub{font-size:22px;color:#444;margin:0 0 8px}
caption{text-align:left;font-weight:700;padding:14px 0 6px}
.card>:first-child{margin-top:0}.card>:last-child{margin-bottom:0}
.quorum{font-size:24px;font-weight:700;margin:8px 0}
.quorum.met{color:#064d1d}
.quorum.short{color:#a00000}
.cats{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:12px}
.cats h3{margin:0;font-size:20px}
.live-state{color:#555;font-size:16px}
.banner{font-size:22px;font-weight:700;padding:12px 16px;border-radius:10px;margin:0 0 16px;border:3px solid}
.banner.valid{background:#e9f7ee;border-color:#0a7c2f;color:#064d1d}
.banner.invalid{background:#fff1f1;border-color:#c00000;color:#8a0000}
.paper-count{font-size:22px}
fieldset.grade-set{border:2px solid #888;border-radius:10px;margin:0 0 14px;padding:6px 12px 12px;background:#fff}
fieldset.grade-set.missing{border-color:#c00000;background:#fff1f1}
.grade-set legend{font-size:20px;font-weight:700;padding:0 6px}
.grade-set .err{color:#8a0000;font-weight:700;margin:2px 0 8px}
.grade-opts{display:grid;grid-template-columns:repeat(4,1fr);gap:8px}
.grade-opts label{display:flex;align-items:center;gap:8px;margin:0;min-height:56px;padding:8px 12px;border:2px solid #999;border-radius:10px;background:#fff;cursor:pointer}
.grade-opts label:has(input:checked){border-color:#a40000;background:#fbe9e9;outline:2px solid #a40000}
@media (max-width:40rem){.grade-opts{grid-template-columns:repeat(2,1fr)}}
.receipts{columns:4 9rem;column-gap:18px;font:16px/1.7 ui-monospace,Menlo,Consolas,monospace;padding:0;margin:0;list-style:none}
body.projector{background:#000;color:#fff}
body.projector main{max-width:none;padding:2vw 4vw}
body.projector h1{font-size:3.2vw;margin:0 0 .5vw}
body.projector .big{font-size:11vw;line-height:1}
body.projector .sub{font-size:2.8vw;color:#ddd;margin:0 0 1vw}
body.projector .quorum{font-size:3.4vw;margin:.5vw 0}
body.projector .quorum.met{color:#5dff8a}
body.projector .quorum.short{color:#ffd400}
body.projector .bar-bg{fill:#333}
body.projector .bar-fill{fill:#ffd400}
body.projector .bar-fill.met{fill:#5dff8a}
body.projector .bar-fill.plain{fill:#9cf}
body.projector .bar-line{stroke:#fff;stroke-width:6}
body.projector .bar-text{fill:#fff}
body.projector p{font-size:2.4vw;margin:.6vw 0}
body.projector .cats h3{font-size:2.2vw}
body.projector .live-state,body.projector .muted{color:#bbb}
body.projector a{color:#9cf}
@media (max-width:40rem){.big{font-size:44px}h1{font-size:24px}}
@page{size:A4;margin:15mm}
@media print{body{background:#fff;font-size:12pt}header.top,.no-print{display:none}main{max-width:none;padding:0}.card{border:0;padding:0}.receipts{columns:5;font-size:10pt}}
`;

registerAsset('staff.css', 'text/css; charset=utf-8', css);
registerAsset('staff-live.js', 'text/javascript; charset=utf-8', liveJs);
