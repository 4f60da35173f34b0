// The allow-list's text: entries per line, the stored ranges shown as typed, the server's refusals
// placed on their lines.
import { describe, expect, it } from 'vitest';
import { allowListProblems, allowListText, lineOfEntry, parseAllowList, withAddress } from './allowList.ts';

const TEXT = '196.43.128.0/20\n\n  41.210.140.7  \n2c0f:fe38::/32\n\nnot-an-address\n';

describe('the IP allow-list text', () => {
  it('has one entry per line; blank lines and spaces do not count', () => {
    expect(parseAllowList(TEXT)).toEqual([
      '196.43.128.0/20',
      '41.210.140.7',
      '2c0f:fe38::/32',
      'not-an-address',
    ]);
    expect(parseAllowList('')).toEqual([]);
    expect(parseAllowList(' \n \n')).toEqual([]);
  });

  it('shows stored single addresses as the address alone', () => {
    expect(allowListText(['196.43.128.0/20', '41.210.140.7/32', '2c0f:fe38::/32', '2c0f:fe38::1/128'])).toBe(
      '196.43.128.0/20\n41.210.140.7\n2c0f:fe38::/32\n2c0f:fe38::1',
    );
  });

  it('adds an address once, on its own line', () => {
    expect(withAddress('', '41.210.140.7')).toBe('41.210.140.7');
    expect(withAddress('196.43.128.0/20\n\n', '41.210.140.7')).toBe('196.43.128.0/20\n41.210.140.7');
    expect(withAddress(TEXT, '41.210.140.7')).toBe(TEXT);
    expect(withAddress('41.210.140.7/32', '41.210.140.7')).toBe('41.210.140.7/32');
  });

  it("places the server's refusal of an entry on the line it was typed on", () => {
    expect(lineOfEntry(TEXT, 0)).toBe(1);
    expect(lineOfEntry(TEXT, 1)).toBe(3);
    expect(lineOfEntry(TEXT, 3)).toBe(6);
    expect(lineOfEntry(TEXT, 4)).toBeNull();
    expect(
      allowListProblems(TEXT, {
        'ip_allowlist[3]': ['Invalid "ip_allowlist[3]": "not-an-address" is not an IPv4 or IPv6 address.'],
        require_two_factor: ['unrelated'],
      }),
    ).toEqual([
      { line: 6, message: 'Invalid "ip_allowlist[3]": "not-an-address" is not an IPv4 or IPv6 address.' },
    ]);
    expect(allowListProblems(TEXT, { ip_allowlist: ['too many'] })).toEqual([
      { line: null, message: 'too many' },
    ]);
    expect(allowListProblems(TEXT, undefined)).toEqual([]);
  });
});
