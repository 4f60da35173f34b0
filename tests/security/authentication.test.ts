// The spec's authentication basics, as the platform runs them: passwords hashed with argon2id (the
// spec asks bcrypt cost 12; argon2id is Directus's, and stronger: docs/security.md), access tokens
// of 15 minutes, refresh tokens that turn over at every use, and no cross-site request forgery
// (the app sends its token in a header; Studio's session cookie is SameSite=Lax, and a form's body
// is not read as JSON).
import { describe, expect, it } from 'vitest';
import { db } from '../support/context.ts';
import { from, newMember, signIn, tokensOf } from './support.ts';

describe('authentication basics', () => {
  it('stores passwords as argon2id hashes, never as they were typed', async () => {
    const member = await newMember('Staff', 'hash');
    const { password } = (await db()('directus_users').where({ id: member.id }).first('password')) as {
      password: string;
    };
    expect(password).toMatch(/^\$argon2id\$/);
    expect(password).not.toContain(member.password);
  });

  it('gives access tokens of 15 minutes, and refresh tokens that turn over at each use', async () => {
    const member = await newMember('Staff', 'tokens');
    const till = from('127.0.95.1');
    const signedIn = await signIn(till, member.email, member.password);
    const data = signedIn.body.data as unknown as {
      access_token: string;
      refresh_token: string;
      expires: number;
    };
    expect(data.expires).toBe(900_000);
    const claims = JSON.parse(Buffer.from(data.access_token.split('.')[1] ?? '', 'base64url').toString()) as {
      iat: number;
      exp: number;
    };
    expect(claims.exp - claims.iat).toBe(900);
    const refreshed = await till.request<{ data: { refresh_token: string; access_token: string } }>(
      'POST',
      '/auth/refresh',
      { body: { refresh_token: data.refresh_token, mode: 'json' } },
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.data.refresh_token).not.toBe(data.refresh_token);
    expect((await till.request('GET', '/users/me', { token: refreshed.body.data.access_token })).status).toBe(
      200,
    );
  });

  it('lets no cross-site form change anything with a session cookie', async () => {
    const member = await newMember('Owner', 'csrf');
    const browser = from('127.0.95.2');
    const session = await browser.request('POST', '/auth/login', {
      body: { email: member.email, password: member.password, mode: 'session' },
    });
    const cookie = session.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/HttpOnly/i);
    const name = cookie.split(';')[0] ?? '';
    const before: unknown = await db()('directus_users').where({ id: member.id }).first('first_name');
    // What a form on another site would send: a form body and the cookie.
    const forged = await browser.request('PATCH', '/users/me', {
      raw: 'first_name=Forged',
      headers: {
        cookie: name,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
    });
    expect(forged.status).toBeLessThan(500);
    expect(await db()('directus_users').where({ id: member.id }).first('first_name')).toEqual(before);
    const created = await browser.request('POST', '/items/customers', {
      raw: 'name=Forged&phone=%2B256772000333',
      headers: { cookie: name, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(created.status).toBeGreaterThanOrEqual(400);
    expect(await db()('customers').where({ name: 'Forged' }).first('id')).toBeUndefined();
    expect(await tokensOf(browser, member)).toBeTruthy();
  });
});
