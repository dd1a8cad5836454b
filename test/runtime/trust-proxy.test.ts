import { describe, expect, it } from 'vitest';
import { clientAddressOf, parseTrustProxy } from '../../src/runtime/trust-proxy';

describe('MINPING_TRUST_PROXY: where the client address comes from', () => {
  it('unset: the socket, whatever the headers say', () => {
    expect(parseTrustProxy(undefined)).toBeNull();
    expect(parseTrustProxy('0')).toBeNull();
    expect(clientAddressOf('::ffff:127.0.0.1', '10.0.0.1', null)).toBe('127.0.0.1');
  });

  it('a hop count: the entry that many hops from the right', () => {
    const one = parseTrustProxy('1');
    expect(clientAddressOf('127.0.0.1', '6.6.6.6, 203.0.113.9', one)).toBe('203.0.113.9');
    expect(clientAddressOf('127.0.0.1', '6.6.6.6, 203.0.113.9', parseTrustProxy('2'))).toBe('6.6.6.6');
    expect(clientAddressOf('127.0.0.1', undefined, one)).toBe('127.0.0.1');
    expect(clientAddressOf('127.0.0.1', 'garbage, 203.0.113.9:5555', one)).toBe('203.0.113.9');
  });

  it('loopback or a list: the rightmost address that is not a trusted proxy; an untrusted peer is believed about nothing', () => {
    const trust = parseTrustProxy('loopback, 10.0.0.5');
    expect(clientAddressOf('127.0.0.1', '6.6.6.6, 203.0.113.9, 10.0.0.5', trust)).toBe('203.0.113.9');
    expect(clientAddressOf('198.51.100.7', '203.0.113.9', trust)).toBe('198.51.100.7');
    expect(clientAddressOf('::1', '2001:db8::1', trust)).toBe('2001:db8::1');
    expect(() => parseTrustProxy('everyone')).toThrow(/MINPING_TRUST_PROXY/);
  });
});
