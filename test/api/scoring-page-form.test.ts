import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget } from '../helpers/node-target';
import { client, type Target } from '../helpers/target';

/** The scorer page's parameter form over HTTP: fields named p.* become the rule's params. */
describe('the scorer page form', () => {
  let target: Target;
  let scorerKey: string;

  beforeAll(async () => {
    target = await startNodeTarget();
    scorerKey = (await client(target.url, target.adminKey).post('/api/users', { name: '考评员小李', role: 'scorer' })).body.key;
  });
  afterAll(() => target?.stop());

  async function compute(fields: Record<string, string>, csv: string) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'sheet.csv');
    const res = await fetch(`${target.url}/staff/scoring/upload`, { method: 'POST', headers: { authorization: `Bearer ${scorerKey}` }, body: form });
    return { status: res.status, html: await res.text() };
  }

  /** [rank, id, …, total, grade] of each row of the ranked table, from the HTML. */
  const rankedRows = (html: string) =>
    [...html.split('id="ranked"')[1].split('</table>')[0].matchAll(/<tr>(.*?)<\/tr>/g)]
      .slice(1)
      .map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, '')));

  it('weighted: the weight table and band rows become params; blank rows are left out', async () => {
    const { status, html } = await compute(
      {
        rule: 'weighted',
        'p.weights.0.field': 'self',
        'p.weights.0.weight': '3',
        'p.weights.1.field': 'township',
        'p.weights.1.weight': '7',
        'p.weights.2.field': '',
        'p.weights.2.weight': '',
        'p.bands.0.min': '85',
        'p.bands.0.grade': '优秀',
        'p.bands.1.min': '',
        'p.bands.1.grade': '',
        'p.lowest': '合格',
      },
      'id,self,township\nA,100,90\nB,80,80\nC,90,70\n',
    );
    expect(status).toBe(200);
    expect(rankedRows(html).map((r) => [r[0], r[1], r[r.length - 4], r[r.length - 3]])).toEqual([
      ['1', 'A', '93', '优秀'],
      ['2', 'B', '80', '合格'],
      ['3', 'C', '76', '合格'],
    ]);
    // The template links now carry these weights, so a fresh template has the self and township columns.
    const href = /id="template-csv"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*id="template-csv"/.exec(html)!;
    const link = (href[1] ?? href[2]).replaceAll('&amp;', '&');
    const template = await fetch(target.url + link, { headers: { authorization: `Bearer ${scorerKey}` } });
    expect((await template.text()).split('\r\n')[0]).toBe('编号,self,township,直接定级'); // text() drops the BOM
  });

  it('first-secretary: shares and rounding from the form decide the quota', async () => {
    const csv = `id,category,work,base,satisfaction\n${[100, 95, 90, 85, 80].map((w, i) => `s${i + 1},行政村,${w},90,1`).join('\n')}\n`;
    const rounded = await compute({ rule: 'first-secretary', 'p.shares.excellent': '0.5', 'p.shares.good': '0.2', 'p.quotaRounding': 'ceil', fill: 'none' }, csv);
    expect(rounded.status).toBe(200);
    expect(rankedRows(rounded.html).map((r) => r[r.length - 3])).toEqual(['优秀', '优秀', '优秀', '良好', '称职']); // ceil(2.5) = 3, ceil(1) = 1
    expect(rounded.html).toContain('value="0.5"');
  });

  it('a param the rule refuses shows the form again with the reason and what was typed', async () => {
    const { status, html } = await compute({ rule: 'star-rating', 'p.fiveStarShare': '1.5' }, 'id,base,bonus,deductions,review\nA,90,0,0,90\n');
    expect(status).toBe(400);
    expect(html).toContain('参数 fiveStarShare 不应大于 1');
    expect(html).toContain('value="1.5"');
    expect(html).not.toContain('id="ranked"');
  });

  it('更多参数 (JSON) adds quotas and 不定星级 rules; a quota typed there replaces the form field that says the same', async () => {
    const rows = [100, 97, 94, 91, 88, 85, 82, 75, 65, 45].map((t, i) => `b${i + 1},${t},0,0,${t}`).join('\n');
    const { status, html } = await compute(
      {
        rule: 'star-rating',
        'p.fiveStarShare': '0.3', // the form's default, superseded by quotas."5" below
        more: JSON.stringify({ quotas: { '5': { max: 0.1 }, '4': { max: 0.3 } }, noStarBelow: 50 }),
      },
      `编号,基础项得分,加分项得分,减分项扣分,评议项得分\n${rows}\n`,
    );
    expect(status).toBe(200);
    const stars = rankedRows(html).map((r) => [r[1], r[r.length - 3]]);
    expect(stars.map(([, s]) => s)).toEqual([
      '★★★★★（5星）', '★★★★（4星）', '★★★★（4星）', '★★★★（4星）', '★★★（3星）', '★★★（3星）', '★★★（3星）', '★★★（3星）', '★★（2星）', '不定星级',
    ]);
    // The box shows what it took, so the next computation uses the same; the form shows ★5 = 10%.
    expect(html).toContain('&quot;4&quot;:{&quot;max&quot;:0.3}');
    expect(html).toMatch(/name="p.fiveStarShare" value="0.1"/);
  });

  it('the 001 考核细则 is offered for 第一书记: its template link, and p.sheet scores item by item', async () => {
    const page = await fetch(`${target.url}/staff/scoring?rule=first-secretary`, { headers: { authorization: `Bearer ${scorerKey}` } });
    const html = await page.text();
    expect(html).toContain('id="template-first-secretary-001"');
    expect(html).toContain('value="first-secretary-001"');
    const csv = 'id,category,satisfaction,research.diary,talks.talked,talks.received,deeds.funds\nS1,村,1,4,5,3,2\nS2,村,1,4,5,3,0\n';
    const res = await compute({ rule: 'first-secretary', 'p.sheet': 'first-secretary-001' }, csv);
    expect(res.status).toBe(200);
    // S1: base 100 + 资金 2 × 5 = 110; S2: 100.
    const ranked = rankedRows(res.html);
    expect(ranked.map((r) => [r[1], r[r.length - 4]])).toEqual([
      ['S1', '110'],
      ['S2', '100'],
    ]);
    expect(res.html).toMatch(/value="first-secretary-001" checked/);
  });
});
