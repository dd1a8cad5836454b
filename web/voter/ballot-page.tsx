import { ABSTAIN, GRADES } from '../../src/domain/grades';
import { strings, type Lang } from '../i18n';
import { VoterPage } from './layout';

export interface BallotView {
  lang: Lang;
  langQuery: string;
  token: string;
  meeting: { title: string; organization: string | null; subjects: { id: string; name: string }[]; rule?: { allowAbstain?: boolean } };
  /** What the voter had chosen when a refused form comes back. */
  chosen?: Record<string, string>;
  /** Subjects to mark: left blank, or sent with a grade we do not know. */
  missing?: string[];
  invalid?: boolean;
}

/**
 * From this many subjects on (民主评议党员: every party member of the branch) the ballot is a
 * compact grid: one row per subject, the four grades across under a header that stays in view.
 * Fewer subjects keep the big labelled buttons, easiest for elderly voters.
 */
export const GRID_FROM = 8;

type Strings = ReturnType<typeof strings>;

/** What a subject can be marked with: the four grades, and 弃权 where the rule allows it. */
interface Mark {
  value: string;
  label: string;
  abstain?: boolean;
}

function marksOf(t: Strings, allowAbstain: boolean): Mark[] {
  const grades: Mark[] = GRADES.map((g) => ({ value: g, label: t.grades[g] }));
  return allowAbstain ? [...grades, { value: ABSTAIN, label: t.abstain, abstain: true }] : grades;
}

interface SubjectProps {
  s: { id: string; name: string };
  t: Strings;
  marks: Mark[];
  chosen?: string;
  missing: boolean;
}

/**
 * A column header breaks between the words of a four-character grade (基本 / 满意), never
 * before its last character: a zero-width space there, and `word-break: keep-all` elsewhere.
 */
const headLabel = (label: string) => (/^[\u4e00-\u9fff]{4}$/.test(label) ? `${label.slice(0, 2)}\u200b${label.slice(2)}` : label);

/** Big buttons, each saying its grade: for a short ballot. */
function SubjectCard({ s, t, marks, chosen, missing }: SubjectProps) {
  return (
    <fieldset id={`s-${s.id}`} class={missing ? 'missing' : undefined}>
      <legend>{s.name}</legend>
      {missing && <p class="err">{t.missingHere}</p>}
      <div class="opts">
        {marks.map((m) => (
          <label class={m.abstain ? 'abstain' : undefined}>
            <input type="radio" name={s.id} value={m.value} checked={chosen === m.value} />
            <span>{m.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * One row of the grid: the subject, then one tap target per grade. Each target still carries
 * its grade's name for screen readers; the eye reads it from the column header.
 */
function SubjectRow({ s, t, marks, chosen, missing }: SubjectProps) {
  return (
    <fieldset id={`s-${s.id}`} class={missing ? 'row missing' : 'row'}>
      <legend>{s.name}</legend>
      {marks.map((m) => (
        <label>
          <input type="radio" name={s.id} value={m.value} checked={chosen === m.value} />
          <span class="vh">{m.label}</span>
        </label>
      ))}
      {missing && <p class="err">{t.missingHere}</p>}
    </fieldset>
  );
}

/** The ballot: one fieldset of four labelled radios per subject (five with 弃权), a plain form post. */
export function BallotPage(v: BallotView) {
  const t = strings(v.lang);
  const allowAbstain = v.meeting.rule?.allowAbstain === true;
  const marks = marksOf(t, allowAbstain);
  const missing = new Set(v.missing ?? []);
  const marked = v.meeting.subjects.filter((s) => missing.has(s.id));
  const path = `/b/${v.token}`;
  const grid = v.meeting.subjects.length >= GRID_FROM;
  const Row = grid ? SubjectRow : SubjectCard;
  return (
    <VoterPage lang={v.lang} path={path} title={v.meeting.title} script>
      <h1>{v.meeting.title}</h1>
      {v.meeting.organization && <p class="muted">{v.meeting.organization}</p>}
      <p>{t.intro}</p>
      <p class="muted">{t.anonymous}</p>
      {marked.length > 0 && (
        <div class="alert" role="alert">
          <p>{t.missingSummary(marked.length)}</p>
          <p>
            {marked.map((s, i) => (
              <>
                {i > 0 && '、'}
                <a href={`#s-${s.id}`}>{s.name}</a>
              </>
            ))}
          </p>
        </div>
      )}
      {v.invalid && marked.length === 0 && (
        <p class="alert" role="alert">
          {t.invalidChoices}
        </p>
      )}
      <form class={grid ? (allowAbstain ? 'ballot grid five' : 'ballot grid') : 'ballot'} method="post" action={path + v.langQuery}>
        {grid && (
          <div class="ghead" aria-hidden="true">
            <span></span>
            {marks.map((m) => (
              <span>{headLabel(m.label)}</span>
            ))}
          </div>
        )}
        {v.meeting.subjects.map((s) => (
          <Row s={s} t={t} marks={marks} chosen={v.chosen?.[s.id]} missing={missing.has(s.id)} />
        ))}
        <div class="bar">
          <p id="progress" data-fmt={t.progress} aria-live="polite"></p>
          <button type="submit" data-label={t.submit} data-busy={t.sending}>
            {t.submit}
          </button>
        </div>
      </form>
    </VoterPage>
  );
}
