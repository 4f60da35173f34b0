// Directus flows (hole 4): no webhook-triggered flow (it runs for anonymous callers), no item
// operation with full access or without explicit permissions, no "$trigger" operation in a
// scheduled flow (it would run as administrator) — on create and on every later update — and an
// anonymous trigger never returns data. Refusals hold even for the platform admin.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_IDS } from '../../snapshots/access/roles.ts';
import { anonymous, as, closeDb, db, type Session } from '../support/context.ts';

afterAll(closeDb);

interface ErrorBody {
  errors?: { message: string; extensions: { code: string } }[];
}
type Row = Record<string, unknown>;

const codeOf = (body: unknown): string | undefined => (body as ErrorBody).errors?.[0]?.extensions.code;
const tag = (): string => randomUUID().slice(0, 8);

let admin: Session;

beforeAll(async () => {
  admin = await as('admin');
});

async function createFlow(trigger: 'manual' | 'event' | 'schedule'): Promise<string> {
  const options: Record<string, Row> = {
    manual: { collections: ['customers'] },
    event: { type: 'action', scope: ['items.create'], collections: ['customers'] },
    schedule: { cron: '0 0 1 1 *' },
  };
  const flow = await admin.call<{ id: string }>('POST', '/flows', {
    name: `Isolation ${trigger} ${tag()}`,
    trigger,
    status: 'inactive',
    options: options[trigger],
  });
  return flow.id;
}

const itemRead = (flow: string, permissions?: string): Row => ({
  name: 'Read customers',
  key: `read_${tag()}`,
  type: 'item-read',
  flow,
  position_x: 19,
  position_y: 1,
  options: { collection: 'customers', ...(permissions === undefined ? {} : { permissions }) },
});

async function operation(id: string): Promise<Row | undefined> {
  return (await db()('directus_operations').where({ id }).first()) as Row | undefined;
}

describe('flows and operations (as the platform admin)', () => {
  it('refuses a webhook-triggered flow, and stores nothing', async () => {
    const name = `Webhook ${tag()}`;
    const response = await admin.request('POST', '/flows', {
      name,
      trigger: 'webhook',
      status: 'active',
      options: { method: 'POST' },
    });
    expect(response.status).toBe(400);
    expect(codeOf(response.body)).toBe('UNSAFE_FLOW');
    expect(await db()('directus_flows').where({ name }).first()).toBeUndefined();
  });

  it('refuses turning a manual flow into a webhook flow', async () => {
    const flow = await createFlow('manual');
    const response = await admin.request('PATCH', `/flows/${flow}`, { trigger: 'webhook' });
    expect(codeOf(response.body)).toBe('UNSAFE_FLOW');
    expect(((await db()('directus_flows').where({ id: flow }).first()) as Row)['trigger']).toBe('manual');
  });

  it.each([
    ['with full access', '$full'],
    ['without permissions', undefined],
  ])('refuses an item-read operation %s, and stores nothing', async (_what, permissions) => {
    const flow = await createFlow('manual');
    const payload = itemRead(flow, permissions);
    const response = await admin.request('POST', '/operations', payload);
    expect(response.status).toBe(400);
    expect(codeOf(response.body)).toBe('UNSAFE_FLOW');
    expect(await db()('directus_operations').where({ key: payload['key'] }).first()).toBeUndefined();
  });

  it('accepts an item-read operation that runs with a shop role', async () => {
    const flow = await createFlow('manual');
    const created = await admin.call<{ id: string }>('POST', '/operations', itemRead(flow, ROLE_IDS.Staff));
    expect((await operation(created.id))?.['options']).toMatchObject({ permissions: ROLE_IDS.Staff });
  });

  it('refuses a later update that gives an operation full access (options only, no type)', async () => {
    // Setup
    const flow = await createFlow('manual');
    const created = await admin.call<{ id: string }>('POST', '/operations', itemRead(flow, ROLE_IDS.Staff));
    const before = await operation(created.id);
    // Action
    const response = await admin.request('PATCH', `/operations/${created.id}`, {
      options: { collection: 'customers', permissions: '$full' },
    });
    // Assert
    expect(response.status).toBe(400);
    expect(codeOf(response.body)).toBe('UNSAFE_FLOW');
    expect(await operation(created.id)).toEqual(before);
  });

  it('accepts a later update that keeps explicit permissions (type only)', async () => {
    const flow = await createFlow('manual');
    const created = await admin.call<{ id: string }>('POST', '/operations', itemRead(flow, ROLE_IDS.Staff));
    const response = await admin.request('PATCH', `/operations/${created.id}`, {
      type: 'item-read',
      name: 'Renamed',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  });

  it('refuses "$trigger" in a scheduled flow (it would run as administrator)', async () => {
    const flow = await createFlow('schedule');
    const response = await admin.request('POST', '/operations', itemRead(flow, '$trigger'));
    expect(codeOf(response.body)).toBe('UNSAFE_FLOW');
  });

  it('refuses scheduling an event flow whose operations run as "$trigger"', async () => {
    // Setup: "$trigger" is fine in an event flow, where a caller triggers it
    const flow = await createFlow('event');
    const created = await admin.call<{ id: string }>('POST', '/operations', itemRead(flow, '$trigger'));
    expect(await operation(created.id)).toBeDefined();
    // Action
    const response = await admin.request('PATCH', `/flows/${flow}`, {
      trigger: 'schedule',
      options: { cron: '0 0 1 1 *' },
    });
    // Assert
    expect(codeOf(response.body)).toBe('UNSAFE_FLOW');
    expect(((await db()('directus_flows').where({ id: flow }).first()) as Row)['trigger']).toBe('event');
  });

  it('refuses a Kampala owner any flow', async () => {
    const owner = await as('kampalaOwner');
    const response = await owner.request('POST', '/flows', { name: `Owner ${tag()}`, trigger: 'manual' });
    expect(response.status).toBe(403);
  });
});

describe('anonymous flow triggers', () => {
  it.each(['GET', 'POST'])('never return data to an anonymous %s', async (method) => {
    // Setup: a flow that does not exist (a webhook flow would have been refused) and a manual flow
    const manual = await createFlow('manual');
    await admin.call('PATCH', `/flows/${manual}`, { status: 'active' });
    for (const id of [randomUUID(), manual]) {
      // Action
      const response = await anonymous().request<{ data?: unknown }>(
        method,
        `/flows/trigger/${id}`,
        method === 'POST' ? { collection: 'customers', keys: [1] } : undefined,
      );
      // Assert
      // 401: a body without a token is not even read (security/request-edge.ts).
      expect([401, 403, 404], `${id}: ${JSON.stringify(response.body)}`).toContain(response.status);
      expect(response.body).not.toHaveProperty('data');
    }
  });
});
