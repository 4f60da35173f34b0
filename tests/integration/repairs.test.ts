// The spec's tests/test_repairs.py through the real /api, plus the workflow's rules: illegal moves and
// moves by a role that may not make them are refused with the reason; final states stay final but for
// an Owner's audited correction; parts come out of stock; payment on delivery; the warranty date.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, closeDb, db, shopIds, type Session } from '../support/context.ts';
import { freshImei, freshPhone } from '../support/fixtures.ts';

afterAll(closeDb);

interface Envelope<T> {
  success: boolean;
  data: T;
  error?: { code: string; message: string; details?: Record<string, string[]> };
}

interface Repair {
  id: number;
  repair_number: string;
  status: string;
  customer_id: number | null;
  device_id: number | null;
  technician_id: string | null;
  is_editable: boolean;
  warranty_expires_at: string | null;
  actual_completion: string | null;
  parts_cost: number;
  allowed_moves?: string[];
}

let shops: { kampala: number; entebbe: number };
const ids = new Map<string, string>();
beforeAll(async () => {
  shops = await shopIds();
  for (const account of ['kampalaStaff', 'kampalaSupervisor', 'kampalaOwner', 'entebbeStaff'] as const) {
    ids.set(account, (await (await as(account)).call<{ id: string }>('GET', '/users/me?fields=id')).id);
  }
});

async function register(session: Session, overrides: Record<string, unknown> = {}): Promise<Repair> {
  const response = await session.request<Envelope<Repair>>('POST', '/api/repairs', {
    customer: { name: 'Aisha Nansubuga', phone: freshPhone().replace('+256', '0') },
    device: { brand: 'Tecno', model: 'Camon 30', imei_serial: freshImei() },
    issue_description: 'Screen cracked after a fall',
    repair_type: 'Screen replacement',
    estimated_cost: 180_000,
    ...overrides,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data;
}

async function move(session: Session, repair: Repair, status: string, extra: Record<string, unknown> = {}) {
  return session.request<Envelope<Repair>>('POST', `/api/repairs/${repair.id}/status`, { status, ...extra });
}

describe('registration', () => {
  it('test_create_repair_with_device: finds or creates the customer by phone and the device by IMEI, numbers it per shop', async () => {
    const staff = await as('kampalaStaff');
    const phone = freshPhone();
    const imei = freshImei();
    const repair = await register(staff, {
      customer: { name: 'Aisha Nansubuga', phone: `0${phone.slice(4)}` },
      device: { brand: 'Tecno', model: 'Camon 30', imei_serial: imei },
    });
    expect(repair.repair_number).toMatch(/^KPH-R-\d{4}-\d{5}$/);
    expect(repair.status).toBe('Pending');
    expect(await db()('customers').where({ id: repair.customer_id }).first()).toMatchObject({
      phone,
      shop_id: shops.kampala,
    });
    expect(await db()('devices').where({ id: repair.device_id }).first()).toMatchObject({
      imei_serial: imei,
      status: 'In Repair',
    });
    // The same phone and IMEI again: the customer and the device are found, not duplicated.
    const again = await register(staff, {
      customer: { phone },
      device: { brand: 'Tecno', model: 'Camon 30', imei_serial: imei },
    });
    expect(again.customer_id).toBe(repair.customer_id);
    expect(again.device_id).toBe(repair.device_id);
    expect(await db()('repair_status_history').where({ repair_id: repair.id }).first()).toMatchObject({
      old_status: null,
      new_status: 'Pending',
    });
    const event: unknown = await db()('outbox_events')
      .where({ event_type: 'repair.status_changed' })
      .whereRaw("payload->'data'->>'repair_id' = ?", [String(repair.id)])
      .first();
    expect(event).toBeDefined();
  });

  it('refuses an IMEI with a wrong check digit and an invalid phone, naming the field, writing nothing', async () => {
    const staff = await as('kampalaStaff');
    const before = await db()('repairs').count({ n: '*' }).first();
    const badImei = await staff.request<Envelope<unknown>>('POST', '/api/repairs', {
      customer: { name: 'Test', phone: freshPhone() },
      device: { brand: 'Tecno', model: 'Spark', imei_serial: '490154203237517' },
      issue_description: 'Dead',
      repair_type: 'Diagnosis',
    });
    expect(badImei.status).toBe(400);
    expect(Object.keys(badImei.body.error?.details ?? {})).toEqual(['device.imei_serial']);
    const badPhone = await staff.request<Envelope<unknown>>('POST', '/api/repairs', {
      customer: { name: 'Test', phone: '12' },
      device: { brand: 'Tecno', model: 'Spark', imei_serial: freshImei() },
      issue_description: 'Dead',
      repair_type: 'Diagnosis',
    });
    expect(badPhone.status).toBe(400);
    expect(Object.keys(badPhone.body.error?.details ?? {})).toEqual(['customer.phone']);
    expect(await db()('repairs').count({ n: '*' }).first()).toEqual(before);
  });
});

describe('assignment', () => {
  it('test_assign_repair_to_technician: Supervisor assigns an active user of the shop; Staff may not', async () => {
    const repair = await register(await as('kampalaStaff'));
    const staffId = ids.get('kampalaStaff') ?? '';
    expect(
      (
        await (
          await as('kampalaStaff')
        ).request('POST', `/api/repairs/${repair.id}/assign`, { technician_id: staffId })
      ).status,
    ).toBe(403);
    const assigned = await (
      await as('kampalaSupervisor')
    ).request<Envelope<Repair>>('POST', `/api/repairs/${repair.id}/assign`, { technician_id: staffId });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body.data.technician_id).toBe(staffId);
    expect(
      await db()('notifications')
        .where({ user_id: staffId, type: 'repair.assigned', link: `/repairs/${repair.id}` })
        .first(),
    ).toBeDefined();
  });

  it('refuses a technician of another shop and a suspended one', async () => {
    const repair = await register(await as('kampalaStaff'));
    const supervisor = await as('kampalaSupervisor');
    const foreign = await supervisor.request<Envelope<unknown>>('POST', `/api/repairs/${repair.id}/assign`, {
      technician_id: ids.get('entebbeStaff'),
    });
    expect(foreign.status).toBe(400);
    expect(Object.keys(foreign.body.error?.details ?? {})).toEqual(['technician_id']);
    const [suspended] = (await db()('directus_users')
      .insert({
        id: randomUUID(),
        email: `tech-${randomUUID().slice(0, 6)}@kampala.example.com`,
        role: '5b0f6a2e-0c1d-4e7a-9a51-0d7c3b1e0a03',
        status: 'suspended',
        shop: shops.kampala,
      })
      .returning('id')) as [{ id: string }];
    const inactive = await supervisor.request<Envelope<unknown>>('POST', `/api/repairs/${repair.id}/assign`, {
      technician_id: suspended.id,
    });
    expect(inactive.status).toBe(400);
    expect(inactive.body.error?.message).toContain('suspended');
    expect(await db()('repairs').where({ id: repair.id }).first()).toMatchObject({ technician_id: null });
  });

  it('Staff see the repairs assigned to them and the ones they registered, not others', async () => {
    const mine = await register(await as('kampalaStaff'));
    const other = await register(await as('kampalaSupervisor'));
    const assignedToMe = await register(await as('kampalaSupervisor'));
    await (
      await as('kampalaSupervisor')
    ).request('POST', `/api/repairs/${assignedToMe.id}/assign`, { technician_id: ids.get('kampalaStaff') });
    const list = await (
      await as('kampalaStaff')
    ).request<Envelope<Repair[]>>('GET', '/api/repairs?limit=500');
    const seen = list.body.data.map((r) => r.id);
    expect(seen).toEqual(expect.arrayContaining([mine.id, assignedToMe.id]));
    expect(seen).not.toContain(other.id);
    expect((await (await as('kampalaStaff')).request('GET', `/api/repairs/${other.id}`)).status).toBe(404);
  });
});

describe('status workflow', () => {
  it('test_change_repair_status and test_complete_repair_workflow: from intake to delivery, paid, with warranty', async () => {
    const supervisor = await as('kampalaSupervisor');
    const repair = await register(await as('kampalaStaff'), { warranty_period: 90 });
    for (const status of ['Diagnosed', 'Parts Ordered', 'In Progress', 'Quality Check', 'Completed']) {
      const moved = await move(supervisor, repair, status, { notes: `now ${status}` });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    const completed = (await db()('repairs').where({ id: repair.id }).first()) as Repair;
    expect(completed.actual_completion).not.toBeNull();
    expect(
      await db()('outbox_events')
        .where({ event_type: 'repair.completed' })
        .whereRaw("payload->'data'->>'repair_id' = ?", [String(repair.id)])
        .first(),
    ).toBeDefined();
    const delivered = await move(supervisor, repair, 'Delivered', {
      actual_cost: 170_000,
      payments: [
        { method: 'Cash', amount: 70_000 },
        { method: 'Airtel Money', amount: 100_000 },
      ],
    });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    expect(delivered.body.data).toMatchObject({ status: 'Delivered', is_editable: false });
    const expected = new Date(Date.now() + 3 * 3_600_000);
    expected.setUTCDate(expected.getUTCDate() + 90);
    expect(String(delivered.body.data.warranty_expires_at).slice(0, 10)).toBe(
      expected.toISOString().slice(0, 10),
    );
    const payments = (await db()('repair_payments').where({ repair_id: repair.id }).orderBy('id')) as {
      method: string;
      amount: number;
    }[];
    expect(payments.map((p) => [p.method, p.amount])).toEqual([
      ['Cash', 70_000],
      ['Airtel Money', 100_000],
    ]);
    const history = await supervisor.request<
      Envelope<{ old_status: string | null; new_status: string; changed_by_name: string }[]>
    >('GET', `/api/repairs/${repair.id}/history`);
    expect(history.body.data.map((h) => h.new_status)).toEqual([
      'Pending',
      'Diagnosed',
      'Parts Ordered',
      'In Progress',
      'Quality Check',
      'Completed',
      'Delivered',
    ]);
    expect(history.body.data[1]?.changed_by_name).toBe('David Okello');
  });

  it('refuses an illegal transition and a move by a role that may not make it, with the reason', async () => {
    const repair = await register(await as('kampalaStaff'));
    const jump = await move(await as('kampalaOwner'), repair, 'Completed');
    expect(jump.status).toBe(409);
    expect(jump.body.error?.message).toContain('from Pending it can go to Diagnosed, Cancelled');
    const byStaff = await move(await as('kampalaStaff'), repair, 'Diagnosed');
    expect(byStaff.status).toBe(409);
    expect(byStaff.body.error?.message).toContain('Staff may not move a repair from Pending to Diagnosed');
    expect(await db()('repairs').where({ id: repair.id }).first()).toMatchObject({ status: 'Pending' });
    expect(
      await db()('repair_status_history').where({ repair_id: repair.id }).count({ n: '*' }).first(),
    ).toEqual({ n: 1 });
  });

  it('keeps Delivered final for a Supervisor; an Owner corrects it with a reason, audited', async () => {
    const supervisor = await as('kampalaSupervisor');
    const repair = await register(await as('kampalaStaff'));
    for (const status of ['Diagnosed', 'In Progress', 'Quality Check', 'Completed', 'Delivered'])
      expect((await move(supervisor, repair, status)).status).toBe(200);
    expect((await move(supervisor, repair, 'In Progress')).status).toBe(409);
    const owner = await as('kampalaOwner');
    const noReason = await move(owner, repair, 'In Progress');
    expect(noReason.status).toBe(400);
    const corrected = await move(owner, repair, 'In Progress', {
      notes: 'Customer came back the same day: the speaker still crackles',
    });
    expect(corrected.status).toBe(200);
    expect(
      await db()('audit_logs')
        .where({ entity_type: 'repairs', entity_id: String(repair.id), action: 'correct_status' })
        .first(),
    ).toBeDefined();
  });

  it('after delivery only an Owner edits the repair, also through /items', async () => {
    const supervisor = await as('kampalaSupervisor');
    const repair = await register(await as('kampalaStaff'));
    for (const status of ['Diagnosed', 'In Progress', 'Quality Check', 'Completed', 'Delivered'])
      await move(supervisor, repair, status);
    const bySupervisor = await supervisor.request('PATCH', `/items/repairs/${repair.id}`, {
      notes: 'late change',
    });
    expect(bySupervisor.status).toBe(409);
    const byOwner = await (
      await as('kampalaOwner')
    ).request('PATCH', `/items/repairs/${repair.id}`, { notes: 'Owner note after delivery' });
    expect(byOwner.status).toBe(200);
    expect(await db()('repairs').where({ id: repair.id }).first()).toMatchObject({
      notes: 'Owner note after delivery',
    });
  });

  it('test_edit_repair_as_supervisor and test_delete_repair_as_staff_forbidden', async () => {
    const repair = await register(await as('kampalaStaff'));
    const edited = await (
      await as('kampalaSupervisor')
    ).request('PATCH', `/items/repairs/${repair.id}`, { estimated_cost: 200_000, labor_cost: 50_000 });
    expect(edited.status).toBe(200);
    expect(await db()('repairs').where({ id: repair.id }).first()).toMatchObject({
      estimated_cost: 200_000,
      labor_cost: 50_000,
    });
    expect((await (await as('kampalaStaff')).request('DELETE', `/items/repairs/${repair.id}`)).status).toBe(
      403,
    );
    expect(
      (await (await as('kampalaSupervisor')).request('DELETE', `/items/repairs/${repair.id}`)).status,
    ).toBe(403);
    expect(await db()('repairs').where({ id: repair.id }).first()).toBeDefined();
  });
});

describe('parts and notifications', () => {
  it('takes parts from stock through the ledger and adds their cost to the repair', async () => {
    const [product] = (await db()('products')
      .insert({
        shop_id: shops.kampala,
        name: `Screen ${randomUUID().slice(0, 6)}`,
        category: 'Parts',
        selling_price: 120_000,
        cost_price: 80_000,
        stock_quantity: 2,
      })
      .returning('id')) as [{ id: number }];
    const repair = await register(await as('kampalaStaff'));
    const supervisor = await as('kampalaSupervisor');
    const added = await supervisor.request<Envelope<Repair>>('POST', `/api/repairs/${repair.id}/parts`, {
      product_id: product.id,
      quantity: 1,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    // Parts are at cost: the Supervisor who adds one does not see what it cost, the Owner does.
    expect(added.body.data).not.toHaveProperty('parts_cost');
    const owners = await (
      await as('kampalaOwner')
    ).request<Envelope<Repair>>('GET', `/api/repairs/${repair.id}`);
    expect(owners.body.data.parts_cost).toBe(80_000);
    const items = await supervisor.request<{ data: Record<string, unknown> }>(
      'GET',
      `/items/repairs/${repair.id}`,
    );
    expect(items.status).toBe(200);
    expect(items.body.data).not.toHaveProperty('parts_cost');
    expect(await db()('products').where({ id: product.id }).first()).toMatchObject({ stock_quantity: 1 });
    expect(
      await db()('stock_movements')
        .where({ product_id: product.id, movement_type: 'repair_part', reference_id: repair.id })
        .first(),
    ).toMatchObject({ quantity: -1 });
    const tooMany = await supervisor.request<Envelope<unknown>>('POST', `/api/repairs/${repair.id}/parts`, {
      product_id: product.id,
      quantity: 5,
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error?.code).toBe('INSUFFICIENT_STOCK');
  });

  it('queues a customer notification as a repair.status_changed event', async () => {
    const repair = await register(await as('kampalaStaff'));
    const before = Number(
      (
        (await db()('outbox_events')
          .where({ event_type: 'repair.status_changed' })
          .whereRaw("payload->'data'->>'repair_id' = ?", [String(repair.id)])
          .count({ n: '*' })
          .first()) as { n: string }
      ).n,
    );
    const queued = await (
      await as('kampalaSupervisor')
    ).request('POST', `/api/repairs/${repair.id}/notify-customer`, {
      message: 'Your phone is ready for collection',
    });
    expect(queued.status).toBe(200);
    const events = (await db()('outbox_events')
      .where({ event_type: 'repair.status_changed' })
      .whereRaw("payload->'data'->>'repair_id' = ?", [String(repair.id)])) as {
      payload: { data: { notes: string; customer: { phone: string } } };
    }[];
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)?.payload.data).toMatchObject({ notes: 'Your phone is ready for collection' });
    expect(events.at(-1)?.payload.data.customer.phone).toMatch(/^\+256/);
  });

  it('an Entebbe account cannot see or move a Kampala repair', async () => {
    const repair = await register(await as('kampalaStaff'));
    const entebbe = await as('entebbeOwner');
    expect((await entebbe.request('GET', `/api/repairs/${repair.id}`)).status).toBe(404);
    expect((await move(entebbe, repair, 'Diagnosed')).status).toBe(404);
  });
});
