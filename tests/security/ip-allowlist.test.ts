// A shop's IP allow-list: its accounts sign in and work only from its networks, on every surface
// (/items, /graphql, /api, exports, files, a token refresh, websockets); another shop is not
// concerned; a list that shuts out the Owner saving it is refused; the platform admin clears it.
import { Agent, WebSocket } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { as, baseUrl, db, shopIds } from '../support/context.ts';
import { codeOf, from, newMember, signIn, tokensOf } from './support.ts';

/** Answers the first message a websocket signed in with the token receives after subscribing. */
function subscribeFrom(
  address: string,
  token: string,
): Promise<{ type: string; status?: string; error?: { code: string } }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseUrl().replace(/^http/, 'ws')}/websocket`, {
      dispatcher: new Agent({ localAddress: address }),
    });
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('no websocket answer'));
    }, 10_000);
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'auth', access_token: token })));
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as {
        type: string;
        status?: string;
        error?: { code: string };
      };
      if (message.type === 'ping') return;
      if (message.type === 'auth' && message.status === 'ok') {
        socket.send(JSON.stringify({ type: 'subscribe', collection: 'notifications', uid: 'n' }));
        return;
      }
      clearTimeout(timer);
      socket.close();
      resolve(message);
    });
    socket.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new Error('websocket failed'));
    });
  });
}

let kampala = 0;
afterAll(async () => {
  // Whatever happened, the other files of the suite find the shop open again.
  await db()('shop_security').where({ shop_id: kampala }).update({ ip_allowlist: '[]' });
});

describe('IP allow-list', () => {
  it('is refused when it would shut out the Owner saving it, or when an entry is not a network', async () => {
    kampala = (await shopIds()).kampala;
    const owner = await newMember('Owner', 'allowlist-save');
    const office = from('127.0.70.1');
    const { access_token } = await tokensOf(office, owner);
    const save = (ip_allowlist: string[]) =>
      office.request('PUT', '/api/shop/security', { token: access_token, body: { ip_allowlist } });

    const excludesMe = await save(['127.0.71.0/24']);
    expect(excludesMe.status).toBe(400);
    expect(codeOf(excludesMe.body)).toBe('ALLOWLIST_EXCLUDES_YOU');
    const invalid = await save(['127.0.70.0/24', 'not-an-address', '10.0.0.0/4']);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: { details: { 'ip_allowlist[1]': [expect.any(String)] } } });
    const supervisor = await as('kampalaSupervisor');
    expect((await supervisor.request('PUT', '/api/shop/security', { ip_allowlist: [] })).status).toBe(403);
    const stored = (await db()('shop_security').where({ shop_id: kampala }).first('ip_allowlist')) as
      { ip_allowlist: string[] } | undefined;
    expect(stored?.ip_allowlist ?? []).toEqual([]);
  });

  it('keeps the shop’s accounts to its networks on every surface, and leaves other shops alone', async () => {
    const owner = await newMember('Owner', 'allowlist-owner');
    const staff = await newMember('Staff', 'allowlist-staff');
    const office = from('127.0.72.1');
    const inside = from('127.0.72.2');
    const outside = from('127.0.73.1');
    const ownerTokens = await tokensOf(office, owner);
    const outsideTokens = await tokensOf(outside, staff); // signed in before the list existed
    const entebbe = await newMemberOfEntebbe();

    const saved = await office.request<{ data: { ip_allowlist: string[]; your_address: string } }>(
      'PUT',
      '/api/shop/security',
      { token: ownerTokens.access_token, body: { ip_allowlist: ['127.0.72.0/24', '127.0.74.9'] } },
    );
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.data.ip_allowlist).toEqual(['127.0.72.0/24', '127.0.74.9/32']);
    expect(saved.body.data.your_address).toBe('127.0.72.1');

    // Outside: signing in, refreshing, and every surface with a token given before.
    const refusedSignIn = await signIn(outside, staff.email, staff.password);
    expect(refusedSignIn.status).toBe(403);
    expect(codeOf(refusedSignIn.body)).toBe('ADDRESS_NOT_ALLOWED');
    const refresh = await outside.request('POST', '/auth/refresh', {
      body: { refresh_token: outsideTokens.refresh_token, mode: 'json' },
    });
    expect(codeOf(refresh.body)).toBe('ADDRESS_NOT_ALLOWED');
    const token = outsideTokens.access_token;
    const surfaces: [string, string, unknown?][] = [
      ['GET', '/items/products?limit=1'],
      ['GET', '/users/me'],
      ['POST', '/graphql', { query: '{ products(limit: 1) { id } }' }],
      ['GET', '/api/sales?limit=1'],
      ['GET', '/api/products/lookup?q=ca'],
      ['GET', '/api/exports/customers?format=csv'],
      ['GET', '/files?limit=1'],
      ['GET', `/assets/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`],
      ['GET', '/server/info'],
    ];
    for (const [method, path, body] of surfaces) {
      const answer = await outside.request(method, path, { token, ...(body === undefined ? {} : { body }) });
      expect(answer.status, path).toBe(403);
      expect(codeOf(answer.body), path).toBe('ADDRESS_NOT_ALLOWED');
    }
    const socket = await subscribeFrom('127.0.73.1', token);
    expect(socket.error?.code).toBe('ADDRESS_NOT_ALLOWED');

    // Inside, all is as before.
    const insideTokens = await tokensOf(inside, staff);
    expect(
      (await inside.request('GET', '/items/products?limit=1', { token: insideTokens.access_token })).status,
    ).toBe(200);
    expect((await subscribeFrom('127.0.72.2', insideTokens.access_token)).type).toBe('subscription');
    // Another shop's accounts go on from anywhere.
    expect((await signIn(outside, entebbe.email, entebbe.password)).status).toBe(200);

    // The platform admin clears the list (in Studio: shop_security).
    const admin = await as('admin');
    const cleared = await admin.request('PATCH', `/items/shop_security/${String(kampala)}`, {
      ip_allowlist: [],
    });
    expect(cleared.status).toBe(200);
    expect((await signIn(outside, staff.email, staff.password)).status).toBe(200);
  });
});

/** A Staff member of the Entebbe shop, made by its Owner. */
async function newMemberOfEntebbe(): Promise<{ email: string; password: string }> {
  const owner = await as('entebbeOwner');
  const email = `allowlist-entebbe-${String(Date.now())}@entebbe.example.com`;
  const password = 'entebbe-pass-123';
  const created = await owner.request('POST', '/api/staff', {
    email,
    password,
    first_name: 'Entebbe',
    role: 'Staff',
  });
  if (created.status !== 201) throw new Error(`could not create ${email}: ${JSON.stringify(created.body)}`);
  return { email, password };
}
