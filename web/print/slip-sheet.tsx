import { raw } from 'hono/html';
import { formatToken } from '../../src/domain/codes';
import { GRADES } from '../../src/domain/grades';
import { assetUrl } from '../assets/index';
import { PRINT, strings } from '../i18n';
import { PRINT_CSS } from './assets';

export interface PrintedSlip {
  token: string;
  /** The QR's SVG markup (it encodes the ballot URL). */
  qr: string;
}

export interface SheetView {
  title: string;
  /** Where a voter types the code by hand: `<public url>/b`. */
  entryUrl: string;
  categoryLabel?: string;
  slips: PrintedSlip[];
  subjects: { id: string; name: string }[];
  layout: 'slip' | 'paper';
  /** The staff page's way back (打印 and 返回 buttons); none on the sheet the API answers. */
  back?: string;
  /** Said on screen above the staff sheet (never printed): QR codes a phone cannot open. */
  warning?: string;
}

export const SLIPS_PER_PAGE = 10;

const grades = strings('zh-CN').grades;

function Lines({ v, slip }: { v: SheetView; slip: PrintedSlip }) {
  return (
    <div class="txt">
      <p class="t">{v.title}</p>
      <p class="i">{PRINT.instruction}</p>
      <p class="c">{formatToken(slip.token)}</p>
      <p class="u">{PRINT.fallback(v.entryUrl)}</p>
      {v.categoryLabel && <p class="k">{v.categoryLabel}</p>}
    </div>
  );
}

const Qr = ({ slip }: { slip: PrintedSlip }) => <div class="qr">{raw(slip.qr)}</div>;

function Slip({ v, slip }: { v: SheetView; slip: PrintedSlip }) {
  return (
    <div class="slip">
      <Qr slip={slip} />
      <Lines v={v} slip={slip} />
    </div>
  );
}

/** A paper ballot: the same QR and code, plus a row of four boxes per subject for a pen. */
function PaperSlip({ v, slip }: { v: SheetView; slip: PrintedSlip }) {
  return (
    <section class="paper">
      <header>
        <Qr slip={slip} />
        <Lines v={v} slip={slip} />
      </header>
      <p class="i">{PRINT.paperInstruction}</p>
      <table>
        <thead>
          <tr>
            <th>{PRINT.subject}</th>
            <th colspan={4}>{PRINT.grade}</th>
          </tr>
        </thead>
        <tbody>
          {v.subjects.map((s) => (
            <tr>
              <th>{s.name}</th>
              {GRADES.map((g) => (
                <td>
                  <span class="box"></span>
                  {grades[g]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function pages<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The A4 sheet handed to the printer: cut on the dashed lines, shuffle, let each attendee draw one. */
export function SlipSheet(v: SheetView) {
  const paper = v.layout === 'paper';
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>{PRINT.sheetTitle(v.title)}</title>
        <link rel="icon" href="data:," />
        <style>{raw(PRINT_CSS)}</style>
        {v.back && <script src={assetUrl('print.js')} defer />}
      </head>
      <body>
        {v.back && (
          <div class="tools">
            <button type="button" id="print-now">
              打印
            </button>
            <a href={v.back}>返回测评会</a>
            {v.warning && (
              <p class="warn" role="alert">
                {v.warning}
              </p>
            )}
            <p>打印：点“打印”或按 Ctrl+P，纸张选 A4、缩放 100%。测评码只显示这一次：打印完再返回；整页丢失时，在测评会页面作废全部未用的测评码后重新发放。</p>
          </div>
        )}
        <p class="hint">{paper ? PRINT.screenHintPaper(v.slips.length) : PRINT.screenHint(v.slips.length, SLIPS_PER_PAGE)}</p>
        {paper
          ? v.slips.map((slip) => <PaperSlip v={v} slip={slip} />)
          : pages(v.slips, SLIPS_PER_PAGE).map((page) => (
              <section class="sheet">
                {page.map((slip) => (
                  <Slip v={v} slip={slip} />
                ))}
              </section>
            ))}
      </body>
    </html>
  );
}
