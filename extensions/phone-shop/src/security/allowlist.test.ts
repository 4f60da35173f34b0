import { describe, expect, it } from 'vitest';
import { allows, parseNetwork, plainAddress, type Network } from './allowlist.ts';

describe('IP allow-list', () => {
  it('parses addresses and ranges, and names what is wrong with the others', () => {
    expect(parseNetwork('196.43.128.0/20')).toEqual({ address: '196.43.128.0', prefix: 20, family: 'ipv4' });
    expect(parseNetwork(' 41.210.5.7 ')).toEqual({ address: '41.210.5.7', prefix: 32, family: 'ipv4' });
    expect(parseNetwork('2c0f:fe38::/32')).toEqual({ address: '2c0f:fe38::', prefix: 32, family: 'ipv6' });
    expect(parseNetwork('kampala')).toBe('is not an IPv4 or IPv6 address');
    expect(parseNetwork('10.0.0.0/33')).toBe('has a prefix longer than 32');
    expect(parseNetwork('10.0.0.0/4')).toMatch(/too wide/);
    expect(parseNetwork('10.0.0.0/x')).toBe('has an invalid prefix length');
    expect(parseNetwork('1.2.3.4/8/9')).toBe('is not an address or a CIDR range');
  });

  it('allows an address inside a range, any address with an empty list, and nothing unknown', () => {
    const list = [parseNetwork('196.43.128.0/20'), parseNetwork('2c0f:fe38::/32')] as Network[];
    expect(allows(list, '196.43.140.9')).toBe(true);
    expect(allows(list, '::ffff:196.43.140.9')).toBe(true);
    expect(allows(list, '196.43.144.1')).toBe(false);
    expect(allows(list, '2c0f:fe38:1::5')).toBe(true);
    expect(allows(list, null)).toBe(false);
    expect(allows([], null)).toBe(true);
    expect(plainAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });
});
