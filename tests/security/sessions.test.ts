// Sessions: one's own password and e-mail change only with the current password; a change, a
// suspension or an Owner's "sign out everywhere" ends every session and stops the access tokens
// already handed out at their next request; a user lists their sessions and ends any of them.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { as, db } from '../support/context.ts';
import { codeOf, from, newMember, signIn, tokensOf } from './support.ts';

const sessionId = (refreshToken: string): string => createHash('sha256').update(refreshToken).digest('hex');

describe('own password and e-mail', () => {
  it('refuses a bare PATCH /users/me of the password or e-mail: a token alone is not enough', async () => {
    const member = await newMember('Owner', 'bare-patch');
    const till = from('127.0.30.1');
    const { access_token } = await tokensOf(till, member);
    for (const body of [{ password: 'taken-over-password-1' }, { email: 'thief@example.com' }]) {
      const answer = await till.request('PATCH', '/users/me', { token: access_token, body });
      expect(answer.status).toBe(403);
      expect(codeOf(answer.body)).toBe('CURRENT_PASSWORD_REQUIRED');
    }
    // Nor through the Owner's own staff actions, nor /users/<own id>.
    expect(
      codeOf(
        (
          await till.request('PATCH', `/users/${member.id}`, {
            token: access_token,
            body: { password: 'x-password-123' },
          })
        ).body,
      ),
    ).toBe('CURRENT_PASSWORD_REQUIRED');
    expect(
      (
        await till.request('POST', `/api/staff/${member.id}/reset-password`, {
          token: access_token,
          body: { password: 'x-password-123' },
        })
      ).status,
    ).toBe(403);
    expect((await signIn(till, member.email, member.password)).status).toBe(200);
    // The profile's other fields stay the user's own.
    expect(
      (await till.request('PATCH', '/users/me', { token: access_token, body: { first_name: 'Renamed' } }))
        .status,
    ).toBe(200);
  });

  it('changes the password with the current one, and ends every session and token at once', async () => {
    const member = await newMember('Staff', 'change-password');
    const [till, phone] = [from('127.0.30.2'), from('127.0.30.3')];
    const tillTokens = await tokensOf(till, member);
    const phoneTokens = await tokensOf(phone, member);

    const wrong = await till.request('POST', '/api/account/password', {
      token: tillTokens.access_token,
      body: { current_password: 'not-my-password-1', new_password: 'brand-new-password-1' },
    });
    expect(wrong.status).toBe(403);
    expect(codeOf(wrong.body)).toBe('WRONG_PASSWORD');

    const weak = await till.request('POST', '/api/account/password', {
      token: tillTokens.access_token,
      body: { current_password: member.password, new_password: 'short' },
    });
    expect(weak.status).toBe(400);

    const changed = await till.request('POST', '/api/account/password', {
      token: tillTokens.access_token,
      body: { current_password: member.password, new_password: 'brand-new-password-1' },
    });
    expect(changed.status).toBe(200);
    // Access tokens of before stop now, not in 15 minutes; refresh tokens are gone.
    for (const [caller, tokens] of [
      [till, tillTokens],
      [phone, phoneTokens],
    ] as const) {
      const refused = await caller.request('GET', '/users/me', { token: tokens.access_token });
      expect(refused.status).toBe(401);
      expect(codeOf(refused.body)).toBe('TOKEN_EXPIRED');
      const refresh = await caller.request('POST', '/auth/refresh', {
        body: { refresh_token: tokens.refresh_token, mode: 'json' },
      });
      expect(refresh.status).toBe(401);
    }
    expect((await signIn(till, member.email, member.password)).status).toBe(401);
    const again = await tokensOf(till, { email: member.email, password: 'brand-new-password-1' });
    expect((await till.request('GET', '/users/me', { token: again.access_token })).status).toBe(200);
    const [audited] = (await db()('audit_logs')
      .where({ entity_id: member.id, action: 'password_change' })
      .count({ n: '*' })) as [{ n: string | number }];
    expect(Number(audited.n)).toBe(1);
  });

  it('changes an Owner’s e-mail with the current password; Staff e-mails are the Owner’s to change', async () => {
    const staff = await newMember('Staff', 'change-email-staff');
    const staffTill = from('127.0.30.6');
    const staffTokens = await tokensOf(staffTill, staff);
    const refused = await staffTill.request('POST', '/api/account/email', {
      token: staffTokens.access_token,
      body: { current_password: staff.password, email: `changed-${staff.email}` },
    });
    expect(refused.status).toBe(403);

    const member = await newMember('Owner', 'change-email');
    const till = from('127.0.30.4');
    const { access_token } = await tokensOf(till, member);
    const email = `changed-${member.email}`;
    const changed = await till.request('POST', '/api/account/email', {
      token: access_token,
      body: { current_password: member.password, email },
    });
    expect(changed.status).toBe(200);
    expect((await signIn(till, email, member.password)).status).toBe(200);
    expect((await signIn(till, member.email, member.password)).status).toBe(401);
  });

  it('counts wrong current passwords as failed sign-ins from that address', async () => {
    const member = await newMember('Staff', 'confirm-guess');
    const till = from('127.0.30.5');
    const { access_token } = await tokensOf(till, member);
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await till.request('POST', '/api/account/password', {
            token: access_token,
            body: { current_password: `guess-${String(i)}-password`, new_password: 'brand-new-password-1' },
          })
        ).status,
      );
    expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
  });
});

describe('sessions', () => {
  it('lists a user’s sessions by a hash of their token, and ends one or all the others', async () => {
    const member = await newMember('Staff', 'sessions');
    const [till, phone, tablet] = [from('127.0.31.1'), from('127.0.31.2'), from('127.0.31.3')];
    const mine = await tokensOf(till, member);
    const other = await tokensOf(phone, member);
    await tokensOf(tablet, member);

    const listed = await till.request<{ data: { id: string; ip: string; last_used_at: string }[] }>(
      'GET',
      '/api/account/sessions',
      { token: mine.access_token },
    );
    expect(listed.body.data.map((s) => s.ip).sort()).toEqual(['127.0.31.1', '127.0.31.2', '127.0.31.3']);
    expect(listed.body.data.map((s) => s.id)).toContain(sessionId(mine.refresh_token));
    expect(JSON.stringify(listed.body)).not.toContain(mine.refresh_token);

    const ended = await till.request('DELETE', `/api/account/sessions/${sessionId(other.refresh_token)}`, {
      token: mine.access_token,
    });
    expect(ended.status).toBe(200);
    expect(
      (
        await phone.request('POST', '/auth/refresh', {
          body: { refresh_token: other.refresh_token, mode: 'json' },
        })
      ).status,
    ).toBe(401);

    // Another user's session id answers as a missing one.
    const stranger = await newMember('Staff', 'sessions-other');
    const strangers = await tokensOf(from('127.0.31.4'), stranger);
    const foreign = await till.request(
      'DELETE',
      `/api/account/sessions/${sessionId(strangers.refresh_token)}`,
      {
        token: mine.access_token,
      },
    );
    const missing = await till.request('DELETE', `/api/account/sessions/${'0'.repeat(64)}`, {
      token: mine.access_token,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(missing.status).toBe(404);

    const others = await till.request<{ data: { sessions_ended: number } }>(
      'POST',
      '/api/account/sessions/end-others',
      {
        token: mine.access_token,
        body: { keep: sessionId(mine.refresh_token) },
      },
    );
    expect(others.body.data.sessions_ended).toBe(1);
    const left = await till.request<{ data: { id: string }[] }>('GET', '/api/account/sessions', {
      token: mine.access_token,
    });
    expect(left.body.data.map((s) => s.id)).toEqual([sessionId(mine.refresh_token)]);
  });

  it('lets an Owner sign a member out everywhere, at once; not a Supervisor', async () => {
    const member = await newMember('Staff', 'sign-out');
    const till = from('127.0.32.1');
    const tokens = await tokensOf(till, member);
    const supervisor = await as('kampalaSupervisor');
    expect((await supervisor.request('POST', `/api/staff/${member.id}/sign-out`)).status).toBe(403);
    const owner = await as('kampalaOwner');
    const out = await owner.request<{ data: { sessions_ended: number } }>(
      'POST',
      `/api/staff/${member.id}/sign-out`,
    );
    expect(out.status).toBe(200);
    expect(out.body.data.sessions_ended).toBe(1);
    expect(codeOf((await till.request('GET', '/users/me', { token: tokens.access_token })).body)).toBe(
      'TOKEN_EXPIRED',
    );
    expect(
      (
        await till.request('POST', '/auth/refresh', {
          body: { refresh_token: tokens.refresh_token, mode: 'json' },
        })
      ).status,
    ).toBe(401);
    expect((await signIn(till, member.email, member.password)).status).toBe(200);
  });

  it('ends a suspended member’s sessions and tokens at once', async () => {
    const member = await newMember('Staff', 'suspended');
    const till = from('127.0.32.2');
    const tokens = await tokensOf(till, member);
    const owner = await as('kampalaOwner');
    expect((await owner.request('POST', `/api/staff/${member.id}/suspend`)).status).toBe(200);
    expect((await till.request('GET', '/users/me', { token: tokens.access_token })).status).toBe(401);
    expect(
      (
        await till.request('POST', '/auth/refresh', {
          body: { refresh_token: tokens.refresh_token, mode: 'json' },
        })
      ).status,
    ).toBe(401);
  });
});
