import type { Meeting } from '../../domain/meeting';
import type { Services } from '../context';

/** The deployment's publication floor k until MINPING_MIN_GROUP is configurable. */
export const DEFAULT_MIN_GROUP = 5;

/**
 * The fewest ballots a meeting needs before its counts are shown anywhere, seasons included:
 * the deployment's k, raised (never lowered) by the meeting's own rule. The one place a
 * season reads k, so the deployment-wide setting plugs in here.
 */
export function publicationFloor(_services: Services, meeting: Meeting): number {
  return Math.max(DEFAULT_MIN_GROUP, meeting.rule.minGroup);
}
