import { Hono } from 'hono';
import { DomainError } from '../../domain/errors';
import type { RuleName } from '../../domain/scoring';
import { isRuleName } from '../../services/scoring-columns';
import { scoreSheetRows, scoreUpload } from '../../services/scoring-upload';
import { ScoringPage, type ScoringPageProps } from '../../../web/scorer/scoring-page';
import { requireRole, SCORER } from '../auth';
import { validate } from '../body';
import type { AppEnv } from '../env';
import { statusOf } from '../error-status';
import { HttpError } from '../http-error';
import { htmlPage } from '../html-page';
import { scoringExportSchema } from '../schemas';
import { paramsFromForm } from '../scoring-form';
import { resultView, ruleView } from '../scoring-view';
import { fillMode, formBody, paramsFromText, resultResponse, templateResponse, textFields, uploadedBytes } from './scoring';
import { pageError, staffView, type C } from './staff/kit';

type PageState = Omit<ScoringPageProps, 'actor' | 'csrf' | 'ruleView'>;

async function page(c: C, state: PageState, status: 200 | 400 = 200) {
  return htmlPage(c, <ScoringPage {...await staffView(c)} {...state} ruleView={ruleView(state.rule, state.params)} />, status);
}

function ruleFrom(value: unknown): RuleName {
  if (value === undefined || value === '') return 'upgrade-composite';
  if (!isRuleName(value)) throw new DomainError('unknown_rule', '未知的评分规则，请从页面上方选择');
  return value;
}

/** JSON from a hidden field of our own page: broken only if someone edited the page. */
function hiddenJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    throw new HttpError('invalid_form', '下载表单内容有误，请重新上传表格计算后再下载');
  }
}

/**
 * /staff/scoring: the scorer's page. Upload a sheet, pick the rule and its params, compute,
 * read the ranked table, download it. Plain forms, so it works with JavaScript off; a refused
 * sheet or param shows the page again with the reason above the form.
 */
export const scorerPages = new Hono<AppEnv>()
  .onError(pageError)
  .use(requireRole(SCORER))
  .get('/', (c) => page(c, { rule: ruleFrom(c.req.query('rule')), fill: 'blank' }))
  .get('/templates/:file', (c) => templateResponse(c))
  // Ends in /upload so the 10 MB spreadsheet limit applies (src/http/body.ts); a GET of it (back button, typed address) finds the form.
  .get('/upload', (c) => c.redirect('/staff/scoring', 303))
  .post('/upload', async (c) => {
    const body = await formBody(c);
    const form = textFields(body);
    const rule = ruleFrom(form.rule);
    const params = paramsFromForm(rule, form);
    const fill = fillMode(form.fill);
    const file = body.file instanceof File ? body.file : undefined;
    try {
      const { result, sheet } = await scoreUpload(c.get('services'), { bytes: await uploadedBytes(file), rule, params, fill });
      const payload = { rows: sheet.rows, lines: sheet.lines, params, fill };
      return page(c, { rule, params: result.params, fill, result: resultView(result, file?.name), payload });
    } catch (err) {
      if (err instanceof DomainError && statusOf(err) === 400) return page(c, { rule, params, fill, error: err.message }, 400);
      throw err;
    }
  })
  .post('/export', async (c) => {
    const form = textFields(await formBody(c));
    const input = validate(scoringExportSchema, { ...form, rows: hiddenJson(form.rows), lines: hiddenJson(form.lines) });
    const result = await scoreSheetRows(c.get('services'), {
      rule: input.rule,
      params: paramsFromText(form.params),
      rows: input.rows,
      lines: input.lines,
      fill: fillMode(form.fill),
    });
    return resultResponse(c, result, input.format);
  });
