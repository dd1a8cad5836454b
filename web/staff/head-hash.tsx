import { raw } from 'hono/html';

/**
 * The audit chain's head hash in full, with a QR code of it: printed on the notice and the
 * minutes, it anchors the results outside the database. Anyone holding the paper can later run
 * `npm run audit:verify -- <meeting id> --head <this hash>`.
 */
export function HeadHash({ meetingId, head, qr }: { meetingId: string; head: string; qr: string }) {
  return (
    <section class="head-hash" id="head-hash">
      <div class="qr">{raw(qr)}</div>
      <div>
        <h2>审计链末端哈希</h2>
        <p class="hash" id="head">
          {head}
        </p>
        <p class="muted">
          结束投票时，选票和结果的摘要已写入审计链。此哈希印在纸上后，任何人改动库中的选票或结果都会被发现：核验命令 npm run audit:verify -- {meetingId} --head {head}
        </p>
      </div>
    </section>
  );
}
