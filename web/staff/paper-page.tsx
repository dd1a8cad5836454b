import { GRADE_LABELS, GRADES } from '../../src/domain/grades';
import { CsrfField, Flash, StaffPage } from './layout';
import type { Meeting } from '../../src/domain/meeting';
import type { Actor } from '../../src/domain/people';

export interface PaperPageProps {
  actor: Actor;
  csrf: string;
  meeting: Meeting;
  /** Ballots cast so far (phone and paper) and paper slips keyed so far. */
  cast: number;
  paper: number;
  /** What comes back after a refusal: the code (unless the slip is spent) and the marks. */
  code?: string;
  chosen?: Record<string, string>;
  missing?: string[];
  flash?: string;
  error?: string;
}

/**
 * The supervisor keys a marked paper slip: scan its QR (the scanner types the ballot URL and
 * Enter) or type its code, then the marks. Either order works: a code sent without marks is
 * checked and kept, so a used slip is set aside before anything is keyed.
 */
export function PaperPage(p: PaperPageProps) {
  const m = p.meeting;
  const missing = new Set(p.missing ?? []);
  const code = p.code ?? '';
  // Focus where the next keystroke belongs: the code, or the first subject still to mark.
  const focus = code ? (m.subjects.find((s) => missing.has(s.id)) ?? (p.error ? undefined : m.subjects[0]))?.id : undefined;
  return (
    <StaffPage title={`录入纸质票 · ${m.title}`} actor={p.actor} csrf={p.csrf}>
      <h1>录入纸质票</h1>
      <p class="muted">{m.title}</p>
      {p.flash && <Flash tone="ok">{p.flash}</Flash>}
      {p.error && <Flash tone="err">{p.error}</Flash>}
      <p class="paper-count" id="paper-count">
        本场已录入纸质票 <strong>{p.paper}</strong> 张；全场已投 {p.cast} 票（应参加 {m.eligible} 人）
      </p>
      <form class="card" method="post" action={`/staff/meetings/${m.id}/paper`}>
        <CsrfField token={p.csrf} />
        <label for="code">测评码（用扫码枪扫纸质票上的二维码，或输入票上印的字母数字）</label>
        <input id="code" type="text" name="code" value={code} autocomplete="off" autocapitalize="characters" spellcheck={false} autofocus={!focus} placeholder="ABCDE-FGHJK-…" />
        <p class="muted">先扫码后勾选、先勾选后扫码都可以。每张票只能录入一次；已用手机投过票或已作废的票会被拒绝，不计票。</p>
        {m.subjects.map((s, i) => (
          <fieldset id={`s-${s.id}`} class={missing.has(s.id) ? 'grade-set missing' : 'grade-set'}>
            <legend>
              {i + 1}. {s.name}
            </legend>
            {missing.has(s.id) && <p class="err">请按纸质票勾选此项</p>}
            <div class="grade-opts">
              {GRADES.map((g, j) => (
                <label>
                  <input type="radio" name={s.id} value={g} checked={p.chosen?.[s.id] === g} autofocus={focus === s.id && j === 0} />
                  <span>{GRADE_LABELS[g]}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <div class="actions">
          <button type="submit">录入这张票</button>
          <a class="btn secondary" href={`/staff/meetings/${m.id}`}>
            返回测评会
          </a>
        </div>
      </form>
    </StaffPage>
  );
}
