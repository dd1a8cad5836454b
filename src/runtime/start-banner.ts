import type { NetworkInterfaceInfo } from 'node:os';
import { isLoopbackUrl } from '../lib/loopback';

/** The machine's IPv4 addresses other than loopback: where phones on the meeting-room network can reach it. */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  return Object.values(interfaces)
    .flat()
    .filter((i): i is NetworkInterfaceInfo => !!i && i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}

/**
 * What `npm start` prints about where it can be reached: the LAN addresses when serving every
 * interface, the one the QR codes will carry, and a plain warning when phones cannot reach that.
 */
export function startBanner(o: { host: string; port: number; url: string; publicUrl: string; interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> }): string[] {
  const lines: string[] = [];
  const everywhere = o.host === '0.0.0.0' || o.host === '::';
  if (everywhere) {
    const lan = lanAddresses(o.interfaces);
    lines.push(lan.length ? `LAN addresses (本机局域网地址): ${lan.map((a) => `http://${a}:${o.port}`).join('  ')}` : 'No LAN address found (未找到局域网地址).');
  }
  lines.push(`QR codes on printed slips point at (测评码二维码指向): ${o.publicUrl}`);
  if (isLoopbackUrl(o.publicUrl)) {
    const lan = lanAddresses(o.interfaces)[0];
    lines.push(
      `WARNING (注意): ${o.publicUrl} is this machine only — phones scanning the slips cannot open it (手机扫码打不开).`,
      `  Set MINPING_PUBLIC_URL to an address phones reach, and HOST=0.0.0.0, e.g. HOST=0.0.0.0 MINPING_PUBLIC_URL=http://${lan ?? '192.168.1.10'}:${o.port} npm start`,
    );
  }
  return lines;
}
