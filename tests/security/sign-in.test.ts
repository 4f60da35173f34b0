// Brute force against sign-in: a guessed e-mail is locked for a while at the guesser's address only,
// never suspended; a stranger cannot shut an account out of its usual places; an unknown e-mail is
// answered exactly like a known one; attempts sent at once are counted before they are answered;
// the member and the Owner are told, and the Owner unlocks. Password resets follow the same rules.
import { spawnSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { ROLE_IDS } from '../../snapshots/access/roles.ts';
import { ADMIN } from '../setup/instance.ts';
import { as, db } from '../support/context.ts';
import { codeOf, from, messageOf, newMember, signIn, tokensOf, type Caller, type Member } from './support.ts';

const WRONG = 'wrong-password-1';

async function fail(caller: Caller, email: string, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await signIn(caller, email, WRONG)).status);
  return statuses;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

describe('sign-in lockout', () => {
  it('locks an e-mail at one address after 5 failures, refuses even the right password there, and never elsewhere', async () => {
    const member = await newMember('Staff', 'lock-pair');
    const guesser = from('127.0.10.1');
    expect(await fail(guesser, member.email, 5)).toEqual([401, 401, 401, 401, 401]);

    const locked = await signIn(guesser, member.email, member.password);
    expect(locked.status).toBe(429);
    expect(codeOf(locked.body)).toBe('SIGN_IN_LOCKED');
    expect(messageOf(locked.body)).toContain('15 min');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(locked.body.data).toBeUndefined();

    // The member, somewhere else, signs in; the account was never suspended.
    expect((await signIn(from('127.0.10.2'), member.email, member.password)).status).toBe(200);
    expect(await db()('directus_users').where({ id: member.id }).first('status')).toEqual({
      status: 'active',
    });
  });

  it('answers an e-mail nobody has exactly as a real one: same status, body and timing, locked alike', async () => {
    const member = await newMember('Staff', 'lock-known');
    const unknown = `nobody-${String(Date.now())}@kampala.example.com`;
    const [known, stranger] = [from('127.0.11.1'), from('127.0.11.2')];
    const answersOf = async (caller: Caller, email: string) => {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await signIn(caller, email, WRONG));
      return answers;
    };
    const [real, fake] = await Promise.all([answersOf(known, member.email), answersOf(stranger, unknown)]);
    expect(real.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(fake.map((a) => a.status)).toEqual(real.map((a) => a.status));
    for (let i = 0; i < 6; i++) expect(fake[i]?.body).toEqual(real[i]?.body);
    // Directus stalls every failure to 500 ms; the lock is answered after the same stall.
    const realMs = real.map((a) => a.ms);
    const fakeMs = fake.map((a) => a.ms);
    for (const ms of [...realMs, ...fakeMs]) expect(ms).toBeGreaterThanOrEqual(480);
    expect(Math.abs(median(realMs) - median(fakeMs))).toBeLessThan(150);
  });

  it('counts attempts sent all at once before answering any: of 20 parallel guesses, 5 are checked', async () => {
    const member = await newMember('Staff', 'lock-burst');
    const guesser = from('127.0.12.1');
    const answers = await Promise.all(Array.from({ length: 20 }, () => signIn(guesser, member.email, WRONG)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('tells the member and the Owner, shows the lock to the Owner, who unlocks it; others may not', async () => {
    const member = await newMember('Staff', 'lock-told');
    const guesser = from('127.0.13.1');
    await fail(guesser, member.email, 5);
    // The notifications are written once the fifth failure is settled, just after its answer.
    // The member, and every active Owner of the shop (the demo Owner, and those other tests made).
    const told = async (): Promise<{ email: string; role: string }[]> =>
      (await db()('notifications as n')
        .join('directus_users as u', 'u.id', 'n.user_id')
        .where('n.title', 'Sign-in paused')
        .whereLike('n.message', '%lock-told%')
        .select('u.email', 'u.role')) as { email: string; role: string }[];
    await expect.poll(async () => (await told()).map((t) => t.email)).toContain('owner@kampala.example.com');
    const recipients = await told();
    expect(recipients.map((t) => t.email)).toContain(member.email);
    expect(recipients.filter((t) => t.email !== member.email).every((t) => t.role === ROLE_IDS.Owner)).toBe(
      true,
    );

    const owner = await as('kampalaOwner');
    const shown = await owner.request<{ data: { sign_in_locked_until: string | null } }>(
      'GET',
      `/api/staff/${member.id}`,
    );
    expect(Date.parse(shown.body.data.sign_in_locked_until ?? '')).toBeGreaterThan(Date.now());

    const supervisor = await as('kampalaSupervisor');
    expect((await supervisor.request('POST', `/api/staff/${member.id}/unlock`)).status).toBe(403);
    expect((await signIn(guesser, member.email, member.password)).status).toBe(429);

    const unlocked = await owner.request<{ data: { sign_in_locked_until: string | null } }>(
      'POST',
      `/api/staff/${member.id}/unlock`,
    );
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.data.sign_in_locked_until).toBeNull();
    expect((await signIn(guesser, member.email, member.password)).status).toBe(200);
    const trail = (await db()('audit_logs')
      .where({ entity_id: member.id })
      .whereIn('action', ['sign_in_locked', 'sign_in_unlock'])
      .select('action')) as { action: string }[];
    expect(trail.map((t) => t.action).sort()).toEqual(['sign_in_locked', 'sign_in_unlock']);
  });

  it('counts a wrong authenticator code as a failure, and a missing one (asked next) as none', async () => {
    const member = await newMember('Staff', 'lock-otp');
    const caller = from('127.0.14.1');
    // Two-factor on, straight in the database: what is tested here is the count, not the set-up.
    await db()('directus_users').where({ id: member.id }).update({ tfa_secret: 'JBSWY3DPEHPK3PXP' });
    for (let i = 0; i < 6; i++) {
      const asked = await signIn(caller, member.email, member.password);
      expect(codeOf(asked.body)).toBe('INVALID_OTP');
    }
    const wrongCodes = [];
    for (let i = 0; i < 6; i++)
      wrongCodes.push((await signIn(caller, member.email, member.password, '000000')).status);
    expect(wrongCodes).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('keeps an account signing in from its usual place while a guess spread over many addresses is slowed', async () => {
    const member = await newMember('Staff', 'lock-spread');
    const home = from('127.0.15.1');
    await tokensOf(home, member); // the account's usual place
    // 10 addresses × 5 guesses = 50 failures on the account within the hour.
    await Promise.all(Array.from({ length: 10 }, (_, i) => fail(from(`127.0.16.${i + 1}`), member.email, 5)));
    const newPlace = await signIn(from('127.0.17.1'), member.email, member.password);
    expect(newPlace.status).toBe(429);
    expect(codeOf(newPlace.body)).toBe('SIGN_IN_LOCKED');
    expect((await signIn(home, member.email, member.password)).status).toBe(200);
  });

  it('locks an address that sprays many e-mails, except for accounts that sign in there', async () => {
    const regular = await newMember('Staff', 'lock-spray');
    const shared = from('127.0.18.1');
    await tokensOf(shared, regular);
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        Array.from({ length: 5 }, (_, i) => signIn(shared, `spray-${batch}-${i}@nowhere.example.com`, WRONG)),
      );
    }
    const stranger = await newMember('Staff', 'lock-spray-new');
    expect(codeOf((await signIn(shared, stranger.email, stranger.password)).body)).toBe('SIGN_IN_LOCKED');
    expect((await signIn(shared, regular.email, regular.password)).status).toBe(200);
  });

  it('never locks the platform admin out of the places it signs in from, and `npm run unlock` is the way back', async () => {
    const guesser = from('127.0.19.1');
    await fail(guesser, ADMIN.email, 5);
    expect(codeOf((await signIn(guesser, ADMIN.email, ADMIN.password)).body)).toBe('SIGN_IN_LOCKED');
    // 127.0.0.1 is where the platform signs in as admin at every start.
    expect((await signIn(from('127.0.0.1'), ADMIN.email, ADMIN.password)).status).toBe(200);
    expect(await db()('directus_users').where({ email: ADMIN.email }).first('status')).toEqual({
      status: 'active',
    });

    // On the server, without SQL: the locks end, and a platform account suspended earlier is active again.
    await db()('directus_users').where({ email: ADMIN.email }).update({ status: 'suspended' });
    const unlock = spawnSync(process.execPath, ['scripts/unlock.ts', ADMIN.email.toUpperCase()], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
      encoding: 'utf8',
    });
    expect(unlock.status, unlock.stderr).toBe(0);
    expect(unlock.stdout).toContain('sign-in lock');
    expect(unlock.stdout).toContain('active again');
    expect((await signIn(guesser, ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('refuses every way of signing in but POST /auth/login (GraphQL, websockets)', async () => {
    const member: Member = await newMember('Staff', 'lock-paths');
    const caller = from('127.0.20.1');
    // Anonymous: no body is read on /graphql without a token.
    const anonymous = await caller.request('POST', '/graphql/system', {
      body: {
        query: `mutation { auth_login(email: "${member.email}", password: "${member.password}") { access_token } }`,
      },
    });
    expect(anonymous.status).toBe(401);
    const { access_token } = await tokensOf(caller, member);
    const signedIn = await caller.request<{ data?: { auth_login: unknown } }>('POST', '/graphql/system', {
      token: access_token,
      body: {
        query: `mutation { auth_login(email: "${member.email}", password: "${member.password}") { access_token } }`,
      },
    });
    expect(signedIn.body.data?.auth_login ?? null).toBeNull();
    expect(codeOf(signedIn.body)).toBe('SIGN_IN_PATH');
  });
});

describe('password reset', () => {
  it('limits requests per e-mail, the same for an e-mail nobody has', async () => {
    const member = await newMember('Staff', 'reset');
    const real = from('127.0.21.1');
    const fake = from('127.0.21.2');
    const ask = (caller: Caller, email: string) =>
      caller.request('POST', '/auth/password/request', { body: { email } });
    const nobody = `nobody-${String(Date.now())}@kampala.example.com`;
    const realAnswers = [];
    const fakeAnswers = [];
    for (let i = 0; i < 4; i++) {
      realAnswers.push(await ask(real, member.email));
      fakeAnswers.push(await ask(fake, nobody));
    }
    expect(realAnswers.map((a) => a.status)).toEqual([204, 204, 204, 429]);
    expect(fakeAnswers.map((a) => a.status)).toEqual([204, 204, 204, 429]);
    // The same answer but for the seconds left, which depend on when each was asked.
    const withoutSeconds = (text: string): string => text.replace(/\d+/g, 'N');
    expect(withoutSeconds(fakeAnswers[3]?.text ?? '')).toBe(withoutSeconds(realAnswers[3]?.text ?? ''));
    expect(codeOf(realAnswers[3]?.body)).toBe('RATE_LIMITED');
  });

  it('limits requests per address, whatever the e-mails', async () => {
    const caller = from('127.0.22.1');
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await caller.request('POST', '/auth/password/request', {
            body: { email: `x${String(i)}@nowhere.example.com` },
          })
        ).status,
      );
    expect(statuses).toEqual([204, 204, 204, 204, 204, 429]);
  });
});
