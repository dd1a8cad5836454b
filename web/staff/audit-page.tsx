import type { AuditEvent } from '../../src/domain/audit';
import { AUDIT_LABELS, timeText } from './format';
import { StaffPage } from './layout';
import type { Meeting } from '../../src/domain/meeting';
import type { Actor } from '../../src/domain/people';

export interface AuditReportView {
  verified: boolean;
  problems: string[];
  events: AuditEvent[];
}

/** Event data in words, leaving out who (shown in its own column). */
function details(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([k]) => k !== 'by')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('；');
}

export function AuditPage({ actor, csrf, meeting: m, report }: { actor: Actor; csrf: string; meeting: Meeting; report: AuditReportView }) {
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
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th class="n">序号</th>
              <th>时间</th>
              <th>事件</th>
              <th>操作人</th>
              <th>内容</th>
              <th>哈希</th>
            </tr>
          </thead>
          <tbody>
            {report.events.map((e) => (
              <tr>
                <td class="n">{e.seq}</td>
                <td>{timeText(e.at)}</td>
                <td>{AUDIT_LABELS[e.type] ?? e.type}</td>
                <td>{String(e.data.by ?? e.actor)}</td>
                <td>{details(e.data)}</td>
                <td>
                  <code title={e.hash}>{e.hash.slice(0, 12)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={`/staff/meetings/${m.id}`}>返回测评会</a>
      </p>
    </StaffPage>
  );
}
