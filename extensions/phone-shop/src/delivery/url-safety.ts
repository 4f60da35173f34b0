// Where a webhook may point (docs/security.md, Webhooks). In production only https, and only hosts
// whose every address is public: not loopback, private, link-local (169.254.169.254, the clouds'
// metadata service), carrier-grade NAT, multicast or reserved. Checked when the URL is saved, and
// again when each attempt connects (the lookup below), so that a name that resolves elsewhere by then
// (DNS rebinding) still cannot reach the server's own network. WEBHOOKS_ALLOW_PRIVATE lifts both
// rules for development and tests.
import dns from 'node:dns';
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

export const MAX_URL_LENGTH = 500;

/** The kind of a non-public address ('loopback', 'private', 'linkLocal', ...), or null when it is public. */
export function nonPublicRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'invalid';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? null : range;
}

/** Why an address may not be called, or null when it is public. */
export function addressProblem(address: string): string | null {
  const range = nonPublicRange(address);
  return range === null ? null : `${address} is a ${range} address, which webhooks may not reach`;
}

const ipLiteral = (hostname: string): string | null => {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) && (bare.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(bare))
    ? bare
    : null;
};

/** The URL's own problems (before any lookup), or null. */
export function urlProblem(raw: string, allowPrivate: boolean): { url: URL | null; problem: string | null } {
  if (raw.length > MAX_URL_LENGTH)
    return { url: null, problem: `must be at most ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { url: null, problem: 'must be a full address, such as https://example.com/webhooks' };
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:'))
    return { url, problem: 'must start with https://' };
  if (url.username || url.password) return { url, problem: 'must not hold a user name or password' };
  if (url.hash) return { url, problem: 'must not have a #fragment' };
  const literal = ipLiteral(url.hostname);
  if (literal && !allowPrivate) {
    const problem = addressProblem(literal);
    if (problem) return { url, problem };
  }
  return { url, problem: null };
}

/** Every address a host name resolves to, each checked; the first problem, or null. */
export async function resolvedProblem(hostname: string): Promise<string | null> {
  if (ipLiteral(hostname)) return null;
  let addresses: LookupAddress[];
  try {
    addresses = await dns.promises.lookup(hostname, { all: true, order: 'verbatim' });
  } catch {
    return `${hostname} does not resolve to an address`;
  }
  if (addresses.length === 0) return `${hostname} does not resolve to an address`;
  for (const { address } of addresses) {
    const range = nonPublicRange(address);
    if (range !== null)
      return `${hostname} resolves to ${address}, a ${range} address, which webhooks may not reach`;
  }
  return null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for the sockets of the deliveries: resolves as usual, and refuses the connection when
 * any address the name has is not public (the check at delivery time).
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOneOptions | LookupAllOptions,
  callback: LookupCallback,
): void {
  dns.lookup(hostname, { ...options, all: true, order: 'verbatim' }, (error, addresses) => {
    if (error) {
      callback(error, []);
      return;
    }
    const refused = addresses.map((a) => addressProblem(a.address)).find((p) => p !== null);
    if (refused) {
      const failure: NodeJS.ErrnoException = new Error(`${hostname}: ${refused}`);
      failure.code = 'EADDRNOTPUBLIC';
      callback(failure, []);
      return;
    }
    if ((options as { all?: boolean }).all === true) {
      callback(null, addresses);
      return;
    }
    const [first] = addresses;
    if (first === undefined) {
      callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), []);
      return;
    }
    callback(null, first.address, first.family);
  });
}
