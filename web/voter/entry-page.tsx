import { strings, type Lang } from '../i18n';
import { VoterPage } from './layout';

/** The camera failed: type the slip's short code. A GET form, so it works anywhere. */
export function EntryPage({ lang, explicit, code, bad }: { lang: Lang; explicit: boolean; code?: string; bad?: boolean }) {
  const t = strings(lang);
  return (
    <VoterPage lang={lang} path="/b" title={t.enterCode}>
      <h1>{t.enterCode}</h1>
      <p>{t.entryIntro}</p>
      {bad && (
        <p class="alert" role="alert">
          {t.badCode}
        </p>
      )}
      <form method="get" action="/b">
        {explicit && <input type="hidden" name="lang" value={lang} />}
        <label class="big" for="code">
          {t.codeLabel}
        </label>
        <input
          type="text"
          id="code"
          name="code"
          value={code}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          placeholder="ABCDE-FGHJK-…"
          maxlength={60}
        />
        <p>
          <button type="submit">{t.go}</button>
        </p>
      </form>
    </VoterPage>
  );
}
