import type { Child } from 'hono/jsx';
import { assetUrl } from '../assets/index';
import './assets';

/** The shell of a season's public page: one stylesheet, no script, nothing from another host. */
export function SeasonDoc({ title, projector, children }: { title: string; projector?: boolean; children?: Child }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <title>{`${title} · 民评`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetUrl('season.css')} />
      </head>
      <body class={projector ? 'projector' : undefined}>
        <main>{children}</main>
      </body>
    </html>
  );
}
