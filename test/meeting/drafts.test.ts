import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { startNodeTarget } from '../helpers/node-target';
import { client, type Client, type Target } from '../helpers/target';

/** A supervisor's draft: edited, copied for the next round, deleted; lost slips replaced within the roster. */
describe('draft edits and replacement slips', () => {
  let target: Target;
  let supervisor: Client;
  let voter: Client;

  beforeAll(async () => {
    target = await startNodeTarget();
    const admin = client(target.url, target.adminKey);
    supervisor = client(target.url, (await admin.post('/api/users', { name: '监督员老王', role: 'supervisor' })).body.key);
    voter = client(target.url);
  });
  afterAll(() => target?.stop());

  const roster = {
    title: '2026年度南岭村民主测评',
    organization: '南岭村党支部',
    categories: [
      { key: 'dy', label: '党员', eligible: 4 },
      { key: 'db', label: '村民代表', eligible: 3 },
    ],
    subjects: [{ name: '南岭村党支部' }, { name: '第一书记 周八' }],
  };

  it('PATCH edits a draft (title, roster, subjects, rule) and answers the meeting; a kept subject keeps its id', async () => {
    const m = await newMeeting(supervisor, roster);
    const r = await supervisor.call('PATCH', `/api/meetings/${m.id}`, {
      title: '2026年度南岭村民主测评（更正）',
      rule: 'strict-90',
      categories: [{ key: 'dy', label: '党员', eligible: 5 }],
      subjects: [{ name: '南岭村党支部' }, { name: '村委会主任 吴九' }],
      contact: '0771-1234567',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ title: '2026年度南岭村民主测评（更正）', eligible: 5, status: 'draft', contact: '0771-1234567', noticeDays: 7 });
    expect(r.body.rule.threshold).toEqual({ percent: 90, strict: true });
    expect(r.body.subjects.map((s: { name: string }) => s.name)).toEqual(['南岭村党支部', '村委会主任 吴九']);
    expect(r.body.subjects[0].id).toBe(m.subjects[0]);
    expect((await supervisor.get(`/api/meetings/${m.id}`)).body).toMatchObject({ eligible: 5, categories: [{ key: 'dy', eligible: 5 }] });
  });

  it('after open, PATCH and DELETE are 409 meeting_not_draft and the meeting is unchanged', async () => {
    const m = await newMeeting(supervisor, roster);
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const patch = await supervisor.call('PATCH', `/api/meetings/${m.id}`, { title: '改名' });
    expect(patch.status).toBe(409);
    expect(patch.body.error.code).toBe('meeting_not_draft');
    const del = await supervisor.call('DELETE', `/api/meetings/${m.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('meeting_not_draft');
    expect((await supervisor.get(`/api/meetings/${m.id}`)).body.title).toBe(roster.title);
  });

  it('DELETE removes a draft (204, then 404) and its slips no longer vote', async () => {
    const m = await newMeeting(supervisor, { ...roster, categories: undefined, eligible: 3 });
    const [token] = await issue(supervisor, m.id, 1);
    const del = await supervisor.call('DELETE', `/api/meetings/${m.id}`);
    expect(del.status).toBe(204);
    expect((await supervisor.get(`/api/meetings/${m.id}`)).status).toBe(404);
    expect((await voter.post('/api/ballots', { token, choices: allGraded(m.subjects, 'satisfied') })).status).toBe(404);
  });

  it('copy makes a new draft with the same roster, subjects and rule, and no slips', async () => {
    const m = await newMeeting(supervisor, { ...roster, rule: 'household-80' });
    await issue(supervisor, m.id, 2, 'dy');
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const copy = await supervisor.post(`/api/meetings/${m.id}/copy`, { title: '2026年度南岭村民主测评（第二轮）' });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ status: 'draft', issued: 0, eligible: 7, title: '2026年度南岭村民主测评（第二轮）' });
    expect(copy.body.id).not.toBe(m.id);
    expect(copy.body.rule.preset).toBe('household-80');
    expect(copy.body.categories).toEqual([
      { key: 'dy', label: '党员', eligible: 4, issued: 0 },
      { key: 'db', label: '村民代表', eligible: 3, issued: 0 },
    ]);
    expect(copy.body.subjects.map((s: { name: string }) => s.name)).toEqual(roster.subjects.map((s) => s.name));
    expect(copy.body.subjects[0].id).not.toBe(m.subjects[0]);
  });

  it('duplicate subject names are a 400 at create and at edit; a total that disagrees with the categories is a 400 in both', async () => {
    const dup = { ...roster, subjects: [{ name: '南岭村党支部' }, { name: ' 南岭村党支部 ' }] };
    const created = await supervisor.post('/api/meetings', dup);
    expect(created.status).toBe(400);
    expect(created.body.error.code).toBe('duplicate_subject');
    const m = await newMeeting(supervisor, roster);
    const edited = await supervisor.call('PATCH', `/api/meetings/${m.id}`, { subjects: dup.subjects });
    expect(edited.status).toBe(400);
    expect(edited.body.error.code).toBe('duplicate_subject');
    expect((await supervisor.post('/api/meetings', { ...roster, eligible: 8 })).status).toBe(400);
    expect((await supervisor.call('PATCH', `/api/meetings/${m.id}`, { categories: roster.categories, eligible: 8 })).status).toBe(400);
    expect((await supervisor.get(`/api/meetings/${m.id}`)).body.subjects).toHaveLength(2);
  });

  it('a draft with slips out keeps their categories: shrinking below what was issued is refused', async () => {
    const m = await newMeeting(supervisor, roster);
    await issue(supervisor, m.id, 3, 'dy');
    const shrink = await supervisor.call('PATCH', `/api/meetings/${m.id}`, { categories: [{ key: 'dy', label: '党员', eligible: 2 }] });
    expect(shrink.status).toBe(409);
    const grow = await supervisor.call('PATCH', `/api/meetings/${m.id}`, { categories: [{ key: 'dy', label: '党员', eligible: 6 }] });
    expect(grow.status).toBe(200);
    expect(grow.body.categories).toEqual([{ key: 'dy', label: '党员', eligible: 6, issued: 3 }]);
  });

  it('voiding a lost unused slip frees its place: one more of its category can be issued, and the slips summary adds up', async () => {
    const m = await newMeeting(supervisor, roster);
    const dy = await issue(supervisor, m.id, 4, 'dy');
    const full = await supervisor.post(`/api/meetings/${m.id}/tokens`, { count: 1, category: 'dy' });
    expect(full.status).toBe(409);
    expect((await supervisor.post(`/api/meetings/${m.id}/tokens/void`, { token: dy[3] })).status).toBe(200);
    const [replacement] = await issue(supervisor, m.id, 1, 'dy');
    expect((await supervisor.post(`/api/meetings/${m.id}/tokens`, { count: 1, category: 'dy' })).status).toBe(409);
    await issue(supervisor, m.id, 2, 'db');

    await supervisor.post(`/api/meetings/${m.id}/open`);
    for (const t of [dy[0], dy[1], replacement]) expect((await voter.post('/api/ballots', { token: t, choices: allGraded(m.subjects, 'satisfied') })).status).toBe(201);
    expect((await voter.post('/api/ballots', { token: dy[3], choices: allGraded(m.subjects, 'satisfied') })).body.error.code).toBe('token_void');
    const turnout = (await supervisor.get(`/api/meetings/${m.id}/turnout`)).body;
    expect(turnout.slips).toEqual({ issued: 7, voided: 1, used: 3, unused: 3 });

    // A whole db sheet lost: both its unused slips voided at once, and two can be issued again.
    const lost = await supervisor.post(`/api/meetings/${m.id}/tokens/void`, { unused: true, category: 'db' });
    expect(lost.body).toEqual({ ok: true, voided: 2 });
    await issue(supervisor, m.id, 2, 'db');
    await supervisor.post(`/api/meetings/${m.id}/close`);
    const r = (await supervisor.get(`/api/meetings/${m.id}/results`)).body;
    expect(r.slips).toEqual({ issued: 9, voided: 3, used: 3, unused: 3 });
    expect(r.slips.issued).toBe(r.slips.voided + r.slips.used + r.slips.unused);
    expect(r.slips.used).toBe(r.cast);
    const audit = (await supervisor.get(`/api/meetings/${m.id}/audit`)).body;
    expect(audit.problems).toEqual([]);
    expect(audit.verified).toBe(true);
  });
});

describe('draft edits belong to the meeting’s supervisors', () => {
  let target: Target;
  let owner: Client;
  let stranger: Client;

  beforeAll(async () => {
    target = await startNodeTarget();
    const admin = client(target.url, target.adminKey);
    owner = client(target.url, (await admin.post('/api/users', { name: '监督员甲', role: 'supervisor' })).body.key);
    stranger = client(target.url, (await admin.post('/api/users', { name: '监督员乙', role: 'supervisor' })).body.key);
  });
  afterAll(() => target?.stop());

  it('another supervisor gets 404 for PATCH, DELETE, copy, void-all and the minutes, and the draft is untouched', async () => {
    const m = await newMeeting(owner, { title: '甲的测评会', eligible: 5, subjects: [{ name: '支部' }] });
    const id = m.id;
    expect((await stranger.call('PATCH', `/api/meetings/${id}`, { title: '乙改的' })).status).toBe(404);
    expect((await stranger.call('DELETE', `/api/meetings/${id}`)).status).toBe(404);
    expect((await stranger.post(`/api/meetings/${id}/copy`, {})).status).toBe(404);
    expect((await stranger.post(`/api/meetings/${id}/tokens/void`, { unused: true })).status).toBe(404);
    expect((await stranger.get(`/staff/meetings/${id}/edit`, { accept: 'text/html' })).status).toBe(404);
    expect((await owner.get(`/api/meetings/${id}`)).body.title).toBe('甲的测评会');
    expect((await stranger.get('/api/meetings')).body.meetings.map((x: { id: string }) => x.id)).not.toContain(id);
  });
});
