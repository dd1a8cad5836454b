import { Hono } from 'hono';
import { DomainError } from '../../../domain/errors';
import { templateFields, type FieldSpec } from '../../../domain/scoring';
import { ruleParams } from '../../../domain/season-result';
import type { RowProblem } from '../../../domain/season-rows';
import { nowOf, type Services } from '../../../services/context';
import { currentResult, finalizeSeason, liveSatisfaction, publishSeason, replaceRows } from '../../../services/seasons/result';
import { createSeason, loadSeason } from '../../../services/seasons/seasons';
import { readSeasonSheet, seasonXlsx } from '../../../services/seasons/sheet';
import { readSheet } from '../../../services/scoring-sheet';
import { blankSeason, SeasonListPage, type SeasonDraft } from '../../../../web/seasons/staff-list-page';
import { SeasonPage } from '../../../../web/seasons/staff-season-page';
import { requireRole, SCORER, STAFF } from '../../auth';
import { JSON_BYTES, limitBody, readForm, SHEET_BYTES, validate } from '../../body';
import { statusOf } from '../../error-status';
import type { AppEnv, C } from '../../env';
import { htmlPage } from '../../html-page';
import { createSeasonSchema } from '../../season-schemas';
import { uploadedBytes, xlsxBody } from '../scoring';
import { pageError, staffView } from './kit';

const DONE: Record<string, string> = { created: '考评已创建。', rows: '评分数据已保存，结果已重新计算。', published: '结果已发布公示并冻结。', final: '结果已定稿。' };

const ENTRY_COLUMNS: FieldSpec[] = [
  { name: 'key', label: '编号', kind: 'id', required: true },
  { name: 'name', label: '名称', kind: 'text', required: true },
  { name: 'organization', label: '所在单位', kind: 'text', required: false },
  { name: 'category', label: '类别', kind: 'text', required: false },
];

/** An uploaded list of entries: a sheet with 编号 and 名称 columns (所在单位, 类别 optional). */
async function entriesFromFile(services: Services, file: File | undefined) {
  if (!file || file.size === 0) return [];
  const sheet = await (services.sheets ?? readSheet)(new Uint8Array(await file.arrayBuffer()), ENTRY_COLUMNS, new Set());
  return sheet.rows.map((r, i) => {
    if (typeof r.name !== 'string' || r.name === '') throw new DomainError('invalid_input', `名单表格第 ${sheet.lines[i]} 行缺少名称`);
    return { key: String(r.key), name: r.name, organization: (r.organization as string | undefined) ?? null, category: (r.category as string | undefined) ?? null };
  });
}

/** "V01，东山村，东山村党支部，行政村" lines (pasted from Excel: tabs work too) → entries. */
function entriesOf(text: string) {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(/\t|,|，|、/).map((c) => c.trim()))
    .filter((cells) => cells.some((c) => c))
    .map(([key, name, organization, category], i) => {
      if (!key || !name) throw new DomainError('invalid_input', `考评对象第 ${i + 1} 行：请写“编号，名称”，如“V01，东山村”`);
      return { key, name, organization: organization || null, category: category || null };
    });
}

async function listPage(c: C, draft: SeasonDraft, error?: string, status: 200 | 400 = 200) {
  const seasons = await c.get('services').store.seasons.list();
  return htmlPage(c, <SeasonListPage {...await staffView(c)} seasons={seasons} draft={draft} error={error} />, status);
}

async function seasonPage(c: C, id: string, extra: { error?: string; problems?: RowProblem[]; typed?: Record<string, string> } = {}, status: 200 | 400 | 409 = 200) {
  const services = c.get('services');
  const season = await loadSeason(services, id);
  const [{ result, satisfaction }, { linked }] = await Promise.all([currentResult(services, season), liveSatisfaction(services, season)]);
  const fields = templateFields(season.rule, ruleParams(season.params)).filter((f) => f.name !== 'id');
  const canFinalize = season.status === 'notice' && nowOf(services).getTime() >= Date.parse(season.noticeUntil!);
  const notice = DONE[c.req.query('done') ?? ''];
  return htmlPage(c, <SeasonPage {...await staffView(c)} season={season} satisfaction={satisfaction} result={result} fields={fields} linked={linked} notice={notice} canFinalize={canFinalize} {...extra} />, status);
}

/** A refusal a scorer can fix on the same page (bad rows, published meanwhile): the page again, with the reason. */
async function orPage(c: C, id: string, step: () => Promise<unknown>, done: string, typed?: Record<string, string>) {
  try {
    await step();
  } catch (err) {
    const status = err instanceof DomainError ? statusOf(err) : 500;
    if (!(err instanceof DomainError) || (status !== 400 && status !== 409)) throw err;
    const problems = (err.details as { details?: RowProblem[] } | undefined)?.details;
    return seasonPage(c, id, { error: err.message, problems, typed }, status);
  }
  return c.redirect(`/staff/seasons/${id}?done=${done}`, 303);
}

/** /staff/seasons: the scorer runs a season here with JavaScript off; supervisors may look. */
export const seasonStaffPages = new Hono<AppEnv>()
  .onError(pageError)
  .use('/:id/rows/upload', limitBody(SHEET_BYTES))
  .use(limitBody(JSON_BYTES))
  .use(requireRole(STAFF))
  .get('/', (c) => listPage(c, blankSeason()))
  .post('/', requireRole(SCORER), async (c) => {
    const form = await readForm(c);
    const f = (name: string) => form.field(name);
    const draft: SeasonDraft = { title: f('title'), rule: f('rule'), rounds: f('rounds'), noticeDays: f('noticeDays'), previous: f('previous'), entries: f('entries') };
    try {
      const input = validate(createSeasonSchema, {
        title: draft.title,
        rule: draft.rule,
        rounds: draft.rounds === 'mean' ? 'mean' : 'pool',
        noticeDays: /^\d+$/.test(draft.noticeDays.trim()) ? Number(draft.noticeDays) : undefined,
        previous: draft.previous || null,
        entries: [...entriesOf(draft.entries), ...(await entriesFromFile(c.get('services'), form.file('entriesFile')))],
      });
      const season = await createSeason(c.get('services'), input, c.get('actor'));
      return c.redirect(`/staff/seasons/${season.id}?done=created`, 303);
    } catch (err) {
      if (err instanceof DomainError && statusOf(err) === 400) return listPage(c, draft, err.message, 400);
      throw err;
    }
  })
  .get('/:id', (c) => seasonPage(c, c.req.param('id')))
  .post('/:id/rows', requireRole(SCORER), async (c) => {
    const id = c.req.param('id');
    const form = (await readForm(c)).fields;
    const season = await loadSeason(c.get('services'), id);
    const typed: Record<string, string> = {};
    const rows = season.entries
      .map((e) => {
        const row: Record<string, unknown> = { entry: e.key };
        for (const [name, values] of Object.entries(form)) {
          const m = /^cell:(.+):([^:]+)$/.exec(name);
          if (!m || m[1] !== e.key || !values[0]?.trim()) continue;
          typed[`${e.key}:${m[2]}`] = values[0];
          row[m[2]] = values[0];
        }
        return row;
      })
      .filter((r) => Object.keys(r).length > 1);
    return orPage(c, id, () => replaceRows(c.get('services'), id, rows, c.get('actor')), 'rows', typed);
  })
  // The session cookie reaches only /staff, so the page's download lives here too (same sheet as the API's).
  .get('/:id/result.xlsx', async (c) => {
    const services = c.get('services');
    const season = await loadSeason(services, c.req.param('id'));
    return xlsxBody(c, seasonXlsx(season, await currentResult(services, season)), `考评-${season.title}.xlsx`);
  })
  .get('/:id/rows/upload', (c) => c.redirect(`/staff/seasons/${encodeURIComponent(c.req.param('id'))}`, 303))
  .post('/:id/rows/upload', requireRole(SCORER), async (c) => {
    const id = c.req.param('id');
    const body = await readForm(c);
    return orPage(c, id, async () => {
      const season = await loadSeason(c.get('services'), id);
      const { rows, lines } = await readSeasonSheet(c.get('services'), await uploadedBytes(body.file('file')), season);
      return replaceRows(c.get('services'), id, rows, c.get('actor'), lines);
    }, 'rows');
  })
  .post('/:id/publish', requireRole(SCORER), async (c) => {
    const id = c.req.param('id');
    const contact = (await readForm(c)).field('contact').trim().slice(0, 200) || null;
    return orPage(c, id, () => publishSeason(c.get('services'), id, contact, c.get('actor')), 'published');
  })
  .post('/:id/finalize', requireRole(SCORER), async (c) => {
    const id = c.req.param('id');
    return orPage(c, id, () => finalizeSeason(c.get('services'), id, c.get('actor')), 'final');
  });
