import { Hono } from 'hono';
import { DomainError } from '../../domain/errors';
import { runScoring } from '../../domain/scoring';
import type { FillMode } from '../../domain/scoring/types';
import { XLSX_TYPE } from '../../lib/workbook';
import { isRuleName } from '../../services/scoring-columns';
import { resultCsv, resultName, resultXlsx } from '../../services/scoring-export';
import { templateCsv, templateName, templateXlsx } from '../../services/scoring-template';
import { scoreUpload, type SheetScoring } from '../../services/scoring-upload';
import { requireRole, SCORER } from '../auth';
import { JSON_BYTES, jsonInput, limitBody, readForm, SHEET_BYTES, validate } from '../body';
import { attachment, csvResponse } from '../csv-response';
import type { AppEnv, C } from '../env';
import { HttpError } from '../http-error';
import { scoringRunSchema, scoringUploadSchema } from '../schemas';

export type ResultFormat = 'json' | 'xlsx' | 'csv';

/** The form's `fill`: 1 fills empty satisfaction cells, force replaces every one a meeting matches. */
export function fillMode(value: string | undefined): FillMode {
  return value === '1' || value === 'blank' ? 'blank' : value === 'force' ? 'force' : 'none';
}

/** `params` sent as JSON text (a form field or a query string). */
export function paramsFromText(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('invalid_params', '参数 params 不是有效的 JSON，如 {"weights": {"self": 3, "township": 7}}');
  }
}

export function xlsxBody(c: C, bytes: ArrayBuffer, filename: string) {
  return c.body(bytes, 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment(filename) });
}

/** The ranked result as a download (or JSON): the same table for the API and the scorer page. */
export function resultResponse(c: C, result: SheetScoring, format: ResultFormat) {
  if (format === 'xlsx') return xlsxBody(c, resultXlsx(result), resultName(result.rule, 'xlsx'));
  if (format === 'csv') return csvResponse(c, resultName(result.rule, 'csv'), resultCsv(result));
  return c.json(result);
}

/** GET …/templates/<rule>.xlsx|.csv, optionally `?params=<json>` (needed for `weighted`'s own columns). */
export function templateResponse(c: C) {
  const m = /^(.+)\.(xlsx|csv)$/.exec(c.req.param('file') ?? '');
  const rule = m?.[1];
  if (!m || !isRuleName(rule)) throw new HttpError('not_found', '没有这个模板：地址应为 /templates/<规则名>.xlsx 或 .csv');
  const params = paramsFromText(c.req.query('params'));
  if (m[2] === 'csv') return csvResponse(c, templateName(rule, 'csv'), templateCsv(rule, params));
  return xlsxBody(c, templateXlsx(rule, params), templateName(rule, 'xlsx'));
}

/** The uploaded file of a multipart form, as bytes. */
export async function uploadedBytes(file: File | undefined): Promise<Uint8Array> {
  if (!file || file.size === 0) {
    throw new DomainError('missing_file');
  }
  return new Uint8Array(await file.arrayBuffer());
}

export const scoringRoutes = new Hono<AppEnv>()
  .use('/upload', limitBody(SHEET_BYTES))
  .use(limitBody(JSON_BYTES))
  .post('/run', requireRole(SCORER), jsonInput(scoringRunSchema), async (c) => c.json(runScoring(c.req.valid('json'))))
  .get('/templates/:file', requireRole(SCORER), (c) => templateResponse(c))
  .post('/upload', requireRole(SCORER), async (c) => {
    const form = await readForm(c, '上传内容不是有效的表单（multipart/form-data），应包含 file 和 rule');
    const format = c.req.query('format');
    const fields = validate(scoringUploadSchema, { ...form.flat(), ...(format && { format }) });
    const { result } = await scoreUpload(c.get('services'), {
      bytes: await uploadedBytes(form.file('file')),
      rule: fields.rule,
      params: paramsFromText(fields.params),
      fill: fillMode(fields.fill),
      onInvalid: fields.invalid === 'refuse' ? 'refuse' : 'flag',
    });
    return resultResponse(c, result, fields.format ?? 'json');
  });
