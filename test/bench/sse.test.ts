import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sseFanout } from '../../bench/sse';
import { startNodeTarget } from '../helpers/node-target';
import { newMeeting } from '../helpers/scenario';
import { client, type Target } from '../helpers/target';

/** The bench's fan-out step measures real streams or fails: it never reports a refused stream as skipped. */
describe('the bench SSE fan-out', () => {
  let target: Target;
  let meetingId: string;

  beforeAll(async () => {
    target = await startNodeTarget();
    const admin = client(target.url, target.adminKey);
    meetingId = (await newMeeting(admin, { title: '看板压测', eligible: 3, subjects: [{ name: '支部' }] })).id;
    await admin.post(`/api/meetings/${meetingId}/open`);
  });
  afterAll(() => target?.stop());

  it('fails loudly when the turnout stream refuses the watchers (401), naming the status', async () => {
    const run = sseFanout({ url: target.url, key: 'mp_not-a-real-key', meetingId, watchers: 2, ballots: [], gapMs: 0 });
    await expect(run).rejects.toThrow(/2 of 2 watchers answered 401/);
  });
});
