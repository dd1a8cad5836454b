import type { Child } from 'hono/jsx';
import { assetUrl } from '../assets/index';
import { LANGS, strings, type Lang } from '../i18n';
import './assets';

export interface PageProps {
  lang: Lang;
  /** The page's own path: the language links point back to it with `?lang=`; none, no links. */
  path?: string;
  title: string;
  script?: boolean;
  children?: Child;
}

/** `?lang=x` when the voter chose a language, so links and form actions keep it (no cookie). */
export const langQuery = (lang: Lang, explicit: boolean) => (explicit ? `?lang=${lang}` : '');

/** The voter's page shell: one stylesheet, optional script, nothing from another host. */
export function VoterPage({ lang, path, title, script, children }: PageProps) {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <meta name="format-detection" content="telephone=no" />
        <title>{`${title} · ${strings(lang).site}`}</title>
        {/* An empty icon: saves the phone a /favicon.ico round trip on a weak signal. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetUrl('voter.css')} />
        {script && <script src={assetUrl('voter.js')} defer />}
      </head>
      <body>
        <main>{children}</main>
        {path && (
          <nav class="langs">
            {LANGS.map((l) => (l === lang ? <b>{strings(l).langName}</b> : <a href={`${path}?lang=${l}`} hreflang={l}>{strings(l).langName}</a>))}
          </nav>
        )}
      </body>
    </html>
  );
}
