import type { AuditEvent } from '../../src/domain/audit';
import type { Meeting } from '../../src/domain/meeting';
import type { Actor } from '../../src/domain/people';
import { auditSentence } from './audit-words';
import { AUDIT_LABELS, timeText } from './format';
import { StaffPage } from './layout';

export interface AuditReportView {
  verified: boolean;
  problems: string[];
  events: AuditEvent[];
}

/** The chain's last hash in full, to copy and compare with the one printed on the minutes and the notice. */
function ChainHead({ hash }: { hash: string | null }) {
  if (!hash) return null;
  return (
    <div class="chain-head" id="chain-head">
      <p>
        <strong>审计链末条哈希（可复制，与打印的测评记录、公示核对）：</strong>
      </p>
      <p class="hash-full">
        <code>{hash}</code>
      </p>
    </div>
  );
}

export function AuditPage({ actor, csrf, meeting: m, report }: { actor: Actor; csrf: string; meeting: Meeting; report: AuditReportView }) {
  const head = report.events.at(-1)?.hash ?? null;
  return (
    <StaffPage title={`审计记录 · ${m.title}`} actor={actor} csrf={csrf}>
      <h1>审计记录：{m.title}</h1>
      {report.verified ? (
        <p class="banner valid" id="verify">
          核验通过：{report.events.length} 条记录的哈希链完整，与测评会当前状态一致。
        </p>
      ) : (
        <div class="banner invalid" id="verify">
          核验未通过：
          <ul>
            {report.problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <p class="muted">每条记录包含上一条的哈希值，任何修改、删除或插入都会使核验失败。记录中没有测评码，也没有任何选票内容。</p>
      <ChainHead hash={head} />
      <table class="audit">
        <thead>
          <tr>
            <th class="n">序号</th>
            <th>时间</th>
            <th>事件</th>
            <th>操作人</th>
            <th>说明</th>
          </tr>
        </thead>
        <tbody>
          {report.events.map((e) => (
            <tr>
              <td class="n">{e.seq}</td>
              <td class="time">{timeText(e.at)}</td>
              <td class="ev">{AUDIT_LABELS[e.type] ?? e.type}</td>
              <td>{String(e.data.by ?? e.actor)}</td>
              <td>
                {auditSentence(e, m)}
                <br />
                <code class="hash" title="本条记录的哈希">
                  {e.hash}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="actions no-print">
        <a class="btn secondary" href={`/staff/meetings/${m.id}`}>
          返回测评会
        </a>
        <a class="btn secondary" href={`/api/meetings/${m.id}/audit`}>
          原始数据（JSON）
        </a>
      </p>
      <p class="no-print muted">打印：使用浏览器的“打印”（Ctrl+P），纸张选 A4。</p>
    </StaffPage>
  );
}
