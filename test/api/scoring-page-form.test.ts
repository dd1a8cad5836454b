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
});
