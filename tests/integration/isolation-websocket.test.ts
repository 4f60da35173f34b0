// Tenant isolation over the websocket endpoint (hole 2, and hole 1 over websockets): a shop account
// subscribes only to its own notifications, never to other collections, system collections, or with
// `event`/`item`; it never receives another shop's rows or keys; and its `items` messages cannot
// update or delete by query. Every wait is bounded (tests/support/websocket.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { as, closeDb, db, shopIds, type Account, type Shops } from '../support/context.ts';
import { isError, signedInSocket, type SocketClient, type SocketMessage } from '../support/websocket.ts';

afterAll(closeDb);

/** How long a test listens to make sure that nothing arrives. */
const QUIET_MS = 1_500;

type Row = Record<string, unknown>;

let shops: Shops;
const users = new Map<string, string>();
const notificationsOf = new Map<string, number>();
let entebbeCustomer: number;
const sockets: SocketClient[] = [];

async function socketAs(account: Account): Promise<SocketClient> {
  const socket = await signedInSocket(await as(account));
  sockets.push(socket);
  return socket;
}

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

async function insertNotification(shopId: number, userId: string, title: string): Promise<number> {
  const [row] = (await db()('notifications')
    .insert({ shop_id: shopId, user_id: userId, title, message: 'Isolation test', type: 'test' })
    .returning('id')) as [{ id: number }];
  return row.id;
}

beforeAll(async () => {
  shops = await shopIds();
  const rows = (await db()('directus_users').select('id', 'email')) as { id: string; email: string }[];
  for (const row of rows) users.set(row.email, row.id);
  const user = (email: string): string => users.get(email) ?? '';
  // Setup: one notification for each of three users of both shops
  notificationsOf.set(
    'kampalaStaff',
    await insertNotification(shops.kampala, user('staff@kampala.example.com'), 'Low stock'),
  );
  notificationsOf.set(
    'kampalaOwner',
    await insertNotification(shops.kampala, user('owner@kampala.example.com'), 'Sale to approve'),
  );
  notificationsOf.set(
    'entebbeStaff',
    await insertNotification(shops.entebbe, user('staff@entebbe.example.com'), 'Repair ready'),
  );
  entebbeCustomer = (
    (await db()('customers').where({ shop_id: shops.entebbe }).orderBy('id').first('id')) as {
      id: number;
    }
  ).id;
});

const subscribe = (socket: SocketClient, message: Row): Promise<SocketMessage> =>
  socket.ask({ type: 'subscribe', ...message }, (m) => m.type === 'subscription' || m.status === 'error');

describe.each(['kampalaStaff', 'kampalaOwner'] as const)('websocket subscriptions of %s', (account) => {
  it.each([
    ['a tenant collection (customers)', { collection: 'customers' }],
    ['another tenant collection (sales)', { collection: 'sales', query: { fields: ['id'] } }],
    ['directus_users', { collection: 'directus_users' }],
    ['directus_files', { collection: 'directus_files' }],
    ['notifications with an event', { collection: 'notifications', event: 'delete' }],
    ['notifications with an item', { collection: 'notifications', item: '1' }],
  ])('refuses a subscription to %s', async (_what, message) => {
    // Setup
    const socket = await socketAs(account);
    // Action
    const answer = await subscribe(socket, { uid: 'refused', ...message });
    // Assert
    expect(answer.status, JSON.stringify(answer)).toBe('error');
    expect(answer.error?.code).toBe('SUBSCRIPTION_FORBIDDEN');
    expect(await socket.drain(QUIET_MS)).toEqual([]);
  });

  it('accepts a plain subscription to notifications, starting with its own notifications only', async () => {
    const socket = await socketAs(account);
    const answer = await subscribe(socket, { collection: 'notifications', uid: 'mine' });
    expect(answer).toMatchObject({ type: 'subscription', event: 'init', uid: 'mine' });
    const rows = answer.data as { id: number; shop_id: number; user_id: string }[];
    const me = users.get(
      account === 'kampalaStaff' ? 'staff@kampala.example.com' : 'owner@kampala.example.com',
    );
    const own = (await db()('notifications').where({ user_id: me }).select('id')) as { id: number }[];
    expect(rows.map((r) => r.id).sort()).toEqual(own.map((r) => r.id).sort());
    expect(rows.map((r) => r.id)).toContain(notificationsOf.get(account));
    expect(rows.map((r) => r.id)).not.toContain(notificationsOf.get('entebbeStaff'));
  });
});

describe('live notifications', () => {
  it('brings Kampala staff its own new notification and nothing of Entebbe', async () => {
    // Setup
    const socket = await socketAs('kampalaStaff');
    await subscribe(socket, { collection: 'notifications', uid: 'live' });
    const admin = await as('admin');
    // Action: the server writes one notification in each shop, and edits the Entebbe one
    const entebbe = await admin.call<{ id: number }>('POST', '/items/notifications', {
      shop_id: shops.entebbe,
      user_id: users.get('staff@entebbe.example.com'),
      title: 'Entebbe only',
      message: 'Not for Kampala',
      type: 'test',
    });
    await admin.call('PATCH', `/items/notifications/${entebbe.id}`, { is_read: true });
    const mine = await admin.call<{ id: number }>('POST', '/items/notifications', {
      shop_id: shops.kampala,
      user_id: users.get('staff@kampala.example.com'),
      title: 'For Grace',
      message: 'Kampala staff',
      type: 'test',
    });
    // Assert: the Kampala event arrives (the subscription is live), the Entebbe ones never do
    const created = await socket.next((m) => m.type === 'subscription' && m.event === 'create');
    expect((created.data as { id: number }[]).map((r) => r.id)).toEqual([mine.id]);
    const rest = await socket.drain(QUIET_MS);
    expect(JSON.stringify(rest)).not.toContain('Entebbe only');
    expect(rest).toEqual([]);
  });

  it('never sends a Kampala subscriber the key of a deleted Entebbe notification (no hard delete)', async () => {
    // Setup
    const socket = await socketAs('kampalaStaff');
    await subscribe(socket, { collection: 'notifications', uid: 'deletes' });
    const target = notificationsOf.get('entebbeStaff');
    // Action: even the platform admin cannot hard-delete a notification through the API
    const response = await (await as('admin')).request('DELETE', `/items/notifications/${target}`);
    // Assert
    expect(response.status).toBe(403);
    expect((response.body as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'LIVE_DELETE_FORBIDDEN',
    );
    expect(await db()('notifications').where({ id: target }).first()).toBeDefined();
    expect(await socket.drain(QUIET_MS)).toEqual([]);
  });
});

describe('websocket items messages', () => {
  it.each([
    ['update', { data: { notes: 'over the socket' } }],
    ['delete', {}],
  ])('refuses an %s by query naming an Entebbe row, and changes nothing', async (action, extra) => {
    // Setup
    const socket = await socketAs('kampalaOwner');
    const before = (await db()('customers').where({ id: entebbeCustomer }).first()) as Row | undefined;
    // Action
    const answer = await socket.ask(
      {
        type: 'items',
        collection: 'customers',
        action,
        query: { filter: { id: { _eq: entebbeCustomer } } },
        uid: action,
        ...extra,
      },
      (m) => m.status === 'error' || m.type === 'items',
    );
    // Assert
    expect(answer.status, JSON.stringify(answer)).toBe('error');
    expect(answer.error?.code).toBe('QUERY_MUTATION_FORBIDDEN');
    expect(await db()('customers').where({ id: entebbeCustomer }).first()).toEqual(before);
  });

  it('answers the same whether or not the query matches (no oracle)', async () => {
    const socket = await socketAs('kampalaOwner');
    const probe = (id: number): Row => ({
      type: 'items',
      collection: 'customers',
      action: 'update',
      query: { filter: { id: { _eq: id } } },
      data: { notes: 'probe' },
    });
    const matching = await socket.ask(probe(entebbeCustomer), isError());
    const missing = await socket.ask(probe(-1), isError());
    expect(missing).toEqual(matching);
  });

  it('reads no Entebbe customer over the socket', async () => {
    const socket = await socketAs('kampalaStaff');
    const one = await socket.ask(
      { type: 'items', collection: 'customers', action: 'read', id: entebbeCustomer, uid: 'one' },
      (m) => m.uid === 'one' || m.status === 'error',
    );
    const list = await socket.ask(
      {
        type: 'items',
        collection: 'customers',
        action: 'read',
        query: { fields: ['shop_id'], limit: -1 },
        uid: 'list',
      },
      (m) => m.uid === 'list',
    );
    expect(one.status).toBe('error');
    expect(one.error?.code).toBe('FORBIDDEN');
    const rows = list.data as { shop_id: number }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.shop_id))).toEqual(new Set([shops.kampala]));
  });
});
