import { Hono } from 'hono';
import { satisfactionCsv } from '../../services/csv-views';
import { satisfactionRows } from '../../services/satisfaction';
import { requireRole, SCORER } from '../auth';
import { csvResponse } from '../csv-response';
import type { AppEnv } from '../env';

export const satisfactionRoutes = new Hono<AppEnv>()
  .get('/satisfaction', requireRole(SCORER), async (c) => c.json(await satisfactionRows(c.get('services'))))
  .get('/satisfaction.csv', requireRole(SCORER), async (c) =>
    csvResponse(c, '满意度系数.csv', satisfactionCsv(await satisfactionRows(c.get('services')))),
  );
