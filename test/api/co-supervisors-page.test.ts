import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget } from '../helpers/node-target';
import { newMeeting } from '../helpers/scenario';
import { client } from '../helpers/target';

/** The staff meeting page names who runs the meeting; its creator adds a co-supervisor with a form. */
describe('co-supervisors on the staff meeting page', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  const users: Record<string, { id: string; key: string }> = {};

  beforeAll(async () => {
    target = await startNodeTarget();
    const admin = client(target.url, target.adminKey);
    for (const [name, role] of [['老王', 'supervisor'], ['小李', 'supervisor'], ['考评员', 'scorer']] as const) {
      users[name] = (await admin.post('/api/users', { name, role })).body;
    }
  });
  afterAll(() => target?.stop());

  const form = (key: string, path: string, body: string) =>
    fetch(target.url + path, { method: 'POST', redirect: 'manual', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' }, body });

  it('the creator picks a supervisor from the list; the added one then sees the meeting, its page and the list without the form', async () => {
    const wang = client(target.url, users['老王'].key);
    const li = client(target.url, users['小李'].key);
    const m = await newMeeting(wang, { title: '东风村民主测评', eligible: 30, subjects: [{ name: '支部' }] });
    const page = (await wang.get(`/staff/meetings/${m.id}`)).text;
    expect(page).toContain('老王（创建者）');
    // Only supervisors can be picked, and not the creator.
    expect(page).toContain(`<option value="${users['小李'].id}">小李</option>`);
    expect(page).not.toContain(`<option value="${users['考评员'].id}">`);
    expect(page).not.toContain(`<option value="${users['老王'].id}">`);
    expect((await li.get(`/staff/meetings/${m.id}`)).status).toBe(404);

    const added = await form(users['老王'].key, `/staff/meetings/${m.id}/supervisors`, `userId=${users['小李'].id}`);
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`/staff/meetings/${m.id}?done=supervisor_added#supervisors`);
    const after = (await wang.get(`/staff/meetings/${m.id}?done=supervisor_added`)).text;
    expect(after).toContain('已添加协同监督员');
    expect(after).toContain('小李（协同监督员）');

    const seen = await li.get(`/staff/meetings/${m.id}`);
    expect(seen.status).toBe(200);
    expect(seen.text).toContain('小李（协同监督员）');
    expect(seen.text).not.toContain('添加协同监督员</label>');
    expect((await li.get('/staff/meetings')).text).toContain('东风村民主测评');

    // A co-supervisor cannot change who runs it; the creator removes them again.
    expect((await form(users['小李'].key, `/staff/meetings/${m.id}/supervisors/remove`, `userId=${users['小李'].id}`)).status).toBe(403);
    expect((await form(users['老王'].key, `/staff/meetings/${m.id}/supervisors/remove`, `userId=${users['小李'].id}`)).status).toBe(303);
    expect((await li.get(`/staff/meetings/${m.id}`)).status).toBe(404);
    expect((await li.get('/staff/meetings')).text).not.toContain('东风村民主测评');
  });

  it('picking an account that is not a supervisor is refused on the page with the reason', async () => {
    const wang = client(target.url, users['老王'].key);
    const m = await newMeeting(wang, { title: '西岭村民主测评', eligible: 30, subjects: [{ name: '支部' }] });
    const res = await form(users['老王'].key, `/staff/meetings/${m.id}/supervisors`, `userId=${users['考评员'].id}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('只能添加有效的监督员账号');
  });
});
