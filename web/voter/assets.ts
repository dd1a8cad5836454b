import { registerAsset } from '../assets/index';

/**
 * The voter's CSS and optional JS. Kept small (they count toward the 30 KB page budget on a weak
 * signal), system fonts only, ≥ 18 px text and ≥ 52 px tap targets for elderly voters.
 */
const css = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:#111;font:18px/1.55 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
main{max-width:40rem;margin:0 auto;padding:12px 14px 24px}
h1{font-size:24px;line-height:1.3;margin:8px 0 12px}
h2{font-size:20px;margin:0}
p{margin:8px 0}
a{color:#0645ad}
.muted{color:#333}
fieldset{border:2px solid #888;border-radius:10px;margin:0 0 16px;padding:8px 10px 12px}
legend{font-size:20px;font-weight:700;padding:0 6px}
.opts{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px}
.opts label{display:flex;align-items:center;gap:10px;min-height:52px;padding:8px 12px;border:2px solid #666;border-radius:8px;font-size:20px;cursor:pointer;background:#fff}
.opts input{width:26px;height:26px;margin:0;flex:none;accent-color:#a40000}
.opts input:checked+span{font-weight:700}
.opts label:has(input:checked){background:#fde7e7;border-color:#a40000}
.opts label.abstain{border-style:dashed;color:#333}
.missing{border-color:#c00000;background:#fff3f3}
.err,.alert{color:#a00000;font-weight:700}
.alert{border:2px solid #c00000;border-radius:8px;padding:8px 12px;background:#fff3f3}
.bar{position:sticky;bottom:0;background:#fff;padding:8px 0;border-top:1px solid #bbb}
.bar p{margin:0 0 6px}
.bar p:empty{display:none}
button,.btn{display:block;width:100%;min-height:56px;padding:12px;border:0;border-radius:10px;background:#a40000;color:#fff;font:inherit;font-size:22px;font-weight:700;text-align:center;text-decoration:none;cursor:pointer}
button:disabled{background:#666}
.ok{color:#0a5c1f;font-size:28px}
.receipt{font:700 30px/1.3 ui-monospace,Menlo,Consolas,monospace;letter-spacing:3px;border:3px solid #111;border-radius:10px;padding:10px;text-align:center;word-break:break-all;margin:12px 0}
input[type=text]{width:100%;min-height:56px;font:700 22px ui-monospace,Menlo,Consolas,monospace;padding:8px 10px;border:2px solid #444;border-radius:8px;text-transform:uppercase}
label.big{display:block;font-weight:700;margin:12px 0 6px}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.grid .ghead,.grid .row{display:grid;grid-template-columns:minmax(0,1fr) repeat(4,56px);gap:0 4px;align-items:center}
.grid.five .ghead,.grid.five .row{grid-template-columns:minmax(0,1fr) repeat(5,48px);gap:0 2px}
.grid .ghead{position:sticky;top:0;z-index:1;background:#fff;border-bottom:2px solid #888;padding:4px 0;font-size:16px;line-height:1.2;font-weight:700;text-align:center;word-break:keep-all;overflow-wrap:anywhere}
.grid .row{border:0;border-bottom:1px solid #bbb;border-radius:0;margin:0;padding:2px 0;min-width:0}
.grid .row legend{float:left;padding:0 4px 0 0;font-size:18px;line-height:1.3;font-weight:400;overflow-wrap:anywhere}
.grid .row label{display:flex;align-items:center;justify-content:center;min-height:48px;border-radius:8px;cursor:pointer}
.grid .row input{width:26px;height:26px;margin:0;accent-color:#a40000}
.grid .row label:has(input:checked){background:#fde7e7}
.grid .row .err{grid-column:1/-1;margin:0 0 4px}
.grid .row:nth-of-type(even){background:#f6f6f6}
.grid .row.missing{background:#fff3f3}
.langs{max-width:40rem;margin:0 auto;padding:8px 14px 20px;border-top:1px solid #ccc}
.langs a{display:inline-block;min-height:44px;padding:10px 12px 0 0}
.langs b{display:inline-block;padding:10px 12px 0 0}
`;

// ES5 for old in-app browser kernels. Only improves the page: a live count and no double submit.
const js = `(function(){var f=document.querySelector('form.ballot');if(!f)return;
var sets=f.querySelectorAll('fieldset'),out=document.getElementById('progress'),b=f.querySelector('button');
function upd(){var n=0;for(var i=0;i<sets.length;i++)if(sets[i].querySelector('input:checked'))n++;
if(out)out.textContent=out.getAttribute('data-fmt').replace('{n}',n).replace('{t}',sets.length);}
f.addEventListener('change',upd);upd();
f.addEventListener('submit',function(e){if(f.getAttribute('data-sent')){e.preventDefault();return;}
f.setAttribute('data-sent','1');setTimeout(function(){b.disabled=true;b.textContent=b.getAttribute('data-busy');},0);});
window.addEventListener('pageshow',function(){f.removeAttribute('data-sent');b.disabled=false;b.textContent=b.getAttribute('data-label');});
})();
`;

registerAsset('voter.css', 'text/css; charset=utf-8', css);
registerAsset('voter.js', 'text/javascript; charset=utf-8', js);
