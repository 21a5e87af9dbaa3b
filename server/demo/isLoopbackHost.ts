import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
// Also matches IPv4-mapped IPv6 (::ffff:127.0.0.1), which BlockList checks against the IPv4 rule.
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether listening on HOST reaches this machine only: 127.0.0.0/8, ::1 or `localhost`.
 * `0.0.0.0`, `::`, any other address or name is the network (a name may resolve anywhere).
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost') return true;
  const family = isIP(name);
  return family !== 0 && LOOPBACK.check(name, family === 6 ? 'ipv6' : 'ipv4');
}
