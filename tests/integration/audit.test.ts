// The audit trail: plain /items writes (as Studio makes them) and logins are recorded with old and
// new values, user, IP and user agent; Owners read their shop's trail and nobody else does; nobody,
// the platform admin included, changes or deletes an entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../directus/admin-client.ts';
import { ACCOUNTS, as, baseUrl, closeDb, db, shopIds } from '../support/context.ts';
import { freshPhone } from '../support/fixtures.ts';
import { DEMO_PASSWORD } from '../setup/instance.ts';

afterAll(closeDb);

interface AuditRow {
  id: number;
  shop_id: number;
  user_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  old_value: Record<string, unknown> | null;
  new_value: Record<string, unknown> | null;
  ip_address: string | null;
  user_agent: string | null;
}

let kampala: number;
beforeAll(async () => {
  kampala = (await shopIds()).kampala;
});

const trail = async (entityType: string, entityId: string | number): Promise<AuditRow[]> =>
  (await db()('audit_logs')
    .where({ entity_type: entityType, entity_id: String(entityId) })
    .orderBy('id')) as AuditRow[];

/**
 * Directus runs action hooks after it has answered, so the entries of a plain /items write land a
 * moment after the response (docs/decisions.md, audit trail): wait until `count` entries are there.
 */
async function settledTrail(
  entityType: string,
  entityId: string | number,
  count: number,
): Promise<AuditRow[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const rows = await trail(entityType, entityId);
    if (rows.length >= count || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('audit trail', () => {
  it('records a create, an update with old and new values, and a delete made through /items', async () => {
    const owner = await as('kampalaOwner');
    const created = await owner.request<{ data: { id: number } }>(
      'POST',
      '/items/customers',
      { name: 'Audited Customer', phone: freshPhone() },
      { 'user-agent': 'audit-test/1.0' },
    );
    expect(created.status).toBe(200);
    const id = created.body.data.id;
    expect(
      (await owner.request('PATCH', `/items/customers/${id}`, { name: 'Audited Customer Renamed' })).status,
    ).toBe(200);
    expect((await owner.request('DELETE', `/items/customers/${id}`)).status).toBe(204);
    const rows = await settledTrail('customers', id, 3);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
    const ownerId = (await owner.call<{ id: string }>('GET', '/users/me?fields=id')).id;
    expect(rows.every((r) => r.user_id === ownerId && r.shop_id === kampala)).toBe(true);
    expect(rows[0]?.new_value).toMatchObject({ name: 'Audited Customer' });
    expect(rows[0]?.user_agent).toBe('audit-test/1.0');
    expect(rows[1]).toMatchObject({
      old_value: { name: 'Audited Customer' },
      new_value: { name: 'Audited Customer Renamed' },
    });
    expect(rows[2]?.old_value).toMatchObject({ name: 'Audited Customer Renamed' });
  });

  it('records logins and failed logins of shop accounts with IP and user agent, never the password', async () => {
    const userId = (await db()('directus_users')
      .where({ email: ACCOUNTS.kampalaSupervisor })
      .first('id')) as { id: string };
    const before = (await trail('auth', userId.id)).length;
    await login(baseUrl(), ACCOUNTS.kampalaSupervisor, DEMO_PASSWORD);
    await fetch(`${baseUrl()}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ACCOUNTS.kampalaSupervisor, password: 'wrong-password-1' }),
    });
    // Directus writes them in action hooks, after it has answered.
    const rows = (await settledTrail('auth', userId.id, before + 2)).slice(before);
    expect(rows.map((r) => r.action)).toEqual(['login', 'login_failed']);
    expect(rows[0]?.ip_address).toBeTruthy();
    expect(JSON.stringify(rows)).not.toContain(DEMO_PASSWORD);
    // The failed attempt above counts toward the lockout: log in once more to reset the counter.
    await login(baseUrl(), ACCOUNTS.kampalaSupervisor, DEMO_PASSWORD);
  });

  it('redacts passwords of users an Owner creates', async () => {
    const owner = await as('kampalaOwner');
    const created = await owner.request<{ data: { id: string } }>('POST', '/users', {
      email: `audited-${Date.now()}@kampala.example.com`,
      password: 'a-secret-password-1',
      role: '5b0f6a2e-0c1d-4e7a-9a51-0d7c3b1e0a03',
    });
    expect(created.status).toBe(200);
    const rows = await settledTrail('directus_users', created.body.data.id, 1);
    expect(rows[0]?.new_value).toMatchObject({ password: '[redacted]' });
  });

  it('Owners read their shop’s trail; Supervisors and Staff do not', async () => {
    const owner = await as('kampalaOwner');
    const read = await owner.request<{ data: { shop_id: number }[] }>(
      'GET',
      '/items/audit_logs?limit=-1&fields=shop_id',
    );
    expect(read.status).toBe(200);
    expect(read.body.data.length).toBeGreaterThan(0);
    expect(read.body.data.every((r) => r.shop_id === kampala)).toBe(true);
    expect((await (await as('kampalaSupervisor')).request('GET', '/items/audit_logs')).status).toBe(403);
    expect((await (await as('kampalaStaff')).request('GET', '/items/audit_logs')).status).toBe(403);
  });

  it('refuses updates and deletes of the trail to everyone, the platform admin included', async () => {
    const entry = (await db()('audit_logs').where({ shop_id: kampala }).first()) as AuditRow;
    const owner = await as('kampalaOwner');
    expect(
      (await owner.request('PATCH', `/items/audit_logs/${entry.id}`, { action: 'tampered' })).status,
    ).toBe(403);
    expect((await owner.request('DELETE', `/items/audit_logs/${entry.id}`)).status).toBe(403);
    const admin = await as('admin');
    const adminUpdate = await admin.request<{ errors: { extensions: { code: string } }[] }>(
      'PATCH',
      `/items/audit_logs/${entry.id}`,
      { action: 'tampered' },
    );
    expect(adminUpdate.status).toBe(409);
    expect(adminUpdate.body.errors[0]?.extensions.code).toBe('APPEND_ONLY');
    expect((await admin.request('DELETE', `/items/audit_logs/${entry.id}`)).status).toBe(409);
    expect(await db()('audit_logs').where({ id: entry.id }).first()).toMatchObject({ action: entry.action });
  });
});
