import { describe, expect, it } from 'vitest';
import { isLoopbackUrl } from '../../src/lib/loopback';
import { startBanner } from '../../src/runtime/start-banner';

const interfaces = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
  eth0: [
    { address: '192.168.3.21', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.3.21/24' },
    { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
  ],
} as const;

describe('where npm start says phones can reach it', () => {
  it('knows loopback addresses from reachable ones', () => {
    for (const url of ['http://127.0.0.1:8787', 'http://localhost:8787/', 'http://[::1]:8787', 'http://127.5.0.1', 'http://0.0.0.0:8787']) expect(isLoopbackUrl(url), url).toBe(true);
    for (const url of ['http://192.168.3.21:8787', 'https://minping.example.cn', 'http://10.0.0.2']) expect(isLoopbackUrl(url), url).toBe(false);
  });

  it('warns when the QR codes would point at this machine only', () => {
    const lines = startBanner({ host: '127.0.0.1', port: 8787, url: 'http://127.0.0.1:8787', publicUrl: 'http://127.0.0.1:8787', interfaces: interfaces as never });
    expect(lines.join('\n')).toContain('WARNING');
    expect(lines.join('\n')).toContain('MINPING_PUBLIC_URL=http://192.168.3.21:8787');
  });

  it('with HOST=0.0.0.0 lists the LAN addresses and the one the slips use, with no warning when that one is reachable', () => {
    const lines = startBanner({ host: '0.0.0.0', port: 8787, url: 'http://0.0.0.0:8787', publicUrl: 'http://192.168.3.21:8787', interfaces: interfaces as never });
    expect(lines[0]).toBe('LAN addresses (本机局域网地址): http://192.168.3.21:8787');
    expect(lines[1]).toContain('http://192.168.3.21:8787');
    expect(lines.join('\n')).not.toContain('WARNING');
  });
});
