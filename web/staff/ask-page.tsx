import type { Actor } from '../../src/domain/people';
import { CsrfField, StaffPage } from './layout';

export interface AskPageProps {
  actor: Actor;
  csrf: string;
  title: string;
  lines: string[];
  action: string;
  confirm: string;
  back: string;
  /** Fields carried over from the first form (a slip's code, a category). */
  fields?: Record<string, string>;
}

/** "Are you sure?" for a step that cannot be undone: a plain form, so it works with JavaScript off. */
export function AskPage({ actor, csrf, title, lines, action, confirm, back, fields = {} }: AskPageProps) {
  return (
    <StaffPage title={title} actor={actor} csrf={csrf}>
      <h1>{title}</h1>
      <div class="card">
        {lines.map((l) => (
          <p>{l}</p>
        ))}
      </div>
      <form method="post" action={action} class="actions">
        <CsrfField token={csrf} />
        {Object.entries(fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirmed" value="1" />
        <button type="submit">{confirm}</button>
        <a class="btn secondary" href={back}>
          返回
        </a>
      </form>
    </StaffPage>
  );
}
