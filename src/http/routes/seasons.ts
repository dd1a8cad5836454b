import { Hono } from 'hono';
import { auditSeason } from '../../services/seasons/events';
import { currentResult, finalizeSeason, liveSatisfaction, publishSeason, replaceRows } from '../../services/seasons/result';
import { createSeason, loadSeason, seasonJson } from '../../services/seasons/seasons';
import { readSeasonSheet, seasonXlsx } from '../../services/seasons/sheet';
import { requireRole, SCORER, STAFF } from '../auth';
import { JSON_BYTES, jsonInput, limitBody, readForm, SHEET_BYTES, validate } from '../body';
import { HttpError } from '../http-error';
import type { AppEnv } from '../env';
import { createSeasonSchema, publishSchema, seasonRowsSchema } from '../season-schemas';
import { uploadedBytes, xlsxBody } from './scoring';

/** The season's result, and the satisfaction it came from: live for a draft, frozen once published. */
async function resultJson(services: Parameters<typeof currentResult>[0], id: string) {
  const season = await loadSeason(services, id);
  const { result, digest } = await currentResult(services, season);
  return { id: season.id, title: season.title, status: season.status, noticeFrom: season.noticeFrom, noticeUntil: season.noticeUntil, ...(digest && { digest }), ...result };
}

/** /api/seasons: seasons (考评) from ballots to published grades. Scorers and admins run them; all staff read them. */
export const seasonRoutes = new Hono<AppEnv>()
  .use('/:id/rows/upload', limitBody(SHEET_BYTES))
  .use(limitBody(JSON_BYTES))
  .post('/', requireRole(SCORER), jsonInput(createSeasonSchema), async (c) =>
    c.json(seasonJson(await createSeason(c.get('services'), c.req.valid('json'), c.get('actor'))), 201),
  )
  .get('/', requireRole(STAFF), async (c) => c.json({ seasons: (await c.get('services').store.seasons.list()).map(seasonJson) }))
  .get('/:id', requireRole(STAFF), async (c) => c.json(seasonJson(await loadSeason(c.get('services'), c.req.param('id')))))
  .get('/:id/satisfaction', requireRole(STAFF), async (c) => {
    const services = c.get('services');
    const season = await loadSeason(services, c.req.param('id'));
    // Once published, the satisfaction is the one the result was frozen with.
    const view = season.status === 'draft' ? (await liveSatisfaction(services, season)).view : (await currentResult(services, season)).satisfaction;
    return c.json({ id: season.id, status: season.status, rounds: season.rounds, ...view });
  })
  .put('/:id/rows', requireRole(SCORER), jsonInput(seasonRowsSchema), async (c) =>
    c.json(await replaceRows(c.get('services'), c.req.param('id'), c.req.valid('json').rows, c.get('actor'))),
  )
  // Ends in /upload so the spreadsheet body limit applies (src/http/body.ts).
  .post('/:id/rows/upload', requireRole(SCORER), async (c) => {
    const services = c.get('services');
    const season = await loadSeason(services, c.req.param('id'));
    const form = await readForm(c, '上传内容不是有效的表格表单（multipart/form-data），应包含 file');
    const { rows, lines } = await readSeasonSheet(c.get('services'), await uploadedBytes(form.file('file')), season);
    return c.json(await replaceRows(services, season.id, rows, c.get('actor'), lines));
  })
  .get('/:id/result', requireRole(STAFF), async (c) => c.json(await resultJson(c.get('services'), c.req.param('id'))))
  .get('/:id/result.xlsx', requireRole(STAFF), async (c) => {
    const services = c.get('services');
    const season = await loadSeason(services, c.req.param('id'));
    return xlsxBody(c, seasonXlsx(season, await currentResult(services, season)), `考评-${season.title}.xlsx`);
  })
  .post('/:id/publish', requireRole(SCORER), async (c) => {
    // The body is optional: a bare POST publishes without a contact line.
    const text = (await c.req.text()).trim();
    let body: unknown = {};
    try {
      if (text) body = JSON.parse(text);
    } catch {
      throw new HttpError('invalid_json');
    }
    const { contact } = validate(publishSchema, body);
    return c.json(await publishSeason(c.get('services'), c.req.param('id'), contact ?? null, c.get('actor')));
  })
  .post('/:id/finalize', requireRole(SCORER), async (c) => c.json(await finalizeSeason(c.get('services'), c.req.param('id'), c.get('actor'))))
  .get('/:id/audit', requireRole(STAFF), async (c) => {
    const services = c.get('services');
    const season = await loadSeason(services, c.req.param('id'));
    return c.json(await auditSeason(services, season.id));
  });
