import { Hono } from 'hono';
import { currentResult } from '../../services/seasons/result';
import { loadPublishedSeason } from '../../services/seasons/seasons';
import { SeasonBoardPage } from '../../../web/seasons/board-page';
import { SeasonNoticePage } from '../../../web/seasons/notice-page';
import type { AppEnv } from '../env';
import { htmlPage } from '../html-page';
import { pageError } from './staff/kit';

/** /seasons/:id/notice and /board: public once published (404 before), the frozen result only. */
export const seasonPublicPages = new Hono<AppEnv>()
  .onError(pageError)
  .get('/:id/notice', async (c) => {
    const season = await loadPublishedSeason(c.get('services'), c.req.param('id'));
    const { result, digest } = await currentResult(c.get('services'), season);
    return htmlPage(c, <SeasonNoticePage season={season} result={result} digest={digest} />);
  })
  .get('/:id/board', async (c) => {
    const season = await loadPublishedSeason(c.get('services'), c.req.param('id'));
    const { result } = await currentResult(c.get('services'), season);
    return htmlPage(c, <SeasonBoardPage season={season} result={result} projector={c.req.query('projector') === '1'} />);
  });
