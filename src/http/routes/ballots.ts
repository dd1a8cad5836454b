import { Hono } from 'hono';
import { castBallot } from '../../services/cast-ballot';
import { requireRole, SUPERVISOR } from '../auth';
import { readJson } from '../body';
import type { AppEnv } from '../env';
import { ballotSchema } from '../schemas';
import { throttled } from '../throttled';
import { keyPaperBallot } from '../../services/key-paper-ballot';
import { meetingGate } from './meetings';

/** Voters: no account, no cookie, nothing about the requester logged. */
export const ballotRoutes = new Hono<AppEnv>().post('/', async (c) => {
  const { token, choices } = await readJson(c, ballotSchema);
  const { receipt } = await throttled(c, () => castBallot(c.get('services'), { token, choices, channel: 'phone' }));
  return c.json({ receipt }, 201);
});

/** A marked paper slip keyed in at counting: the same token, spent the same way. */
export const paperBallotRoutes = new Hono<AppEnv>().post('/:id/paper-ballots', requireRole(SUPERVISOR), meetingGate, async (c) => {
  const { token, choices } = await readJson(c, ballotSchema);
  const { receipt } = await keyPaperBallot(c.get('services'), c.req.param('id'), { token, choices }, c.get('actor'));
  return c.json({ receipt, channel: 'paper' }, 201);
});
