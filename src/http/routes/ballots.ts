import { Hono } from 'hono';
import { castBallot } from '../../services/cast-ballot';
import { keyPaperBallot } from '../../services/key-paper-ballot';
import { requireRole, SUPERVISOR } from '../auth';
import { BALLOT_BYTES, jsonInput, limitBody } from '../body';
import type { AppEnv } from '../env';
import { ballotSchema } from '../schemas';
import { throttled } from '../throttled';
import { meetingGate } from './meetings';

/** Voters: no account, no cookie, nothing about the requester logged. */
export const ballotRoutes = new Hono<AppEnv>().use(limitBody(BALLOT_BYTES)).post('/', jsonInput(ballotSchema), async (c) => {
  const { token, choices } = c.req.valid('json');
  const cast = await throttled(c, () => castBallot(c.get('services'), { token, choices, channel: 'phone' }));
  c.get('hub').poke(cast.meetingId);
  return c.json({ receipt: cast.receipt }, 201);
});

/** A marked paper slip keyed in at counting: the same token, spent the same way (under /api/meetings, whose limit it takes). */
export const paperBallotRoutes = new Hono<AppEnv>().post('/:id/paper-ballots', requireRole(SUPERVISOR), meetingGate, jsonInput(ballotSchema), async (c) => {
  const { token, choices } = c.req.valid('json');
  const meetingId = c.req.param('id');
  const { receipt } = await keyPaperBallot(c.get('services'), meetingId, { token, choices }, c.get('actor'));
  c.get('hub').poke(meetingId);
  return c.json({ receipt, channel: 'paper' }, 201);
});
