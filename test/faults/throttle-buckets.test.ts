import { describe, expect, it } from 'vitest';
import { addressBucket } from '../../src/http/throttle';

describe('throttle buckets', () => {
  it('counts an IPv6 address by its /64, however it is written', () => {
    const a = addressBucket('2001:db8:abcd:12:1::1');
    expect(a).toBe('2001:db8:abcd:12::/64');
    expect(addressBucket('2001:0db8:abcd:0012:ffff:eeee:dddd:cccc')).toBe(a);
    expect(addressBucket('[2001:DB8:ABCD:12::99]')).toBe(a);
    expect(addressBucket('2001:db8:abcd:13::1')).not.toBe(a);
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('keeps IPv4 addresses apart, also when they come IPv4-mapped', () => {
    expect(addressBucket('10.0.0.66')).toBe('10.0.0.66');
    expect(addressBucket('::ffff:10.0.0.66')).toBe('10.0.0.66');
    expect(addressBucket('::ffff:a00:42')).toBe('10.0.0.66');
    expect(addressBucket('10.0.0.67')).not.toBe(addressBucket('10.0.0.66'));
  });

  it('leaves anything else as it is', () => {
    expect(addressBucket('unknown')).toBe('unknown');
    expect(addressBucket('1:2:3')).toBe('1:2:3');
  });
});
