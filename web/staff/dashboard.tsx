import { percentText } from '../../src/domain/satisfaction';
import { requiredVotes } from '../../src/domain/turnout';
import { TurnoutBar } from './bars';
import { clockText, quorumText, STATUS_LABELS } from './format';
import { StaffPage } from './layout';
import type { Meeting } from '../../src/domain/meeting';
import type { Actor } from '../../src/domain/people';
import type { TurnoutView } from '../../src/domain/turnout';

export interface DashboardProps {
  actor: Actor;
  csrf: string;
  meeting: Meeting;
  turnout: TurnoutView;
  projector: boolean;
  elapsedSeconds: number;
}

/** Without JavaScript the page reloads itself this often instead of listening to the stream. */
export const FALLBACK_REFRESH_SECONDS = 10;

/** The overall line's words; staff-live.js says the same when it redraws. */
function quorumLine(t: TurnoutView, q: string) {
  return t.quorumMet ? `已达到 ${q} 线（至少 ${t.required} 票）` : `还差 ${t.required - t.cast} 票达到 ${q} 线（至少 ${t.required} 票）`;
}

/** A category's own minimum (e.g. 党员 ≥ 80%), measured against its roster or another's. */
function categoryNeed(meeting: Meeting, key: string) {
  const q = meeting.rule.categoryQuorum?.[key];
  if (!q) return null;
  const base = meeting.categories.find((c) => c.key === (q.of ?? key));
  if (!base) return null;
  const of = q.of && q.of !== key ? `${base.label}人数的 ` : '';
  return { need: requiredVotes(base.eligible, q), label: `${of}${q.num}/${q.den}` };
}

export function Dashboard({ actor, csrf, meeting: m, turnout: t, projector, elapsedSeconds }: DashboardProps) {
  const q = quorumText(m.rule);
  const base = `/staff/meetings/${m.id}`;
  return (
    <StaffPage title={`实时看板 · ${m.title}`} actor={actor} csrf={csrf} projector={projector} refreshSeconds={FALLBACK_REFRESH_SECONDS} script>
      <section id="dash" data-stream={`/api/meetings/${m.id}/turnout/stream`} data-status={t.status} data-elapsed={String(elapsedSeconds)} data-q={q}>
        <h1>{m.title}</h1>
        <p>
          <strong data-f="status">{STATUS_LABELS[t.status]}</strong>
          {' · 已进行 '}
          <span data-f="elapsed">{clockText(elapsedSeconds)}</span>
        </p>
        <div class="big">
          <span data-f="cast">{t.cast}</span> / <span data-f="eligible">{t.eligible}</span>
        </div>
        <p class="sub">
          已投票 / 应参加 · <span data-f="percent">{percentText(t.cast, t.eligible)}</span>
        </p>
        <TurnoutBar name="all" cast={t.cast} eligible={t.eligible} need={t.required} lineLabel={`${q} 线`} met={t.quorumMet} label={`已投 ${t.cast}，应参加 ${t.eligible}`} />
        <p id="quorum" class={`quorum ${t.quorumMet ? 'met' : 'short'}`}>
          {quorumLine(t, q)}
        </p>
        {t.categories.length > 0 && (
          <div class="cats">
            {t.categories.map((c, i) => {
              const need = categoryNeed(m, c.key);
              return (
                <div>
                  <h3>
                    {c.label} <span data-f={`cat-${i}`}>{`${c.cast} / ${c.eligible}`}</span>
                  </h3>
                  <TurnoutBar
                    name={`cat-${i}`}
                    cast={c.cast}
                    eligible={c.eligible}
                    need={need?.need}
                    lineLabel={need?.label}
                    met={need ? c.cast >= need.need : false}
                    label={`${c.label}：已投 ${c.cast}，应参加 ${c.eligible}`}
                  />
                </div>
              );
            })}
          </div>
        )}
        <p id="closed-note" class="quorum" hidden={t.status !== 'closed'}>
          投票已结束。<a href={`${base}/results`}>查看结果</a>
        </p>
        <p id="live-state" class="live-state">
          本页每 {FALLBACK_REFRESH_SECONDS} 秒刷新一次
        </p>
        {!projector && (
          <p class="actions no-print">
            <a class="btn secondary" href={`${base}/live?projector=1`}>
              投影模式
            </a>
            <a class="btn secondary" href={base}>
              返回测评会
            </a>
          </p>
        )}
      </section>
    </StaffPage>
  );
}
