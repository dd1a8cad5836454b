import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors';
import { runScoring } from '../../domain/scoring';
import type { FillMode } from '../../domain/scoring/types';
import { XLSX_TYPE } from '../../lib/workbook';
import { isRuleName } from '../../services/scoring-columns';
import { resultCsv, resultName, resultXlsx } from '../../services/scoring-export';
import { templateCsv, templateName, templateXlsx } from '../../services/scoring-template';
import { scoreUpload, type SheetScoring } from '../../services/scoring-upload';
import { requireRole, SCORER } from '../auth';
import { readJson, validate } from '../body';
import { attachment, csvResponse } from '../csv-response';
import type { AppEnv } from '../env';
import { HttpError } from '../http-error';
import { scoringRunSchema, scoringUploadSchema } from '../schemas';

type C = Context<AppEnv>;
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
export async function uploadedBytes(file: unknown): Promise<Uint8Array> {
  if (!(file instanceof File) || file.size === 0) {
    throw new DomainError('missing_file');
  }
  return new Uint8Array(await file.arrayBuffer());
}

/** The text fields of a form body, files left out. */
export const textFields = (body: Record<string, string | File>) =>
  Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));

/** A form body (multipart with the file, or urlencoded), text fields and files alike. */
export async function formBody(c: C): Promise<Record<string, string | File>> {
  try {
    return (await c.req.parseBody()) as Record<string, string | File>;
  } catch {
    throw new HttpError('invalid_form', '上传内容不是有效的表单（multipart/form-data），应包含 file 和 rule');
  }
}

export const scoringRoutes = new Hono<AppEnv>()
  .post('/run', requireRole(SCORER), async (c) => c.json(runScoring(await readJson(c, scoringRunSchema))))
  .get('/templates/:file', requireRole(SCORER), (c) => templateResponse(c))
  .post('/upload', requireRole(SCORER), async (c) => {
    const form = await formBody(c);
    const format = c.req.query('format');
    const fields = validate(scoringUploadSchema, { ...textFields(form), ...(format && { format }) });
    const { result } = await scoreUpload(c.get('services'), {
      bytes: await uploadedBytes(form.file),
      rule: fields.rule,
      params: paramsFromText(fields.params),
      fill: fillMode(fields.fill),
    });
    return resultResponse(c, result, fields.format ?? 'json');
  });
