// Where a webhook may point, with production's rules (this suite's instance runs without
// WEBHOOKS_ALLOW_PRIVATE): https only, and no address of the server's own network, however it is
// written or whatever name leads to it; checked when saved, and again when each attempt connects.
import { afterAll, describe, expect, it } from 'vitest';
import { as, closeDb, db } from '../support/context.ts';

interface Envelope<T = Record<string, unknown>> {
  data: T;
  error?: { code: string; message: string; details?: Record<string, string[]> };
}

afterAll(closeDb);

describe('webhook URLs in production', () => {
  it.each([
    ['http://93.184.215.14/hook', 'must start with https://'],
    ['https://127.0.0.1/hook', 'loopback'],
    ['https://[::1]:8443/hook', 'loopback'],
    ['https://10.0.0.8/hook', 'private'],
    ['https://192.168.1.20/hook', 'private'],
    ['https://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['https://[::ffff:169.254.169.254]/', 'linkLocal'],
    ['https://2130706433/hook', 'loopback'],
    ['https://localhost/hook', 'resolves to 127.0.0.1, a loopback address'],
    ['https://vm:8055/hook', 'resolves to 127.0.0.1, a loopback address'],
    ['https://no-such-host.invalid/hook', 'does not resolve'],
  ])('refuses %s, naming the field, and saves nothing', async (url, reason) => {
    const owner = await as('kampalaOwner');
    const before = await db()('webhooks').count({ n: '*' }).first();
    const response = await owner.request<Envelope>('POST', '/api/webhooks', {
      url,
      events: ['sale.created'],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(Object.keys(response.body.error?.details ?? {})).toEqual(['url']);
    expect(response.body.error?.message).toContain(reason);
    expect(await db()('webhooks').count({ n: '*' }).first()).toEqual(before);
  });

  it('accepts a public https address (created disabled: nothing leaves this machine)', async () => {
    const owner = await as('kampalaOwner');
    const response = await owner.request<Envelope<{ id: number }>>('POST', '/api/webhooks', {
      url: 'https://93.184.215.14/hooks/phone-shop',
      events: ['sale.created'],
      is_active: false,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const moved = await owner.request<Envelope>('PUT', `/api/webhooks/${response.body.data.id}`, {
      url: 'https://10.9.8.7/hooks',
    });
    expect(moved.status).toBe(400);
    expect(Object.keys(moved.body.error?.details ?? {})).toEqual(['url']);
    expect((await owner.request('DELETE', `/api/webhooks/${response.body.data.id}`)).status).toBe(200);
  });

  it('refuses at delivery time a name that now leads to the server (DNS rebinding)', async () => {
    const owner = await as('kampalaOwner');
    const created = await owner.request<Envelope<{ id: number }>>('POST', '/api/webhooks', {
      url: 'https://93.184.215.14/hooks/phone-shop',
      events: ['sale.created'],
      is_active: false,
    });
    expect(created.status).toBe(201);
    // As if the name it was saved with resolved elsewhere since: the attempt must not connect.
    await db()('webhooks').where('id', created.body.data.id).update({ url: 'https://localhost:1/hook' });
    const attempt = await owner.request<
      Envelope<{ status: string; error: string; response_status: number | null }>
    >('POST', `/api/webhooks/${created.body.data.id}/test`);
    expect(attempt.status).toBe(200);
    expect(attempt.body.data.status).toBe('failed');
    expect(attempt.body.data.response_status).toBeNull();
    expect(attempt.body.data.error).toMatch(/localhost: 127\.0\.0\.1 is a loopback address/);
    await db()('webhooks').where('id', created.body.data.id).update({ url: 'https://10.0.0.1/hook' });
    const literal = await owner.request<Envelope<{ error: string }>>(
      'POST',
      `/api/webhooks/${created.body.data.id}/test`,
    );
    expect(literal.body.data.error).toContain('URL refused: 10.0.0.1 is a private address');
    await owner.request('DELETE', `/api/webhooks/${created.body.data.id}`);
  });
});
