import type { Child } from 'hono/jsx';
import { strings, type Lang } from '../i18n';
import { VoterPage } from './layout';

interface Where {
  lang: Lang;
  langQuery: string;
  path: string;
}

interface NoticeProps {
  w: Where;
  title: string;
  tone?: 'ok' | 'err';
  /** Language links reload the page; after voting that would only show "already used". */
  noLinks?: boolean;
  children?: Child;
}

function Notice({ w, title, tone, noLinks, children }: NoticeProps) {
  return (
    <VoterPage lang={w.lang} path={noLinks ? undefined : w.path} title={title}>
      <h1 class={tone}>{title}</h1>
      {children}
    </VoterPage>
  );
}

function Receipt({ lang, receipt }: { lang: Lang; receipt: string }) {
  const t = strings(lang);
  return (
    <>
      <p>{t.receipt}</p>
      <p class="receipt" id="receipt">
        {receipt}
      </p>
      <p>{t.receiptMeaning}</p>
    </>
  );
}

export function SuccessPage({ w, meetingTitle, receipt }: { w: Where; meetingTitle: string; receipt: string }) {
  const t = strings(w.lang);
  return (
    <Notice w={w} title={`✓ ${t.successTitle}`} tone="ok" noLinks>
      <p>{meetingTitle}</p>
      <p>
        <strong>{t.thanks}</strong>
      </p>
      <Receipt lang={w.lang} receipt={receipt} />
      <p class="muted">{t.keepReceipt}</p>
    </Notice>
  );
}

export function UsedPage({ w, receipt }: { w: Where; receipt: string | null }) {
  const t = strings(w.lang);
  return (
    <Notice w={w} title={t.usedTitle} tone="err">
      <p>{t.usedBody}</p>
      {receipt && <Receipt lang={w.lang} receipt={receipt} />}
    </Notice>
  );
}

export function NotOpenPage({ w, started }: { w: Where; started: boolean }) {
  const t = strings(w.lang);
  if (started) {
    return (
      <Notice w={w} title={t.closedTitle} tone="err">
        <p>{t.closedBody}</p>
      </Notice>
    );
  }
  return (
    <Notice w={w} title={t.notStartedTitle}>
      <p>{t.notStartedBody}</p>
      <a class="btn" href={w.path + w.langQuery}>
        {t.refresh}
      </a>
    </Notice>
  );
}

export function VoidPage({ w }: { w: Where }) {
  const t = strings(w.lang);
  return (
    <Notice w={w} title={t.voidTitle} tone="err">
      <p>{t.voidBody}</p>
    </Notice>
  );
}

export function UnknownPage({ w }: { w: Where }) {
  const t = strings(w.lang);
  return (
    <Notice w={w} title={t.unknownTitle} tone="err">
      <p>{t.unknownBody}</p>
      <a class="btn" href={`/b${w.langQuery}`}>
        {t.enterCode}
      </a>
    </Notice>
  );
}

export function TooManyPage({ w, seconds }: { w: Where; seconds: number }) {
  const t = strings(w.lang);
  return (
    <Notice w={w} title={t.tooManyTitle} tone="err">
      <p>{t.tooManyBody(seconds)}</p>
    </Notice>
  );
}

/** Anything else a voter might meet: the service's own (Chinese) message, plainly. */
export function ProblemPage({ w, message }: { w: Where; message: string }) {
  const t = strings(w.lang);
  return (
    <Notice w={w} title={t.problemTitle} tone="err">
      <p>{message}</p>
      <a href={`/b${w.langQuery}`}>{t.enterCode}</a>
    </Notice>
  );
}

export type { Where };
