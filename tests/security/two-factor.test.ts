// Two-factor authentication through the API (the app's screens are tested in tests/e2e): turned on
// with the password and a code, ten recovery codes shown once, each good for one sign-in, turned off
// with a code; required by the shop for a role, which then works only on its account pages until it
// is on; never set by a bare PATCH of one's user; reset by an Owner for a lost phone.
import { authenticator } from 'otplib';
import { describe, expect, it } from 'vitest';
import { as, db } from '../support/context.ts';
import { codeOf, from, newMember, signIn, tokensOf, type Caller, type Member } from './support.ts';

/** The authenticator's current code (the server also accepts the steps just before and after it). */
function freshCode(secret: string): string {
  return authenticator.generate(secret);
}

/** Waits, when the authenticator's 30-second step ends within 5 s, for the next one to begin. */
async function clearOfStepEdge(): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

async function turnOn(
  caller: Caller,
  member: Member,
): Promise<{ secret: string; codes: string[]; token: string }> {
  const { access_token: token } = await tokensOf(caller, member);
  const setup = await caller.request<{ data: { secret: string; otpauth_url: string } }>(
    'POST',
    '/api/account/two-factor/setup',
    { token, body: { password: member.password } },
  );
  expect(setup.status, setup.text).toBe(200);
  const { secret, otpauth_url } = setup.body.data;
  expect(otpauth_url).toMatch(/^otpauth:\/\/totp\//);
  expect(otpauth_url).toContain(encodeURIComponent(member.email));
  const wrong = await caller.request('POST', '/api/account/two-factor/enable', {
    token,
    body: { secret, otp: '000000' },
  });
  expect(codeOf(wrong.body)).toBe('INVALID_CODE');
  const enabled = await caller.request<{ data: { recovery_codes: string[] } }>(
    'POST',
    '/api/account/two-factor/enable',
    { token, body: { secret, otp: freshCode(secret) } },
  );
  expect(enabled.status, enabled.text).toBe(200);
  return { secret, codes: enabled.body.data.recovery_codes, token };
}

describe('two-factor authentication', () => {
  it('turns on with the password and a code, and gives ten recovery codes once, kept only as hashes', async () => {
    const member = await newMember('Staff', 'tfa-on');
    const caller = from('127.0.90.1');
    const { codes } = await turnOn(caller, member);
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const stored = (await db()('two_factor_recovery_codes')
      .where({ user_id: member.id })
      .select('code_hash')) as {
      code_hash: string;
    }[];
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(codes[0]?.replace('-', '') ?? 'x');
    const { access_token } = await tokensOf(caller, member).catch(() => ({ access_token: '' }));
    expect(access_token).toBe(''); // the password alone no longer signs in
  });

  it('signs in with a code, or once with each recovery code', async () => {
    const member = await newMember('Staff', 'tfa-sign-in');
    const caller = from('127.0.90.2');
    const { secret, codes } = await turnOn(caller, member);
    const asked = await signIn(caller, member.email, member.password);
    expect(codeOf(asked.body)).toBe('INVALID_OTP');
    expect((await signIn(caller, member.email, member.password, freshCode(secret))).status).toBe(200);
    // A phone's clock a step late still signs in; two steps is too old. The step must not turn
    // between making the code and the server checking it (a sign-in takes half a second or more):
    // that would make the late code two steps old.
    await clearOfStepEdge();
    const stepsAgo = (n: number): string =>
      authenticator.clone({ epoch: Date.now() - n * 30_000 }).generate(secret);
    expect((await signIn(caller, member.email, member.password, stepsAgo(1))).status).toBe(200);
    expect((await signIn(caller, member.email, member.password, stepsAgo(3))).status).toBe(401);
    const recovery = codes[0] ?? '';
    expect((await signIn(caller, member.email, member.password, recovery)).status).toBe(200);
    const again = await signIn(caller, member.email, member.password, recovery);
    expect(again.status).toBe(401);
    expect(codeOf(again.body)).toBe('INVALID_OTP');
    // Typed loosely (lower case, no dash), the next one works too.
    expect(
      (await signIn(caller, member.email, member.password, (codes[1] ?? '').replace('-', '').toLowerCase()))
        .status,
    ).toBe(200);
    // A recovery code is not used up by a sign-in that fails on its password.
    expect((await signIn(caller, member.email, 'wrong-password-1', codes[2])).status).toBe(401);
    expect((await signIn(caller, member.email, member.password, codes[2])).status).toBe(200);
    const { access_token } = (await signIn(caller, member.email, member.password, freshCode(secret))).body
      .data ?? {
      access_token: '',
    };
    const security = await caller.request<{
      data: { two_factor: { enabled: boolean; recovery_codes_left: number } };
    }>('GET', '/api/account/security', { token: access_token });
    expect(security.body.data.two_factor).toMatchObject({ enabled: true, recovery_codes_left: 7 });
  });

  it('turns off with a code or a recovery code, and makes new codes on demand', async () => {
    const member = await newMember('Staff', 'tfa-off');
    const caller = from('127.0.90.3');
    const { secret, codes, token } = await turnOn(caller, member);
    const renewed = await caller.request<{ data: { recovery_codes: string[] } }>(
      'POST',
      '/api/account/two-factor/recovery-codes',
      { token, body: { code: freshCode(secret) } },
    );
    expect(renewed.body.data.recovery_codes).toHaveLength(10);
    // The old codes stopped working.
    const stale = await caller.request('POST', '/api/account/two-factor/disable', {
      token,
      body: { code: codes[0] },
    });
    expect(codeOf(stale.body)).toBe('INVALID_CODE');
    const off = await caller.request('POST', '/api/account/two-factor/disable', {
      token,
      body: { code: renewed.body.data.recovery_codes[0] },
    });
    expect(off.status, off.text).toBe(200);
    expect(await db()('directus_users').where({ id: member.id }).first('tfa_secret')).toEqual({
      tfa_secret: null,
    });
    expect((await signIn(caller, member.email, member.password)).status).toBe(200);
  });

  it('is never set through Directus’s users (a bare PATCH, or Studio’s switch without recovery codes)', async () => {
    const member = await newMember('Staff', 'tfa-patch');
    const caller = from('127.0.90.4');
    const { access_token: token } = await tokensOf(caller, member);
    const patched = await caller.request('PATCH', '/users/me', {
      token,
      body: { tfa_secret: 'JBSWY3DPEHPK3PXP' },
    });
    expect(patched.status).toBe(403);
    expect(await db()('directus_users').where({ id: member.id }).first('tfa_secret')).toEqual({
      tfa_secret: null,
    });
    // Studio's switch (generate, then enable with a code) is the app's to do, with recovery codes.
    const generated = await caller.request<{ data?: { secret: string } }>('POST', '/users/me/tfa/generate', {
      token,
      body: { password: member.password },
    });
    const secret = generated.body.data?.secret ?? 'JBSWY3DPEHPK3PXP';
    const enabled = await caller.request('POST', '/users/me/tfa/enable', {
      token,
      body: { secret, otp: freshCode(secret) },
    });
    expect(enabled.status).toBe(403);
    expect(await db()('directus_users').where({ id: member.id }).first('tfa_secret')).toEqual({
      tfa_secret: null,
    });
  });

  it('when the shop requires it for a role, lets that role use only its account pages until it is on', async () => {
    const owner = await newMember('Owner', 'tfa-require-owner');
    const supervisor = await newMember('Supervisor', 'tfa-require-sup');
    const office = from('127.0.90.5');
    const ownerTokens = await tokensOf(office, owner);
    const require = (roles: string[]) =>
      office.request('PUT', '/api/shop/security', {
        token: ownerTokens.access_token,
        body: { require_two_factor: roles },
      });
    try {
      // An Owner cannot require it of Owners without having it.
      expect(codeOf((await require(['Owner'])).body)).toBe('TWO_FACTOR_STATE');
      expect((await require(['Supervisor'])).status).toBe(200);
      const till = from('127.0.90.6');
      const { access_token: token } = await tokensOf(till, supervisor);
      const held = await till.request('GET', '/items/products?limit=1', { token });
      expect(held.status).toBe(403);
      expect(codeOf(held.body)).toBe('TWO_FACTOR_REQUIRED');
      expect(codeOf((await till.request('GET', '/api/sales?limit=1', { token })).body)).toBe(
        'TWO_FACTOR_REQUIRED',
      );
      expect((await till.request('GET', '/users/me', { token })).status).toBe(200);
      const security = await till.request<{ data: { two_factor: { required: boolean } } }>(
        'GET',
        '/api/account/security',
        {
          token,
        },
      );
      expect(security.body.data.two_factor.required).toBe(true);
      // On, the Supervisor works, and cannot turn it off while it is required.
      const { secret, token: withTwoFactor } = await turnOn(till, supervisor);
      const signedIn = await signIn(till, supervisor.email, supervisor.password, freshCode(secret));
      const fresh = signedIn.body.data?.access_token ?? '';
      expect((await till.request('GET', '/items/products?limit=1', { token: fresh })).status).toBe(200);
      const off = await till.request('POST', '/api/account/two-factor/disable', {
        token: withTwoFactor,
        body: { code: freshCode(secret) },
      });
      expect(codeOf(off.body)).toBe('TWO_FACTOR_STATE');
      // The Owner sees who has it on.
      const settings = await office.request<{
        data: { members: { id: string; two_factor_enabled: boolean }[] };
      }>('GET', '/api/shop/security', { token: ownerTokens.access_token });
      expect(settings.body.data.members.find((m) => m.id === supervisor.id)?.two_factor_enabled).toBe(true);
      expect(settings.body.data.members.find((m) => m.id === owner.id)?.two_factor_enabled).toBe(false);

      // A lost phone: the Owner resets it (not a Supervisor), and the member is signed out.
      expect(
        (
          await (
            await as('kampalaSupervisor')
          ).request('POST', `/api/staff/${supervisor.id}/two-factor/reset`)
        ).status,
      ).toBe(403);
      const reset = await office.request('POST', `/api/staff/${supervisor.id}/two-factor/reset`, {
        token: ownerTokens.access_token,
      });
      expect(reset.status).toBe(200);
      expect(codeOf((await till.request('GET', '/users/me', { token: fresh })).body)).toBe('TOKEN_EXPIRED');
      const [left] = (await db()('two_factor_recovery_codes')
        .where({ user_id: supervisor.id })
        .count({ n: '*' })) as [{ n: string | number }];
      expect(Number(left.n)).toBe(0);
    } finally {
      await require([]);
    }
  });
});
