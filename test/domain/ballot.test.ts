import { describe, expect, it } from 'vitest';
import { completeBallot, encodeChoices } from '../../src/domain/ballot';
import { DomainError } from '../../src/domain/errors';
import { statusOf } from '../../src/http/error-status';
import { errorOf } from './scoring-helpers';
import { transition } from '../../src/domain/meeting-state';
import { formatToken, normalizeToken } from '../../src/domain/codes';

const subjects = [
  { id: 's1', name: '支部' },
  { id: 's2', name: '书记' },
];

describe('a ballot grades every subject exactly once', () => {
  it('encodes one digit per subject in ballot order', () => {
    expect(encodeChoices(subjects, { s2: 'dissatisfied', s1: 'very_satisfied' })).toBe('03');
    expect(completeBallot(subjects, { s2: 'dissatisfied', s1: 'very_satisfied' })).toBe('03');
  });

  it.each([
    ['a missing subject', { s1: 'satisfied' }, 'incomplete_ballot'],
    ['an empty grade', { s1: 'satisfied', s2: '' }, 'incomplete_ballot'],
    ['a foreign subject', { s1: 'satisfied', s2: 'satisfied', s3: 'satisfied' }, 'invalid_choices'],
    ['an unknown grade', { s1: 'satisfied', s2: 'excellent' }, 'invalid_grade'],
    ['a grade of the wrong type', { s1: 'satisfied', s2: 2 }, 'invalid_grade'],
    ['an array', ['satisfied', 'satisfied'], 'invalid_choices'],
    ['null', null, 'invalid_choices'],
    ['a prototype key', JSON.parse('{"s1":"satisfied","s2":"satisfied","__proto__":"x"}'), 'invalid_choices'],
  ])('refuses %s', (_what, choices, code) => {
    expect(completeBallot(subjects, choices)).toBeNull();
    expect(() => encodeChoices(subjects, choices)).toThrow(DomainError);
    try {
      encodeChoices(subjects, choices);
    } catch (e) {
      expect((e as DomainError).code).toBe(code);
      expect(statusOf(e as DomainError)).toBe(400);
    }
  });
});

describe('meeting state: draft → open → closed', () => {
  it.each([
    ['draft', 'open', 'open'],
    ['open', 'close', 'closed'],
  ] as const)('%s --%s--> %s', (from, action, to) => expect(transition(from, action)).toBe(to));

  it.each([
    ['draft', 'close'],
    ['open', 'open'],
    ['closed', 'open'],
    ['closed', 'close'],
  ] as const)('%s cannot %s (409)', (from, action) => {
    const e = errorOf(() => transition(from, action));
    expect(e.code).toBe('invalid_state');
    expect(statusOf(e)).toBe(409);
  });
});

describe('codes people type', () => {
  it('accepts a slip code typed in lower case with dashes and spaces', () => {
    const token = 'ABCDEFGHJKMNPQRSTUVWXYZ234';
    expect(normalizeToken(formatToken(token).toLowerCase().replace(/-/g, ' - '))).toBe(token);
  });
  it('accepts the whole ballot URL a scanner reads off a slip', () => {
    expect(normalizeToken('https://minping.example.cn/b/ABCDEFGHJKMNPQRSTUVWXYZ234?lang=en')).toBe('ABCDEFGHJKMNPQRSTUVWXYZ234');
  });
  it.each(['', 'short', 'ABCDEFGHJKMNPQRSTUVWXYZ23O', 'ABCDEFGHJKMNPQRSTUVWXYZ2341'])('rejects %j', (input) => {
    expect(normalizeToken(input)).toBeNull();
  });
});
