// A shop's IP allow-list: the networks (CIDR ranges or single addresses, IPv4 or IPv6) its accounts
// may sign in and work from. Parsed and matched here with Node's own BlockList when it is saved;
// PostgreSQL keeps the normalised ranges and answers the per-request question itself
// (account-gate.ts).
import { BlockList, isIP } from 'node:net';

export const MAX_ALLOWLIST_ENTRIES = 50;

export interface Network {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** An address as Directus reports it, without the IPv4-mapped IPv6 prefix. */
export function plainAddress(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/** Parses "a.b.c.d", "a.b.c.d/n" or an IPv6 form; the reason it is not one, or the network. */
export function parseNetwork(entry: string): Network | string {
  const [rawAddress = '', rawPrefix, extra] = entry.trim().split('/');
  if (extra !== undefined) return 'is not an address or a CIDR range';
  const address = plainAddress(rawAddress);
  const version = isIP(address);
  if (version === 0) return 'is not an IPv4 or IPv6 address';
  const max = version === 4 ? 32 : 128;
  let prefix = max;
  if (rawPrefix !== undefined) {
    if (!/^\d{1,3}$/.test(rawPrefix)) return 'has an invalid prefix length';
    prefix = Number(rawPrefix);
    if (prefix > max) return `has a prefix longer than ${max}`;
    if (prefix < (version === 4 ? 8 : 16))
      return `is too wide (at least /${version === 4 ? 8 : 16}): it would let in a large part of the Internet`;
  }
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** A network as text; PostgreSQL stores its network part (`network(inet)`, host bits cleared). */
export function networkText(network: Network): string {
  return `${network.address}/${network.prefix}`;
}

/** Whether an address falls in any of the networks (an empty list allows every address). */
export function allows(networks: readonly Network[], ip: string | null): boolean {
  if (networks.length === 0) return true;
  if (!ip) return false;
  const address = plainAddress(ip);
  const version = isIP(address);
  if (version === 0) return false;
  const list = new BlockList();
  for (const n of networks) list.addSubnet(n.address, n.prefix, n.family);
  return list.check(address, version === 4 ? 'ipv4' : 'ipv6');
}
