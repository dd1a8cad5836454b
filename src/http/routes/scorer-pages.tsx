import { Hono } from 'hono';
import { DomainError } from '../../domain/errors';
import type { RuleName } from '../../domain/scoring';
import { isRuleName } from '../../services/scoring-columns';
import { scoreSheetRows, scoreUpload } from '../../services/scoring-upload';
import { ScoringPage, type ScoringPageProps } from '../../../web/scorer/scoring-page';
import { requireRole, SCORER } from '../auth';
import { limitBody, readForm, SHEET_BYTES, validate } from '../body';
import type { AppEnv, C } from '../env';
import { statusOf } from '../error-status';
import { htmlPage } from '../html-page';
import { scoringExportSchema } from '../schemas';
import { paramsFromForm } from '../scoring-form';
import { resultView, ruleView } from '../scoring-view';
import { fillMode, paramsFromText, resultResponse, templateResponse, uploadedBytes } from './scoring';
import { pageError, staffView } from './staff/kit';

type PageState = Omit<ScoringPageProps, 'actor' | 'csrf' | 'ruleView'>;

async function page(c: C, state: PageState, status: 200 | 400 | 413 = 200) {
  return htmlPage(c, <ScoringPage {...await staffView(c)} {...state} ruleView={ruleView(state.rule, state.params)} />, status);
}

function ruleFrom(value: unknown): RuleName {
  if (value === undefined || value === '') return 'upgrade-composite';
  if (!isRuleName(value)) throw new DomainError('unknown_rule', '未知的评分规则，请从页面上方选择');
  return value;
}

const EDITED = '下载表单内容有误，请重新上传表格计算后再下载';

/**
 * /staff/scoring: the scorer's page. Upload a sheet, pick the rule and its params, compute,
 * read the ranked table, download it. Plain forms, so it works with JavaScript off; a refused
 * sheet or param shows the page again with the reason above the form.
 */
/**
 * The form's params with 更多参数 on top. A quota typed there replaces the form field that says
 * the same thing (fiveStarShare = quotas."5".max, shares = quotas.优秀/良好), so the two never clash.
 */
function withMore(form: Record<string, unknown>, more: unknown): Record<string, unknown> {
  if (typeof more !== 'object' || more === null || Array.isArray(more)) return more === undefined ? form : { ...form, more };
  const quotas = (more as { quotas?: Record<string, { max?: unknown }> }).quotas ?? {};
  const out = { ...form };
  if (quotas['5']?.max !== undefined) delete out.fiveStarShare;
  const shares = out.shares as Record<string, unknown> | undefined;
  if (shares && (quotas['优秀'] || quotas['良好'])) {
    const { excellent, good } = shares;
    out.shares = { ...(quotas['优秀'] ? {} : { excellent }), ...(quotas['良好'] ? {} : { good }) };
  }
  return { ...out, ...more };
}

export const scorerPages = new Hono<AppEnv>()
  .onError(pageError)
  .use('/upload', limitBody(SHEET_BYTES))
  .use(requireRole(SCORER))
  .get('/', (c) => page(c, { rule: ruleFrom(c.req.query('rule')), fill: 'blank' }))
  .get('/templates/:file', (c) => templateResponse(c))
  // A GET of the upload address (back button, typed address) finds the form.
  .get('/upload', (c) => c.redirect('/staff/scoring', 303))
  .post('/upload', async (c) => {
    const body = await readForm(c, '上传内容不是有效的表单（multipart/form-data），应包含 file 和 rule');
    const form = body.flat();
    const rule = ruleFrom(form.rule);
    // The laid-out fields, plus 更多参数 (quotas, noStarBelow, satisfactionLevels …) as JSON text.
    const params = withMore(paramsFromForm(rule, form), paramsFromText(form.more));
    const fill = fillMode(form.fill);
    const file = body.file('file');
    try {
      const { result, sheet } = await scoreUpload(c.get('services'), { bytes: await uploadedBytes(file), rule, params, fill });
      const payload = { rows: sheet.rows, lines: sheet.lines, params, fill };
      return page(c, { rule, params: result.params, fill, result: resultView(result, file?.name), payload });
    } catch (err) {
      // A refused sheet (bad cells, or too large: a zip bomb) shows the form again with the reason.
      const status = err instanceof DomainError ? statusOf(err) : 500;
      if (status === 400 || status === 413) return page(c, { rule, params, fill, error: (err as Error).message }, status);
      throw err;
    }
  })
  .post('/export', async (c) => {
    const body = await readForm(c);
    const form = body.flat();
    const input = validate(scoringExportSchema, { ...form, rows: body.json('rows', EDITED), lines: body.json('lines', EDITED) });
    const result = await scoreSheetRows(c.get('services'), {
      rule: input.rule,
      params: paramsFromText(form.params),
      rows: input.rows,
      lines: input.lines,
      fill: fillMode(form.fill),
    });
    return resultResponse(c, result, input.format);
  });
