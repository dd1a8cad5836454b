import type { Meeting } from '../../src/domain/meeting';
import type { Actor } from '../../src/domain/people';
import { withheldText, type Results } from '../../src/domain/results';
import { percentText } from '../../src/domain/satisfaction';
import type { SlipSummary } from '../../src/domain/turnout';
import { HeadHash } from './head-hash';
import { quorumText, thresholdText, timeText } from './format';
import { StaffPage } from './layout';
import { ruleText, SlipsSummary } from './meeting-page';
import { dateText } from './notice-parts';
import { CategoryTurnout, SubjectCounts, ValidityBanner } from './results-parts';

export interface MinutesProps {
  actor: Actor;
  csrf: string;
  meeting: Meeting;
  results: Results;
  slips: SlipSummary;
  /** The audit chain's last hash, in full, and its QR code (SVG markup). */
  head: { hash: string; qr: string } | null;
}

/**
 * 测评记录: the sheet the supervisor, the counters and the scrutineers sign after close. One
 * A4 document: what was held, who could vote, how many did, where every slip went, what each
 * subject got, whether it counts, and the hash that pins this record to the audit chain.
 */
export function MinutesPage({ actor, csrf, meeting: m, results: r, slips, head }: MinutesProps) {
  return (
    <StaffPage title={`测评记录 · ${m.title}`} actor={actor} csrf={csrf}>
      <div class="minutes">
        <h1>{m.title} 测评记录</h1>
        <table class="facts">
          <tbody>
            <tr>
              <th>被测评单位</th>
              <td>{m.organization ?? '—'}</td>
              <th>测评规则</th>
              <td>
                {ruleText(m)}；参加人数不少于应参加人数的 {quorumText(m.rule)}
              </td>
            </tr>
            <tr>
              <th>开始投票</th>
              <td>{timeText(m.openedAt)}</td>
              <th>结束投票</th>
              <td>{timeText(m.closedAt)}</td>
            </tr>
          </tbody>
        </table>
        <ValidityBanner results={r} rule={m.rule} />
        <h2>应参加与实际参加</h2>
        <CategoryTurnout results={r}>
          <tr>
            <th>合计</th>
            <td class="n">{r.eligible}</td>
            <td class="n">{r.cast}</td>
            <td class="n">{percentText(r.cast, r.eligible)}</td>
          </tr>
        </CategoryTurnout>
        <p>
          投票方式：手机 {r.channels.phone} 票，纸质 {r.channels.paper} 票；废票 {r.spoilt} 张（计入参加人数，不计入任何测评对象）。
        </p>
        <h2>测评码</h2>
        <SlipsSummary slips={slips} />
        <h2>各测评对象得票</h2>
        {r.withheld ? (
          <p class="banner invalid">{withheldText(r.cast, r.minGroup)}</p>
        ) : (
          <SubjectCounts id="minutes-subjects" results={r} thresholdLabel={`达到门槛（${thresholdText(m.rule)}）`} />
        )}
        <h2>审计核验</h2>
        {head && <HeadHash meetingId={m.id} head={head.hash} qr={head.qr} />}
        <div class="sign" id="signatures">
          <p>监督员（签字）</p>
          <p>计票人（签字）</p>
          <p>监票人（签字）</p>
        </div>
        <p>记录日期：{dateText(m.closedAt)}</p>
        <p class="no-print muted">打印：使用浏览器的“打印”（Ctrl+P），纸张选 A4，签字后存档。</p>
      </div>
    </StaffPage>
  );
}
