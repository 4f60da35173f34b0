// The checkout: one transaction that prices the lines from the shop's own products and devices,
// checks discounts against the caller's rights, takes the payments, numbers the sale, deducts the
// stock (never below zero), sells the devices, credits the customer, and writes the audit log, the
// outbox event and the notifications. Either all of it happens or nothing does.
import type { Knex } from 'knex';
import { can } from '../../../../../snapshots/access/matrix.ts';
import { formatMoney } from '../../domain/money.ts';
import type { PaymentMethod } from '../../../../../snapshots/enums.ts';
import {
  computeTotals,
  paymentMethodOf,
  type SaleLineInput,
  type SaleTotals,
} from '../../domain/sale-totals.ts';
import { prepared } from '../../database/prepared.ts';
import { DiscountNeedsApprovalError, InvalidSaleError } from '../../errors.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { takeNumber } from '../numbering.ts';
import { notifyRoles } from '../notifications.ts';
import { enqueueEvent } from '../outbox.ts';
import { saleSettings } from '../shop.ts';
import { replayedResource } from '../idempotency.ts';
import { changeCte, changesJson, checkMoved, MOVED_CTES, type Moved, type StockChange } from '../stock.ts';
import { changeEffects, NO_EFFECTS, stockChanges, type SaleEffects } from './sale-effects.ts';
import { saleEventData } from './sale-events.ts';
import { getSale, toSaleDetail, type SaleDetail, type SaleLine, type SaleRecord } from './sale-queries.ts';

export interface CheckoutItem {
  product_id?: number | undefined;
  device_id?: number | undefined;
  /** Custom items (not in the catalogue) carry their own name and price. */
  name?: string | undefined;
  unit_price?: number | undefined;
  quantity: number;
  discount_amount: number;
}

export interface CheckoutInput {
  customer_id: number | null;
  items: CheckoutItem[];
  discount_amount: number;
  redeem_points: number;
  payments: { method: PaymentMethod; amount: number; reference?: string | undefined }[];
  notes: string | null;
  location_id: number | null;
}

interface ProductRow {
  id: number;
  name: string;
  selling_price: number;
  cost_price: number;
  is_active: boolean;
}
interface DeviceRow {
  id: number;
  brand: string;
  model: string;
  imei_serial: string;
  selling_price: number | null;
  purchase_price: number | null;
  status: string;
}

/** The shop's own products and devices that a sale's items name. */
export interface Catalogue {
  products: Map<number, ProductRow>;
  devices: Map<number, DeviceRow>;
}

interface CatalogueJson {
  products: ProductRow[];
  devices: DeviceRow[];
}

// The products and devices of the caller's shop among the ids (bound: shop, ids), as JSON arrays.
const PRODUCTS_OF = `(SELECT coalesce(json_agg(p), '[]') FROM (
    SELECT id, name, selling_price, cost_price, is_active FROM products WHERE shop_id = ? AND id = ANY(?::integer[])) p)`;
const DEVICES_OF = `(SELECT coalesce(json_agg(d), '[]') FROM (
    SELECT id, brand, model, imei_serial, selling_price, purchase_price, status
    FROM devices WHERE shop_id = ? AND id = ANY(?::integer[])) d)`;

function catalogueBindings(ctx: ActionContext, items: readonly CheckoutItem[]): Knex.RawBinding[] {
  const ids = (pick: (i: CheckoutItem) => number | undefined): number[] => [
    ...new Set(items.map(pick).filter((id): id is number => id !== undefined)),
  ];
  return [ctx.shopId, ids((i) => i.product_id), ctx.shopId, ids((i) => i.device_id)];
}

function toCatalogue(json: CatalogueJson): Catalogue {
  return {
    products: new Map(json.products.map((p) => [p.id, p])),
    devices: new Map(json.devices.map((d) => [d.id, d])),
  };
}

/** Reads the products and devices a sale's items name, in one query. */
export async function loadCatalogue(ctx: ActionContext, items: readonly CheckoutItem[]): Promise<Catalogue> {
  const { rows } = await ctx.knex.raw<{ rows: CatalogueJson[] }>(
    `SELECT ${PRODUCTS_OF} AS products, ${DEVICES_OF} AS devices`,
    catalogueBindings(ctx, items),
  );
  return toCatalogue(rows[0] ?? { products: [], devices: [] });
}

/** A line's name as sale_items.item_name holds it (200 characters). */
function lineName(name: string): string {
  if (name.length <= 200) return name;
  // Cut between two characters, never inside a surrogate pair (half of one cannot be stored).
  const cut = /[\ud800-\udbff]/.test(name.charAt(198)) ? 198 : 199;
  return `${name.slice(0, cut)}…`;
}

/** Prices each line from the shop's own catalogue; refuses anything that is not the shop's. */
export function priceLines(catalogue: Catalogue, items: readonly CheckoutItem[]): SaleLineInput[] {
  const deviceItems = items.filter((i) => i.device_id !== undefined);
  if (new Set(deviceItems.map((i) => i.device_id)).size !== deviceItems.length) {
    throw new InvalidSaleError({ field: 'items', reason: 'a device can be sold only once in a sale' });
  }

  return items.map((item, i): SaleLineInput => {
    const field = `items[${i}]`;
    const base = { quantity: item.quantity, discount: item.discount_amount };
    if (item.product_id !== undefined) {
      const product = catalogue.products.get(item.product_id);
      if (!product)
        throw new InvalidSaleError({ field: `${field}.product_id`, reason: 'is not a product of your shop' });
      if (!product.is_active)
        throw new InvalidSaleError({ field: `${field}.product_id`, reason: 'is no longer sold' });
      return {
        ...base,
        name: product.name,
        unitPrice: product.selling_price,
        unitCost: product.cost_price,
        productId: product.id,
        deviceId: null,
      };
    }
    if (item.device_id !== undefined) {
      const device = catalogue.devices.get(item.device_id);
      if (!device)
        throw new InvalidSaleError({ field: `${field}.device_id`, reason: 'is not a device of your shop' });
      if (item.quantity !== 1)
        throw new InvalidSaleError({ field: `${field}.quantity`, reason: 'a device is sold one at a time' });
      if (device.selling_price === null) {
        throw new InvalidSaleError({ field: `${field}.device_id`, reason: 'has no selling price yet' });
      }
      return {
        ...base,
        name: lineName(`${device.brand} ${device.model} (${device.imei_serial})`),
        unitPrice: device.selling_price,
        unitCost: device.purchase_price ?? 0,
        productId: null,
        deviceId: device.id,
      };
    }
    if (item.name === undefined || item.unit_price === undefined) {
      throw new InvalidSaleError({
        field,
        reason: 'needs a product_id, a device_id, or a name and unit_price',
      });
    }
    return {
      ...base,
      name: item.name,
      unitPrice: item.unit_price,
      unitCost: 0,
      productId: null,
      deviceId: null,
    };
  });
}

/** Refuses a discount above the shop's staff limit unless the caller may edit sales (Supervisor, Owner). */
export function checkDiscountRight(ctx: ActionContext, totals: SaleTotals, limitBp: number): void {
  if (totals.discountShareBp > limitBp && !can(ctx.role, 'sales', 'update')) {
    throw new DiscountNeedsApprovalError({ limit_bp: limitBp, requested_bp: totals.discountShareBp });
  }
}

export function effectsOf(
  lines: SaleTotals['lines'],
  customerId: number | null,
  totals: SaleTotals,
  redeemed: number,
): SaleEffects {
  return {
    lines: lines.map((l) => ({ product_id: l.productId, device_id: l.deviceId, quantity: l.quantity })),
    customerId,
    finalAmount: totals.finalAmount,
    pointsEarned: customerId === null ? 0 : totals.pointsEarned,
    pointsRedeemed: redeemed,
  };
}

/** Everything the checkout reads before it writes, the ids its rows will have, and its stock change. */
interface CheckoutFacts extends CatalogueJson {
  sale_id: number;
  item_ids: number[];
  /** The transaction's time: the sale's created_at. */
  now: Date;
  shop: { code: string; timezone: string; currency: string };
  settings: Record<string, string>;
  customer: { id: number; name: string; phone: string } | null;
  /** The sale's location when it is one of the shop's (null otherwise, or when none was given). */
  location: { id: number; name: string } | null;
  cashier: string | null;
  moved: Moved[];
  /** False when another request already holds the idempotency key: nothing was taken. */
  claimed: boolean;
}

/** The request's Idempotency-Key, its scope and the hash of its body (idempotency.ts). */
export interface IdempotencyClaim {
  key: string;
  scope: string;
  hash: string;
}

// The checkout's first statement: it claims the idempotency key (recording the sale it will make),
// takes the stock (stock.ts) and reads everything the sale is priced and answered from. A key that
// an earlier request holds (or one still running: the insert waits for it) claims nothing and so
// moves no stock; a sale refused afterwards rolls all of it back. The ids are taken now so that the
// sale and its lines can be written with the action's other records (journal.ts) and answered
// without reading them back.
export const CHECKOUT_FACTS = `WITH
  ids AS MATERIALIZED (SELECT nextval('sales_id_seq'::regclass)::integer AS sale_id),
  claim AS (
    INSERT INTO idempotency_keys (shop_id, key, user_id, scope, request_hash, response_status, resource_id)
    SELECT ?, k.key, ?, ?, ?, 201, (SELECT sale_id FROM ids) FROM (SELECT ?::uuid AS key) k WHERE k.key IS NOT NULL
    ON CONFLICT (shop_id, key) DO NOTHING
    RETURNING id
  ),
  go AS MATERIALIZED (SELECT ?::uuid IS NULL OR EXISTS (SELECT 1 FROM claim) AS claimed),
  ${changeCte('(SELECT claimed FROM go)')},
  ${MOVED_CTES}
  SELECT
    (SELECT sale_id FROM ids) AS sale_id,
    (SELECT claimed FROM go) AS claimed,
    ARRAY(SELECT nextval('sale_items_id_seq'::regclass)::integer FROM generate_series(1, ?)) AS item_ids,
    now() AS now,
    (SELECT row_to_json(s) FROM (SELECT code, timezone, currency FROM shops WHERE id = ?) s) AS shop,
    (SELECT coalesce(json_object_agg(setting_key, setting_value), '{}')
       FROM settings WHERE shop_id = ? AND setting_value IS NOT NULL) AS settings,
    ${PRODUCTS_OF} AS products,
    ${DEVICES_OF} AS devices,
    (SELECT row_to_json(c) FROM (SELECT id, name, phone FROM customers WHERE id = ? AND shop_id = ?) c) AS customer,
    (SELECT row_to_json(l) FROM (SELECT id, name FROM locations WHERE id = ? AND shop_id = ?) l) AS location,
    (SELECT nullif(trim(concat(first_name, ' ', last_name)), '') FROM directus_users WHERE id = ?) AS cashier,
    (SELECT coalesce(json_agg(m), '[]') FROM moved m) AS moved`;

async function loadFacts(
  ctx: ActionContext,
  input: CheckoutInput,
  stock: readonly StockChange[],
  claim: IdempotencyClaim | null,
): Promise<CheckoutFacts> {
  const rows = (await prepared(ctx.knex, CHECKOUT_FACTS, [
    ctx.shopId,
    ctx.userId,
    claim?.scope ?? null,
    claim?.hash ?? null,
    claim?.key ?? null,
    claim?.key ?? null,
    changesJson(stock),
    ctx.shopId,
    ctx.shopId,
    input.items.length,
    ctx.shopId,
    ctx.shopId,
    ...catalogueBindings(ctx, input.items),
    input.customer_id,
    ctx.shopId,
    input.location_id,
    ctx.shopId,
    ctx.userId,
  ])) as CheckoutFacts[];
  const facts = rows[0];
  if (!facts?.shop) throw new Error(`shop ${ctx.shopId} is missing`);
  return facts;
}

/**
 * Records a sale. With an idempotency claim, a key that an earlier request of the same body made a
 * sale with answers that sale (`replayed`), and the same key with another body is refused.
 */
export async function checkout(
  ctx: ActionContext,
  input: CheckoutInput,
  claim: IdempotencyClaim | null = null,
): Promise<{ sale: SaleDetail; replayed: boolean }> {
  if (input.redeem_points > 0 && input.customer_id === null) {
    throw new InvalidSaleError({ field: 'redeem_points', reason: 'points are redeemed by a customer' });
  }
  const stock = stockChanges(
    [],
    input.items.map((i) => ({ product_id: i.product_id ?? null, device_id: null, quantity: i.quantity })),
  );
  const facts = await loadFacts(ctx, input, stock, claim);
  if (!facts.claimed && claim) {
    return { sale: await getSale(ctx, await replayedResource(ctx, claim)), replayed: true };
  }
  if (input.customer_id !== null && facts.customer === null) {
    throw new InvalidSaleError({ field: 'customer_id', reason: 'is not a customer of your shop' });
  }
  if (input.location_id !== null && facts.location === null) {
    throw new InvalidSaleError({ field: 'location_id', reason: 'is not a location of your shop' });
  }
  checkStorableText(input);
  const settings = saleSettings(new Map(Object.entries(facts.settings)));
  const lines = priceLines(toCatalogue(facts), input.items);
  const totals = computeTotals(lines, input.discount_amount, input.redeem_points, settings);
  checkDiscountRight(ctx, totals, settings.staffDiscountLimitBp);
  const paymentMethod = paymentMethodOf(input.payments, totals.finalAmount, settings.paymentMethods);

  const saleId = facts.sale_id;
  await changeEffects(
    ctx,
    saleId,
    NO_EFFECTS,
    effectsOf(totals.lines, input.customer_id, totals, input.redeem_points),
    { movementType: 'sale' },
    await checkMoved(ctx, stock, facts.moved),
  );

  // The sale is numbered last, once everything that can refuse it has passed (numbering.ts): every
  // value its rows hold was checked above, so only a failure of the server itself (a lost connection,
  // a failed commit) can still skip the number, and the /api edge then records that gap.
  const number = await takeNumber(ctx, 'sale', facts.shop.timezone, facts.shop.code);
  const sale = {
    id: saleId,
    sale_number: number.number,
    kind: 'sale',
    reversal_of: null,
    reversal_reason: null,
    status: 'Submitted',
    payment_status: 'Paid',
    ...saleColumns(input, totals, paymentMethod),
    created_by: ctx.userId,
    approved_by: null,
    approved_at: null,
    locked_at: null,
    created_at: facts.now.toISOString(),
    location_id: facts.location?.id ?? null,
  } satisfies Omit<SaleRecord, 'cashier' | 'customer_name' | 'customer_phone' | 'location_name'>;
  const items = lineRows(ctx, saleId, totals.lines).map((row, i) => {
    const id = facts.item_ids[i];
    if (id === undefined) throw new Error('fewer line ids than lines');
    return { id, ...row };
  });
  const payments = paymentRows(ctx, saleId, input.payments);
  ctx.journal.append('sales', { ...sale, shop_id: ctx.shopId });
  ctx.journal.append('sale_items', ...items);
  ctx.journal.append('sale_payments', ...payments);

  const detail = toSaleDetail(
    ctx,
    {
      ...sale,
      cashier: facts.cashier,
      customer_name: facts.customer?.name ?? null,
      customer_phone: facts.customer?.phone ?? null,
      location_name: facts.location?.name ?? null,
    },
    items,
    payments.map(({ method, amount, reference }) => ({ method, amount, reference })),
    facts.shop.currency,
  );
  audit(ctx, { entityType: 'sales', entityId: saleId, action: 'create', newValue: detail });
  enqueueEvent(ctx, 'sale.created', saleEventData(detail));
  notifyRoles(ctx, ['Owner', 'Supervisor'], {
    title: 'New sale',
    message: `${sale.sale_number} by ${detail.cashier ?? 'a cashier'}: ${formatMoney(totals.finalAmount, facts.shop.currency)}`,
    type: 'sale.created',
    link: `/sales/${saleId}`,
  });
  return { sale: detail, replayed: false };
}

/**
 * Refuses text PostgreSQL cannot store (a NUL character, half of a surrogate pair) before the sale
 * takes its number: the sale's rows are written after it, and a refusal there would skip the number.
 */
export function checkStorableText(input: CheckoutInput): void {
  const texts: [string, string | null | undefined][] = [
    ['notes', input.notes],
    ...input.items.map((item, i): [string, string | undefined] => [`items[${i}].name`, item.name]),
    ...input.payments.map((p, i): [string, string | undefined] => [`payments[${i}].reference`, p.reference]),
  ];
  for (const [field, text] of texts) {
    if (typeof text === 'string' && (text.includes('\u0000') || !text.isWellFormed()))
      throw new InvalidSaleError({ field, reason: 'holds a character that cannot be stored' });
  }
}

/** The rows of a sale's priced lines. */
export function lineRows(
  ctx: ActionContext,
  saleId: number,
  lines: SaleTotals['lines'],
): (Omit<SaleLine, 'id' | 'margin'> & { unit_cost: number; shop_id: number; sale_id: number })[] {
  return lines.map((l) => ({
    shop_id: ctx.shopId,
    sale_id: saleId,
    product_id: l.productId,
    device_id: l.deviceId,
    item_name: l.name,
    quantity: l.quantity,
    unit_price: l.unitPrice,
    unit_cost: l.unitCost,
    discount_amount: l.discount,
    total_price: l.total,
  }));
}

/** The rows of a sale's payments (zero amounts left out). */
export function paymentRows(
  ctx: ActionContext,
  saleId: number,
  payments: CheckoutInput['payments'],
): { shop_id: number; sale_id: number; method: string; amount: number; reference: string | null }[] {
  return payments
    .filter((p) => p.amount !== 0)
    .map((p) => ({
      shop_id: ctx.shopId,
      sale_id: saleId,
      method: p.method,
      amount: p.amount,
      reference: p.reference ?? null,
    }));
}

/** The columns of a sale that its input and computed totals decide (checkout and edit alike). */
export function saleColumns(
  input: CheckoutInput,
  totals: SaleTotals,
  paymentMethod: string,
): Pick<
  SaleDetail,
  | 'customer_id'
  | 'total_amount'
  | 'discount_amount'
  | 'tax_amount'
  | 'final_amount'
  | 'payment_method'
  | 'notes'
  | 'loyalty_points_earned'
  | 'loyalty_points_redeemed'
> {
  return {
    customer_id: input.customer_id,
    total_amount: totals.totalAmount,
    discount_amount: totals.discountAmount,
    tax_amount: totals.taxAmount,
    final_amount: totals.finalAmount,
    payment_method: paymentMethod,
    notes: input.notes,
    loyalty_points_earned: input.customer_id === null ? 0 : totals.pointsEarned,
    loyalty_points_redeemed: input.redeem_points,
  };
}
