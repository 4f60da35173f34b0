// The repair desk: registration (the customer found or created by phone, the device by IMEI), the
// status workflow of domain/repair-status.ts with its history, assignment to a technician of the same
// shop, parts taken from stock, payment on delivery and the warranty. Every change writes the audit log
// and a `repair.status_changed` event (plus `repair.completed`) to the outbox.
import { isMoney, isStoredId, MAX_MONEY } from '../../domain/ranges.ts';
import type { Knex } from 'knex';
import type { PaymentMethod, RepairStatus } from '../../../../../snapshots/enums.ts';
import { checkIdentifier } from '../../domain/device-identifier.ts';
import { toE164 } from '../../domain/phone.ts';
import { decideMove, movesFrom } from '../../domain/repair-status.ts';
import { InvalidFieldError, NotFoundError, RepairMoveError } from '../../errors.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { nextNumber } from '../numbering.ts';
import { enqueueEvent } from '../outbox.ts';
import { requireRight } from '../rights.ts';
import { loadShop } from '../shop.ts';
import { moveStock, recordMovements } from '../stock.ts';

export interface RepairRow {
  id: number;
  repair_number: string;
  status: RepairStatus;
  device_id: number | null;
  customer_id: number | null;
  device_brand: string;
  device_model: string;
  imei_serial: string | null;
  issue_description: string;
  repair_type: string;
  estimated_cost: number | null;
  actual_cost: number | null;
  /** Owners only: parts at cost price. */
  parts_cost?: number;
  labor_cost: number;
  priority: string;
  technician_id: string | null;
  estimated_completion: string | null;
  actual_completion: string | null;
  delivered_at: string | null;
  warranty_period: number;
  warranty_expires_at: string | null;
  is_editable: boolean;
  notes: string | null;
  created_by: string | null;
  created_at: string;
}

export interface RegisterInput {
  customer_id?: number | undefined;
  customer?: { name?: string | undefined; phone: string; email?: string | undefined } | undefined;
  device_id?: number | undefined;
  device?:
    | {
        brand: string;
        model: string;
        imei_serial: string;
        color?: string | undefined;
        storage?: string | undefined;
      }
    | undefined;
  issue_description: string;
  repair_type: string;
  estimated_cost?: number | undefined;
  estimated_completion?: string | undefined;
  priority: string;
  warranty_period?: number | undefined;
  technician_id?: string | undefined;
  notes?: string | undefined;
}

/** Staff see the repairs assigned to them and those they registered. */
function scoped(ctx: ActionContext, query: Knex.QueryBuilder): void {
  if (ctx.role === 'Staff') {
    void query.andWhere((w) => {
      void w.where('technician_id', ctx.userId).orWhere('created_by', ctx.userId);
    });
  }
}

/** Parts are priced at cost: like every cost price, the Owner's (the matrix keeps them from others). */
function forRole<T extends RepairRow>(ctx: ActionContext, repair: T): T {
  if (ctx.role === 'Owner') return repair;
  const rest = { ...repair };
  delete rest.parts_cost;
  return rest;
}

export async function getRepair(
  ctx: ActionContext,
  repairId: number,
  lock = false,
): Promise<RepairRow & { allowed_moves: RepairStatus[] }> {
  requireRight(ctx, 'repairs', 'read');
  // An id beyond the column's range is in no shop: answered as any id that is not there.
  if (!isStoredId(repairId)) throw new NotFoundError({ entity: 'Repair', id: String(repairId) });
  const query = ctx.knex('repairs').where({ id: repairId, shop_id: ctx.shopId });
  scoped(ctx, query);
  if (lock) void query.forUpdate();
  const repair = (await query.first()) as RepairRow | undefined;
  if (!repair) throw new NotFoundError({ entity: 'Repair', id: String(repairId) });
  return forRole(ctx, { ...repair, allowed_moves: movesFrom(repair.status, ctx.role) });
}

export async function listRepairs(
  ctx: ActionContext,
  filters: { status?: string | undefined; technician_id?: string | undefined; limit: number; offset: number },
): Promise<RepairRow[]> {
  requireRight(ctx, 'repairs', 'read');
  const query = ctx.knex('repairs').where({ shop_id: ctx.shopId });
  scoped(ctx, query);
  if (filters.status) void query.andWhere('status', filters.status);
  if (filters.technician_id) void query.andWhere('technician_id', filters.technician_id);
  const rows = (await query
    .orderBy('created_at', 'desc')
    .limit(filters.limit)
    .offset(filters.offset)) as RepairRow[];
  return rows.map((r) => forRole(ctx, r));
}

async function findOrCreateCustomer(
  ctx: ActionContext,
  input: RegisterInput,
  country: string,
): Promise<number | null> {
  if (input.customer_id !== undefined) {
    const found = (await ctx
      .knex('customers')
      .select('id')
      .where({ id: input.customer_id, shop_id: ctx.shopId })
      .first()) as { id: number } | undefined;
    if (!found)
      throw new InvalidFieldError({ field: 'customer_id', reason: 'is not a customer of your shop' });
    return found.id;
  }
  if (!input.customer) return null;
  const phone = toE164(input.customer.phone, country);
  if (!phone)
    throw new InvalidFieldError({
      field: 'customer.phone',
      reason: `${input.customer.phone} is not a valid phone number`,
    });
  const existing = (await ctx
    .knex('customers')
    .select('id')
    .where({ shop_id: ctx.shopId, phone })
    .first()) as { id: number } | undefined;
  if (existing) return existing.id;
  if (!input.customer.name)
    throw new InvalidFieldError({ field: 'customer.name', reason: 'is needed for a new customer' });
  const [created] = (await ctx
    .knex('customers')
    .insert({
      shop_id: ctx.shopId,
      name: input.customer.name,
      phone,
      email: input.customer.email ?? null,
      created_by: ctx.userId,
    })
    .returning('id')) as [{ id: number }];
  return created.id;
}

interface DeviceRef {
  id: number;
  brand: string;
  model: string;
  imei_serial: string;
}

async function findOrCreateDevice(
  ctx: ActionContext,
  input: RegisterInput,
  customerId: number | null,
): Promise<DeviceRef> {
  if (input.device_id !== undefined) {
    const found = (await ctx
      .knex('devices')
      .select('id', 'brand', 'model', 'imei_serial')
      .where({ id: input.device_id, shop_id: ctx.shopId })
      .first()) as DeviceRef | undefined;
    if (!found) throw new InvalidFieldError({ field: 'device_id', reason: 'is not a device of your shop' });
    return found;
  }
  if (!input.device)
    throw new InvalidFieldError({
      field: 'device',
      reason: 'give a device_id or the device (brand, model, imei_serial)',
    });
  const identifier = checkIdentifier(input.device.imei_serial, 'device.imei_serial');
  const existing = (await ctx
    .knex('devices')
    .select('id', 'brand', 'model', 'imei_serial')
    .where({ shop_id: ctx.shopId, imei_serial: identifier })
    .first()) as DeviceRef | undefined;
  if (existing) return existing;
  const [created] = (await ctx
    .knex('devices')
    .insert({
      shop_id: ctx.shopId,
      customer_id: customerId,
      brand: input.device.brand,
      model: input.device.model,
      imei_serial: identifier,
      color: input.device.color ?? null,
      storage: input.device.storage ?? null,
      condition: 'Used',
      status: 'In Repair',
      created_by: ctx.userId,
    })
    .returning(['id', 'brand', 'model', 'imei_serial'])) as [DeviceRef];
  return created;
}

async function checkTechnician(ctx: ActionContext, technicianId: string): Promise<string> {
  const user = (await ctx
    .knex('directus_users')
    .select('id', 'status', 'first_name', 'last_name')
    .where({ id: technicianId, shop: ctx.shopId })
    .first()) as
    { id: string; status: string; first_name: string | null; last_name: string | null } | undefined;
  if (!user) throw new InvalidFieldError({ field: 'technician_id', reason: 'is not a user of your shop' });
  if (user.status !== 'active')
    throw new InvalidFieldError({ field: 'technician_id', reason: `is ${user.status}, not active` });
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || 'a technician';
}

async function statusEvent(
  ctx: ActionContext,
  repair: RepairRow,
  from: RepairStatus | null,
  notes: string | null,
): Promise<void> {
  const customer = repair.customer_id
    ? ((await ctx
        .knex('customers')
        .select('name', 'phone', 'email')
        .where({ id: repair.customer_id, shop_id: ctx.shopId })
        .first()) as { name: string; phone: string; email: string | null } | undefined)
    : undefined;
  const shop = await loadShop(ctx.knex, ctx.shopId);
  const data = {
    repair_id: repair.id,
    repair_number: repair.repair_number,
    old_status: from,
    new_status: repair.status,
    device: `${repair.device_brand} ${repair.device_model}`,
    customer: customer ?? null,
    shop_name: shop.shop_name,
    notes,
  };
  enqueueEvent(ctx, 'repair.status_changed', data);
  if (repair.status === 'Completed') enqueueEvent(ctx, 'repair.completed', data);
}

export async function registerRepair(ctx: ActionContext, input: RegisterInput): Promise<RepairRow> {
  requireRight(ctx, 'repairs', 'create');
  if (input.technician_id !== undefined) requireRight(ctx, 'repairs', 'assign');
  const shop = await loadShop(ctx.knex, ctx.shopId);
  const customerId = await findOrCreateCustomer(ctx, input, shop.country);
  const device = await findOrCreateDevice(ctx, input, customerId);
  if (input.technician_id !== undefined) await checkTechnician(ctx, input.technician_id);
  await ctx
    .knex('devices')
    .where({ id: device.id, shop_id: ctx.shopId })
    .whereNot('status', 'Sold')
    .update({ status: 'In Repair', updated_at: new Date() });
  const number = await nextNumber(ctx, 'repair', shop.timezone);
  const [repair] = (await ctx
    .knex('repairs')
    .insert({
      shop_id: ctx.shopId,
      repair_number: `${shop.code}-R-${number.year}-${String(number.value).padStart(5, '0')}`,
      device_id: device.id,
      customer_id: customerId,
      device_brand: device.brand,
      device_model: device.model,
      imei_serial: device.imei_serial,
      issue_description: input.issue_description,
      repair_type: input.repair_type,
      estimated_cost: input.estimated_cost ?? null,
      estimated_completion: input.estimated_completion ?? null,
      priority: input.priority,
      warranty_period: input.warranty_period ?? 30,
      technician_id: input.technician_id ?? null,
      notes: input.notes ?? null,
      created_by: ctx.userId,
    })
    .returning('*')) as [RepairRow];
  await ctx.knex('repair_status_history').insert({
    shop_id: ctx.shopId,
    repair_id: repair.id,
    old_status: null,
    new_status: 'Pending',
    notes: 'Registered',
    changed_by: ctx.userId,
  });
  audit(ctx, { entityType: 'repairs', entityId: repair.id, action: 'create', newValue: repair });
  await statusEvent(ctx, repair, null, 'Registered');
  return repair;
}

export interface StatusInput {
  status: RepairStatus;
  notes?: string | undefined;
  /** Recorded when the repair is delivered: the customer pays at the counter. */
  payments?: { method: PaymentMethod; amount: number; reference?: string | undefined }[] | undefined;
  actual_cost?: number | undefined;
}

/** The local date in a timezone, plus some days, as YYYY-MM-DD. */
function localDatePlus(timezone: string, days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export async function changeStatus(
  ctx: ActionContext,
  repairId: number,
  input: StatusInput,
): Promise<RepairRow> {
  const before = await getRepair(ctx, repairId, true);
  const decision = decideMove(before.status, input.status, ctx.role);
  if (!decision.allowed) throw new RepairMoveError({ repair: before.repair_number, reason: decision.reason });
  if (decision.right === 'correct' && !input.notes) {
    throw new InvalidFieldError({
      field: 'notes',
      reason: 'an Owner’s correction of a final status needs a reason',
    });
  }
  if (input.payments?.length && input.status !== 'Delivered') {
    throw new InvalidFieldError({
      field: 'payments',
      reason: 'payments are taken when the repair is delivered',
    });
  }
  const now = new Date();
  const shop = await loadShop(ctx.knex, ctx.shopId);
  const changes: Record<string, unknown> = { status: input.status, updated_at: now };
  if (input.actual_cost !== undefined) changes['actual_cost'] = input.actual_cost;
  if (input.status === 'Completed') changes['actual_completion'] = now;
  if (input.status === 'Delivered') {
    Object.assign(changes, {
      delivered_at: now,
      is_editable: false,
      warranty_expires_at: localDatePlus(shop.timezone, before.warranty_period),
    });
  }
  if (decision.right === 'correct') changes['is_editable'] = true;
  await ctx.knex('repairs').where({ id: repairId, shop_id: ctx.shopId }).update(changes);
  if (input.status === 'Delivered' && before.device_id) {
    await ctx
      .knex('devices')
      .where({ id: before.device_id, shop_id: ctx.shopId, status: 'In Repair' })
      .update({ status: before.customer_id ? 'Sold' : 'In Stock', updated_at: now });
  }
  const payments = (input.payments ?? []).filter((p) => p.amount !== 0);
  if (payments.length > 0) {
    await ctx.knex('repair_payments').insert(
      payments.map((p) => ({
        shop_id: ctx.shopId,
        repair_id: repairId,
        method: p.method,
        amount: p.amount,
        reference: p.reference ?? null,
        created_by: ctx.userId,
      })),
    );
  }
  await ctx.knex('repair_status_history').insert({
    shop_id: ctx.shopId,
    repair_id: repairId,
    old_status: before.status,
    new_status: input.status,
    notes: input.notes ?? null,
    changed_by: ctx.userId,
  });
  const after = await getRepair(ctx, repairId);
  audit(ctx, {
    entityType: 'repairs',
    entityId: repairId,
    action: decision.right === 'correct' ? 'correct_status' : 'status_change',
    oldValue: { status: before.status },
    newValue: { status: after.status, notes: input.notes ?? null, payments },
  });
  await statusEvent(ctx, after, before.status, input.notes ?? null);
  return after;
}

export async function assignTechnician(
  ctx: ActionContext,
  repairId: number,
  technicianId: string,
): Promise<RepairRow> {
  requireRight(ctx, 'repairs', 'assign');
  const before = await getRepair(ctx, repairId, true);
  if (!before.is_editable && ctx.role !== 'Owner')
    throw new RepairMoveError({
      repair: before.repair_number,
      reason: 'is delivered; only an Owner can change it',
    });
  const name = await checkTechnician(ctx, technicianId);
  await ctx
    .knex('repairs')
    .where({ id: repairId, shop_id: ctx.shopId })
    .update({ technician_id: technicianId, updated_at: new Date() });
  audit(ctx, {
    entityType: 'repairs',
    entityId: repairId,
    action: 'assign',
    oldValue: { technician_id: before.technician_id },
    newValue: { technician_id: technicianId, technician: name },
  });
  await ctx.knex('notifications').insert({
    shop_id: ctx.shopId,
    user_id: technicianId,
    title: 'Repair assigned to you',
    message: `${before.repair_number}: ${before.device_brand} ${before.device_model}, ${before.issue_description}`,
    type: 'repair.assigned',
    link: `/repairs/${repairId}`,
  });
  return getRepair(ctx, repairId);
}

/** Takes parts for a repair from stock: the ledger records it and the repair's parts cost grows. */
export async function addPart(
  ctx: ActionContext,
  repairId: number,
  productId: number,
  quantity: number,
): Promise<RepairRow> {
  requireRight(ctx, 'repairs', 'update');
  const repair = await getRepair(ctx, repairId, true);
  if (!repair.is_editable && ctx.role !== 'Owner')
    throw new RepairMoveError({
      repair: repair.repair_number,
      reason: 'is delivered; only an Owner can change it',
    });
  const product = (await ctx
    .knex('products')
    .select('id', 'name', 'cost_price')
    .where({ id: productId, shop_id: ctx.shopId })
    .first()) as { id: number; name: string; cost_price: number } | undefined;
  if (!product) throw new InvalidFieldError({ field: 'product_id', reason: 'is not a product of your shop' });
  if (!isMoney(product.cost_price * quantity))
    throw new InvalidFieldError({
      field: 'quantity',
      reason: `the parts' cost is above the largest amount accepted (${MAX_MONEY})`,
    });
  const moved = await moveStock(ctx, [{ productId, quantity }]);
  recordMovements(ctx, moved, {
    movementType: 'repair_part',
    referenceType: 'repair',
    referenceId: repairId,
    notes: repair.repair_number,
  });
  await ctx.knex('repair_parts').insert({
    shop_id: ctx.shopId,
    repair_id: repairId,
    product_id: productId,
    item_name: product.name,
    quantity,
    unit_cost: product.cost_price,
    created_by: ctx.userId,
  });
  await ctx
    .knex('repairs')
    .where({ id: repairId, shop_id: ctx.shopId })
    .update({
      parts_cost: ctx.knex.raw('parts_cost + ?', [product.cost_price * quantity]),
      updated_at: new Date(),
    });
  audit(ctx, {
    entityType: 'repairs',
    entityId: repairId,
    action: 'add_part',
    newValue: { product_id: productId, quantity, unit_cost: product.cost_price },
  });
  return getRepair(ctx, repairId);
}

export async function repairHistory(ctx: ActionContext, repairId: number): Promise<unknown[]> {
  await getRepair(ctx, repairId);
  return ctx
    .knex('repair_status_history as h')
    .leftJoin('directus_users as u', 'u.id', 'h.changed_by')
    .select(
      'h.id',
      'h.old_status',
      'h.new_status',
      'h.notes',
      'h.changed_by',
      ctx.knex.raw("nullif(trim(concat(u.first_name, ' ', u.last_name)), '') as changed_by_name"),
      'h.changed_at',
    )
    .where({ 'h.shop_id': ctx.shopId, 'h.repair_id': repairId })
    .orderBy('h.changed_at')
    .orderBy('h.id');
}

/** Puts a `repair.status_changed` event in the outbox for n8n to message the customer. */
export async function notifyCustomer(
  ctx: ActionContext,
  repairId: number,
  message: string | null,
): Promise<{ queued: boolean }> {
  requireRight(ctx, 'repairs', 'update');
  const repair = await getRepair(ctx, repairId);
  if (!repair.customer_id)
    throw new InvalidFieldError({ field: 'customer_id', reason: 'the repair has no customer to notify' });
  await statusEvent(ctx, repair, repair.status, message);
  audit(ctx, {
    entityType: 'repairs',
    entityId: repairId,
    action: 'notify_customer',
    newValue: { status: repair.status, message },
  });
  return { queued: true };
}
