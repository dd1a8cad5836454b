import { quorumText } from './format';
import { CsrfField, Flash, StaffPage } from './layout';
import type { Meeting } from '../../src/domain/meeting';
import type { Actor } from '../../src/domain/people';
import type { TurnoutView } from '../../src/domain/turnout';

export interface ConfirmPageProps {
  actor: Actor;
  csrf: string;
  meeting: Meeting;
  action: 'open' | 'close';
  turnout: TurnoutView;
}

/** The step between a click and a change that cannot be undone. */
export function ConfirmPage({ actor, csrf, meeting: m, action, turnout: t }: ConfirmPageProps) {
  const opening = action === 'open';
  const title = opening ? '确认开始投票' : '确认结束投票';
  return (
    <StaffPage title={title} actor={actor} csrf={csrf}>
      <h1>{title}</h1>
      <div class="card">
        <p>
          <strong>{m.title}</strong>
        </p>
        {opening ? (
          <>
            <p>
              已发放测评码 {m.issued} 张（应参加 {m.eligible} 人），测评对象 {m.subjects.length} 个。
            </p>
            <p>开始后，名册和测评对象不能再修改；测评码可以继续补发，总数不超过应参加人数。</p>
          </>
        ) : (
          <>
            <p>
              当前已投 {t.cast} 票，应参加 {t.eligible} 人，达到 {quorumText(m.rule)} 至少需要 {t.required} 票。
            </p>
            {!t.valid && <Flash tone="err">参加投票人数未达到规定要求：现在结束投票，本次测评结果将无效。</Flash>}
            <p>结束后不能再投票，结果立即生成；结束前任何人都看不到结果。</p>
          </>
        )}
      </div>
      <form method="post" action={`/staff/meetings/${m.id}/${action}`} class="actions">
        <CsrfField token={csrf} />
        <button type="submit">{title}</button>
        <a class="btn secondary" href={`/staff/meetings/${m.id}`}>
          返回
        </a>
      </form>
    </StaffPage>
  );
}
