// One's own security, the pure parts: device names, this device's session, recovery codes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  deviceName,
  formatRecoveryCode,
  groupedKey,
  isRecoveryCode,
  normaliseCode,
  recoveryCodesText,
  sessionIdOf,
  withThisDevice,
} from './security.ts';

describe('device names', () => {
  it('says the browser and the system of common user agents', () => {
    expect(
      deviceName(
        'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Mobile Safari/537.36',
      ),
    ).toBe('Chrome on Android');
    expect(
      deviceName(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iPhone');
    expect(
      deviceName(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36 Edg/138.0.0.0',
      ),
    ).toBe('Edge on Windows');
    expect(deviceName('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe(
      'Firefox on Linux',
    );
    expect(
      deviceName(
        'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36',
      ),
    ).toBe('Samsung Internet on Android');
  });

  it('keeps the first word of anything else, and nothing for no user agent', () => {
    expect(deviceName('curl/8.5.0')).toBe('curl/8.5.0');
    expect(deviceName('  ')).toBeNull();
    expect(deviceName(null)).toBeNull();
    expect(deviceName('x'.repeat(80))).toHaveLength(40);
  });
});

describe("this device's session", () => {
  it('is named by the SHA-256 of the refresh token, as the server names it', async () => {
    const token = 'r3fr3sh-t0k3n_of-this-phone';
    const server = createHash('sha256').update(token, 'utf8').digest('hex');
    expect(await sessionIdOf(token)).toBe(server);
    expect(await sessionIdOf(null)).toBeNull();
  });

  it('is marked and put first; the others keep their order', () => {
    const sessions = [{ id: 'aa' }, { id: 'bb' }, { id: 'cc' }];
    expect(withThisDevice(sessions, 'BB')).toEqual([
      { id: 'bb', current: true },
      { id: 'aa', current: false },
      { id: 'cc', current: false },
    ]);
    expect(withThisDevice(sessions, null).map((s) => s.current)).toEqual([false, false, false]);
  });
});

describe('recovery codes', () => {
  it('are shaped as they are typed: upper case, a dash after five, no look-alikes', () => {
    expect(formatRecoveryCode('abcde')).toBe('ABCDE');
    expect(formatRecoveryCode('abcdef')).toBe('ABCDE-F');
    expect(formatRecoveryCode('abcde fghjk')).toBe('ABCDE-FGHJK');
    expect(formatRecoveryCode('ABCDE-FGHJK-LMN')).toBe('ABCDE-FGHJK');
    expect(formatRecoveryCode('O0I1abc')).toBe('ABC');
    expect(isRecoveryCode('ABCDE-FGHJK')).toBe(true);
    expect(isRecoveryCode('ABCDE-FGHJ')).toBe(false);
    expect(isRecoveryCode('ABCDE-FGHJ1')).toBe(false);
  });

  it('or a six-digit code are what turning two-factor off takes', () => {
    expect(normaliseCode(' 123 456 ')).toBe('123456');
    expect(normaliseCode('abcde-fghjk')).toBe('ABCDE-FGHJK');
    expect(normaliseCode('12345')).toBeNull();
    expect(normaliseCode('ABCDE')).toBeNull();
  });

  it('are saved as a numbered text file with the account', () => {
    const text = recoveryCodesText(['ABCDE-FGHJK', 'LMNPQ-RSTUV'], {
      shop: 'Kampala Phone Hub',
      email: 'staff@kampala.example.com',
      createdAt: '4 Dec 2026, 19:00',
    });
    expect(text).toContain('Kampala Phone Hub');
    expect(text).toContain('Account: staff@kampala.example.com');
    expect(text).toContain(' 1. ABCDE-FGHJK\n 2. LMNPQ-RSTUV\n');
  });

  it('go with a key shown in groups of four', () => {
    expect(groupedKey('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
  });
});
