import { describe, expect, it } from 'vitest';
import { addressProblem, publicOnlyLookup, resolvedProblem, urlProblem } from './url-safety.ts';

describe('webhook addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['224.0.0.1', 'multicast'],
  ])('refuse %s (%s)', (address, range) => {
    expect(addressProblem(address)).toContain(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700::1111'])('accept the public address %s', (address) => {
    expect(addressProblem(address)).toBeNull();
  });
});

describe('webhook URLs', () => {
  const refused = (raw: string): string | null => urlProblem(raw, false).problem;

  it('need https in production, and http is allowed only with WEBHOOKS_ALLOW_PRIVATE', () => {
    expect(refused('http://93.184.215.14/hook')).toBe('must start with https://');
    expect(urlProblem('http://127.0.0.1:9000/hook', true).problem).toBeNull();
    expect(refused('ftp://93.184.215.14/hook')).toBe('must start with https://');
  });

  it('refuse addresses of the server network, however they are written', () => {
    expect(refused('https://127.0.0.1/hook')).toContain('loopback');
    expect(refused('https://10.0.0.7/hook')).toContain('private');
    expect(refused('https://169.254.169.254/latest/meta-data')).toContain('linkLocal');
    expect(refused('https://[::1]/hook')).toContain('loopback');
    expect(refused('https://[::ffff:10.0.0.1]/hook')).toContain('private');
    // The URL parser turns 2130706433 and 0x7f.1 into 127.0.0.1 before anything sees them.
    expect(refused('https://2130706433/hook')).toContain('loopback');
    expect(refused('https://0x7f.1/hook')).toContain('loopback');
    // Names are judged by what they resolve to (resolvedProblem below), at save and at delivery.
    expect(refused('https://localhost/hook')).toBeNull();
  });

  it('refuse credentials, fragments, garbage and very long URLs', () => {
    expect(refused('https://user:pw@example.com/hook')).toBe('must not hold a user name or password');
    expect(refused('https://example.com/hook#x')).toBe('must not have a #fragment');
    expect(refused('not a url')).toContain('must be a full address');
    expect(refused(`https://example.com/${'a'.repeat(600)}`)).toContain('at most 500');
  });

  it('accept a public https URL', () => {
    expect(refused('https://93.184.215.14/hooks/phone-shop?tenant=7')).toBeNull();
    expect(refused('https://hooks.example.com/in')).toBeNull();
  });
});

describe('host names', () => {
  it('are refused when they resolve to a private address, or not at all', async () => {
    expect(await resolvedProblem('localhost')).toMatch(/resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(await resolvedProblem('no-such-host.invalid')).toContain('does not resolve');
  });

  it('cannot connect to a private address at delivery time', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      publicOnlyLookup('localhost', { family: 0 }, (failure) => resolve(failure));
    });
    expect(error?.code).toBe('EADDRNOTPUBLIC');
  });
});
