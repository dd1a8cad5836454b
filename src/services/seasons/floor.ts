import type { Meeting } from '../../domain/meeting';
import { effectiveMinGroup } from '../../domain/rule';
import { publicationFloor as deploymentFloor, type Services } from '../context';

/**
 * The fewest ballots a meeting needs before its counts are shown anywhere, seasons included:
 * the deployment's k (MINPING_MIN_GROUP), raised (never lowered) by the meeting's own rule.
 */
export function publicationFloor(services: Services, meeting: Meeting): number {
  return effectiveMinGroup(meeting.rule, deploymentFloor(services.config));
}
