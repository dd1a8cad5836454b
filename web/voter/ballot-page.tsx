import { GRADES } from '../../src/domain/grades';
import { strings, type Lang } from '../i18n';
import { VoterPage } from './layout';

export interface BallotView {
  lang: Lang;
  langQuery: string;
  token: string;
  meeting: { title: string; organization: string | null; subjects: { id: string; name: string }[] };
  /** What the voter had chosen when a refused form comes back. */
  chosen?: Record<string, string>;
  /** Subjects to mark: left blank, or sent with a grade we do not know. */
  missing?: string[];
  invalid?: boolean;
}

/** The ballot: one fieldset of four labelled radios per subject, a plain form post. */
export function BallotPage(v: BallotView) {
  const t = strings(v.lang);
  const missing = new Set(v.missing ?? []);
  const marked = v.meeting.subjects.filter((s) => missing.has(s.id));
  const path = `/b/${v.token}`;
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
      <form class="ballot" method="post" action={path + v.langQuery}>
        {v.meeting.subjects.map((s) => (
          <fieldset id={`s-${s.id}`} class={missing.has(s.id) ? 'missing' : undefined}>
            <legend>{s.name}</legend>
            {missing.has(s.id) && <p class="err">{t.missingHere}</p>}
            <div class="opts">
              {GRADES.map((g) => (
                <label>
                  <input type="radio" name={s.id} value={g} checked={v.chosen?.[s.id] === g} />
                  <span>{t.grades[g]}</span>
                </label>
              ))}
            </div>
          </fieldset>
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
