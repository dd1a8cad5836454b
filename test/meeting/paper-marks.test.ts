import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { startNodeTarget } from '../helpers/node-target';
import { client, type Client, type Target } from '../helpers/target';

/** Paper as it comes out of the box: a blank subject is 弃权, an unreadable slip is 废票. */
describe('弃权 and 废票', () => {
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

  const twoSubjects = { title: '2026年度西岗村民主测评', eligible: 10, subjects: [{ name: '西岗村党支部' }, { name: '第一书记 郑十' }] };

  it('a spoilt slip counts in turnout and spoilt, in no subject; an abstention counts in its subject’s cast, not as satisfied', async () => {
    const m = await newMeeting(supervisor, twoSubjects);
    const [a, b, c, d, e, spoilt] = await issue(supervisor, m.id, 6);
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const key = (body: unknown) => supervisor.post(`/api/meetings/${m.id}/paper-ballots`, body);
    for (const t of [a, b, c]) expect((await voter.post('/api/ballots', { token: t, choices: allGraded(m.subjects, 'very_satisfied') })).status).toBe(201);
    expect((await key({ token: d, choices: { [m.subjects[0]]: 'satisfied', [m.subjects[1]]: 'abstain' } })).status).toBe(201);
    expect((await key({ token: e, choices: { [m.subjects[0]]: 'abstain', [m.subjects[1]]: 'dissatisfied' } })).status).toBe(201);
    const keyed = await key({ token: spoilt, spoilt: true });
    expect(keyed.status).toBe(201);
    expect((await key({ token: spoilt, spoilt: true })).body.error.code).toBe('token_used');
    expect((await voter.post('/api/ballots', { token: spoilt, choices: allGraded(m.subjects, 'satisfied') })).body.error.code).toBe('token_used');

    const turnout = (await supervisor.get(`/api/meetings/${m.id}/turnout`)).body;
    expect(turnout.cast).toBe(6);
    expect(turnout.slips).toEqual({ issued: 6, voided: 0, used: 6, unused: 0 });
    await supervisor.post(`/api/meetings/${m.id}/close`);
    const r = (await supervisor.get(`/api/meetings/${m.id}/results`)).body;
    expect(r).toMatchObject({ cast: 6, spoilt: 1, channels: { phone: 3, paper: 3 } });
    expect(r.subjects[0]).toMatchObject({ cast: 5, counts: { very_satisfied: 3, satisfied: 1, basically_satisfied: 0, dissatisfied: 0, abstain: 1 }, satisfactionPercent: '80.00%' });
    expect(r.subjects[1]).toMatchObject({ cast: 5, counts: { very_satisfied: 3, satisfied: 0, basically_satisfied: 0, dissatisfied: 1, abstain: 1 }, satisfactionPercent: '60.00%' });
    expect(r.subjects[0].satisfaction).toBe(4 / 5);
    const csv = (await supervisor.get(`/api/meetings/${m.id}/results.csv`)).text;
    expect(csv).toContain('西岗村党支部,3,1,0,0,1,5,10,80.00,否,否,1');
    const audit = (await supervisor.get(`/api/meetings/${m.id}/audit`)).body;
    expect(audit.verified).toBe(true);
  });

  it('a phone ballot must grade every subject: "abstain" is a 400 and spends nothing, unless the rule says allowAbstain', async () => {
    const strict = await newMeeting(supervisor, twoSubjects);
    const [t] = await issue(supervisor, strict.id, 1);
    await supervisor.post(`/api/meetings/${strict.id}/open`);
    const refused = await voter.post('/api/ballots', { token: t, choices: { [strict.subjects[0]]: 'abstain', [strict.subjects[1]]: 'satisfied' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_grade');
    expect((await voter.post('/api/ballots', { token: t, choices: allGraded(strict.subjects, 'satisfied') })).status).toBe(201);

    const lenient = await newMeeting(supervisor, { ...twoSubjects, rule: { allowAbstain: true } });
    expect(lenient.body.rule.allowAbstain).toBe(true);
    const [u, ...others] = await issue(supervisor, lenient.id, 5); // 5: over the publication floor
    await supervisor.post(`/api/meetings/${lenient.id}/open`);
    expect((await voter.post('/api/ballots', { token: u, choices: { [lenient.subjects[0]]: 'abstain', [lenient.subjects[1]]: 'satisfied' } })).status).toBe(201);
    for (const o of others) expect((await voter.post('/api/ballots', { token: o, choices: allGraded(lenient.subjects, 'satisfied') })).status).toBe(201);
    await supervisor.post(`/api/meetings/${lenient.id}/close`);
    expect((await supervisor.get(`/api/meetings/${lenient.id}/results`)).body.subjects[0].counts.abstain).toBe(1);
  });

  it('a paper ballot still names every subject: a missing one is 400 incomplete_ballot, nothing spent', async () => {
    const m = await newMeeting(supervisor, twoSubjects);
    const [t] = await issue(supervisor, m.id, 1);
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const r = await supervisor.post(`/api/meetings/${m.id}/paper-ballots`, { token: t, choices: { [m.subjects[0]]: 'abstain' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('incomplete_ballot');
    expect((await supervisor.get(`/api/meetings/${m.id}/turnout`)).body.slips.used).toBe(0);
  });
});
