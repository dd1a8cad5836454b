import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { startNodeTarget } from '../helpers/node-target';
import { client, type Client, type Target } from '../helpers/target';

/** Paper slips for voters without phones: keyed in by a supervisor, counted once, the token spent. */
describe('paper ballots and printable slip sheets', () => {
  let target: Target;
  let supervisor: Client;
  let scorer: Client;
  let voter: Client;

  beforeAll(async () => {
    target = await startNodeTarget();
    const admin = client(target.url, target.adminKey);
    supervisor = client(target.url, (await admin.post('/api/users', { name: '监督员老王', role: 'supervisor' })).body.key);
    scorer = client(target.url, (await admin.post('/api/users', { name: '考评员小李', role: 'scorer' })).body.key);
    voter = client(target.url);
  });
  afterAll(() => target?.stop());

  const twoSubjects = { title: '2026年度北坡村民主测评', eligible: 6, subjects: [{ name: '北坡村党支部' }, { name: '第一书记 孙七' }] };

  it('a keyed-in paper slip counts once (channels.paper = 1) and the same token then cannot vote by phone (409 token_used)', async () => {
    const m = await newMeeting(supervisor, twoSubjects);
    // Three more phone votes lift the meeting over the publication floor of 5.
    const [paper, phone, ...more] = await issue(supervisor, m.id, 5);
    await supervisor.post(`/api/meetings/${m.id}/open`);

    const keyed = await supervisor.post(`/api/meetings/${m.id}/paper-ballots`, { token: paper, choices: { [m.subjects[0]]: 'satisfied', [m.subjects[1]]: 'dissatisfied' } });
    expect(keyed.status).toBe(201);
    expect(keyed.body).toMatchObject({ channel: 'paper', receipt: expect.stringMatching(/^[2-9A-HJKMNP-Z]{10}$/) });

    const twice = await supervisor.post(`/api/meetings/${m.id}/paper-ballots`, { token: paper, choices: allGraded(m.subjects, 'satisfied') });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('token_used');
    const byPhone = await voter.post('/api/ballots', { token: paper, choices: allGraded(m.subjects, 'very_satisfied') });
    expect(byPhone.status).toBe(409);
    expect(byPhone.body.error.code).toBe('token_used');
    const byPage = await fetch(`${target.url}/b/${paper}`);
    expect(byPage.status).toBe(409);
    expect(await byPage.text()).toContain(keyed.body.receipt);

    expect((await voter.post('/api/ballots', { token: phone, choices: allGraded(m.subjects, 'very_satisfied') })).status).toBe(201);
    for (const t of more) expect((await voter.post('/api/ballots', { token: t, choices: allGraded(m.subjects, 'basically_satisfied') })).status).toBe(201);
    await supervisor.post(`/api/meetings/${m.id}/close`);
    const r = (await scorer.get(`/api/meetings/${m.id}/results`)).body;
    expect(r).toMatchObject({ cast: 5, channels: { phone: 4, paper: 1 } });
    expect(r.subjects[0].counts).toEqual({ very_satisfied: 1, satisfied: 1, basically_satisfied: 3, dissatisfied: 0 });
    expect(r.subjects[1].counts).toEqual({ very_satisfied: 1, satisfied: 0, basically_satisfied: 3, dissatisfied: 1 });
    expect((await voter.get(`/api/meetings/${m.id}/receipts`)).body.receipts).toContain(keyed.body.receipt);
  });

  it('the audit trail records who keyed the slip in, never the token or the marks, and still verifies', async () => {
    const m = await newMeeting(supervisor, twoSubjects);
    const [token] = await issue(supervisor, m.id, 1);
    await supervisor.post(`/api/meetings/${m.id}/open`);
    await supervisor.post(`/api/meetings/${m.id}/paper-ballots`, { token, choices: allGraded(m.subjects, 'basically_satisfied') });
    const audit = (await supervisor.get(`/api/meetings/${m.id}/audit`)).body;
    expect(audit.verified).toBe(true);
    const keyed = audit.events.filter((e: { type: string }) => e.type === 'paper_ballot_keyed');
    expect(keyed).toHaveLength(1);
    expect(keyed[0].data.by).toBe('监督员老王');
    const trail = JSON.stringify(audit.events);
    expect(trail).not.toContain(token);
    expect(trail).not.toContain('basically_satisfied');
  });

  it('only a supervisor keys in paper slips, only for open meetings, only slips of that meeting, complete ones', async () => {
    const m = await newMeeting(supervisor, twoSubjects);
    const other = await newMeeting(supervisor, twoSubjects);
    const [token] = await issue(supervisor, m.id, 1);
    const [foreign] = await issue(supervisor, other.id, 1);
    const choices = allGraded(m.subjects, 'satisfied');
    const key = (who: Client, id: string, body: unknown) => who.post(`/api/meetings/${id}/paper-ballots`, body);

    expect((await key(voter, m.id, { token, choices })).status).toBe(401);
    expect((await key(scorer, m.id, { token, choices })).status).toBe(403);
    expect((await key(supervisor, m.id, { token, choices })).body.error.code).toBe('meeting_not_open');
    await supervisor.post(`/api/meetings/${m.id}/open`);
    await supervisor.post(`/api/meetings/${other.id}/open`);
    const wrongMeeting = await key(supervisor, m.id, { token: foreign, choices });
    expect(wrongMeeting.status).toBe(404);
    expect(wrongMeeting.body.error.code).toBe('token_unknown');
    const blank = await key(supervisor, m.id, { token, choices: { [m.subjects[0]]: 'satisfied' } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toContain('第一书记 孙七');
    expect((await key(supervisor, m.id, { token, choices })).status).toBe(201);
  });

  it('format "html" answers 201 with the A4 sheet (no-store); layout "paper" adds four boxes per subject', async () => {
    const m = await newMeeting(supervisor, { ...twoSubjects, categories: [{ key: 'party', label: '党员', eligible: 6 }], eligible: undefined });
    const slips = await supervisor.post(`/api/meetings/${m.id}/tokens`, { count: 3, category: 'party', format: 'html' });
    expect(slips.status).toBe(201);
    expect(slips.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(slips.headers.get('cache-control')).toBe('no-store');
    expect(slips.text).toMatch(/^<!DOCTYPE html>/);
    expect(slips.text.match(/<svg /g)).toHaveLength(3);
    expect(slips.text.match(/class="c">[2-9A-HJKMNP-Z]{5}(-[2-9A-HJKMNP-Z]{1,5}){5}</g)).toHaveLength(3);
    expect(slips.text).toContain('扫码进行民主测评，每张限用一次');
    expect(slips.text).toContain('党员');
    expect(slips.text).not.toContain('<style');
    expect(slips.text).not.toContain('style=');
    expect(slips.text).not.toContain('<script');

    const css = slips.text.match(/href="(\/assets\/print\.css\?v=\w+)"/)![1];
    const sheet = await fetch(target.url + css);
    expect(sheet.status).toBe(200);
    const rules = await sheet.text();
    expect(rules).toContain('@page{size:A4');
    expect(rules).toContain('dashed');

    const paper = await supervisor.post(`/api/meetings/${m.id}/tokens`, { count: 2, category: 'party', format: 'html', layout: 'paper' });
    expect(paper.status).toBe(201);
    expect(paper.text.match(/class="paper"/g)).toHaveLength(2);
    expect(paper.text.match(/class="box"/g)).toHaveLength(2 * 2 * 4);
    expect(paper.text).toContain('北坡村党支部');

    const over = await supervisor.post(`/api/meetings/${m.id}/tokens`, { count: 2, category: 'party', format: 'html' });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('roster_exceeded');
  });
});
