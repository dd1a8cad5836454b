/**
 * Whether a URL names this machine only (127.0.0.0/8, ::1, localhost): QR codes pointing there
 * open nothing on a voter's phone. 0.0.0.0 counts too: it is no address a phone can reach.
 */
export function isLoopbackUrl(url: string): boolean {
  const m = /^[a-z]+:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(url.trim());
  if (!m) return false;
  const host = m[1].toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === '0.0.0.0' || host === '::' || host === '';
}
