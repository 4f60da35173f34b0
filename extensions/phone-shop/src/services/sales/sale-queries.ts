// Reading sales as each role may: Staff see only their own; cost prices and margins are the Owner's.
// Date ranges are days in the shop's timezone (a sale at 23:30 Kampala time belongs to that day).
import { isStoredId } from '../../domain/ranges.ts';
import { NotFoundError } from '../../errors.ts';
import type { ActionContext } from '../context.ts';
import { loadShop } from '../shop.ts';

export interface SaleLine {
  id: number;
  product_id: number | null;
  device_id: number | null;
  item_name: string;
  quantity: number;
  unit_price: number;
  discount_amount: number;
  total_price: number;
  unit_cost?: number;
  margin?: number;
}

export interface SaleDetail {
  id: number;
  sale_number: string;
  kind: string;
  reversal_of: number | null;
  reversal_reason: string | null;
  status: string;
  customer_id: number | null;
  customer: { id: number; name: string; phone: string } | null;
  total_amount: number;
  discount_amount: number;
  tax_amount: number;
  final_amount: number;
  payment_method: string;
  payment_status: string;
  loyalty_points_earned: number;
  loyalty_points_redeemed: number;
  notes: string | null;
  created_by: string | null;
  cashier: string | null;
  approved_by: string | null;
  approved_at: string | null;
  locked_at: string | null;
  created_at: string;
  currency: string;
  /** Where it was sold, when the till named one of the shop's locations. */
  location: { id: number; name: string } | null;
  items: SaleLine[];
  payments: { method: string; amount: number; reference: string | null }[];
  cost_total?: number;
  margin?: number;
}

const SALE_COLUMNS = [
  's.id',
  's.sale_number',
  's.kind',
  's.reversal_of',
  's.reversal_reason',
  's.status',
  's.customer_id',
  's.total_amount',
  's.discount_amount',
  's.tax_amount',
  's.final_amount',
  's.payment_method',
  's.payment_status',
  's.loyalty_points_earned',
  's.loyalty_points_redeemed',
  's.notes',
  's.created_by',
  's.approved_by',
  's.approved_at',
  's.locked_at',
  's.created_at',
];

const seesOwnOnly = (ctx: ActionContext): boolean => ctx.role === 'Staff';
const seesCosts = (ctx: ActionContext): boolean => ctx.role === 'Owner';

export async function getSale(ctx: ActionContext, saleId: number): Promise<SaleDetail> {
  // An id beyond the column's range is in no shop: answered as any id that is not there.
  if (!isStoredId(saleId)) throw new NotFoundError({ entity: 'Sale', id: String(saleId) });
  const query = ctx
    .knex('sales as s')
    .leftJoin('directus_users as u', 'u.id', 's.created_by')
    .leftJoin('customers as c', function join() {
      this.on('c.id', '=', 's.customer_id').andOn('c.shop_id', '=', 's.shop_id');
    })
    .leftJoin('locations as l', function join() {
      this.on('l.id', '=', 's.location_id').andOn('l.shop_id', '=', 's.shop_id');
    })
    .select(
      ...SALE_COLUMNS,
      ctx.knex.raw("nullif(trim(concat(u.first_name, ' ', u.last_name)), '') as cashier"),
      'c.name as customer_name',
      'c.phone as customer_phone',
      's.location_id',
      'l.name as location_name',
    )
    .where({ 's.id': saleId, 's.shop_id': ctx.shopId });
  if (seesOwnOnly(ctx)) void query.andWhere('s.created_by', ctx.userId);
  const row = (await query.first()) as SaleRecord | undefined;
  if (!row) throw new NotFoundError({ entity: 'Sale', id: String(saleId) });

  const items = (await ctx
    .knex('sale_items')
    .select(
      'id',
      'product_id',
      'device_id',
      'item_name',
      'quantity',
      'unit_price',
      'unit_cost',
      'discount_amount',
      'total_price',
    )
    .where({ shop_id: ctx.shopId, sale_id: saleId })
    .orderBy('id')) as (SaleLine & { unit_cost: number })[];
  const payments = (await ctx
    .knex('sale_payments')
    .select('method', 'amount', 'reference')
    .where({ shop_id: ctx.shopId, sale_id: saleId })
    .orderBy('id')) as SaleDetail['payments'];
  const { currency } = await loadShop(ctx.knex, ctx.shopId);
  // A reversal has no lines of its own: it gives back its sale's goods, so its cost is theirs,
  // negated (as in the reports and exports).
  const costed =
    seesCosts(ctx) && row.kind === 'reversal' && row.reversal_of !== null
      ? ((await ctx
          .knex('sale_items')
          .select('unit_cost', 'quantity')
          .where({ shop_id: ctx.shopId, sale_id: row.reversal_of })) as CostedLine[])
      : items;
  return toSaleDetail(ctx, row, items, payments, currency, costed);
}

/** A sale's row as read with its cashier's and customer's names. */
export type SaleRecord = Omit<SaleDetail, 'items' | 'payments' | 'customer' | 'currency' | 'location'> & {
  customer_name: string | null;
  customer_phone: string | null;
  location_id: number | null;
  location_name: string | null;
};

interface CostedLine {
  unit_cost: number;
  quantity: number;
}

/** A sale as the API answers it, for the caller's role: costs and margins for Owners only. */
export function toSaleDetail(
  ctx: ActionContext,
  row: SaleRecord,
  items: readonly (SaleLine & { unit_cost: number })[],
  payments: SaleDetail['payments'],
  currency: string,
  costed: readonly CostedLine[] = items,
): SaleDetail {
  const { customer_name, customer_phone, location_id, location_name, ...sale } = row;
  const detail: SaleDetail = {
    ...sale,
    location:
      location_id !== null && location_name !== null ? { id: location_id, name: location_name } : null,
    customer:
      sale.customer_id !== null && customer_name !== null
        ? { id: sale.customer_id, name: customer_name, phone: customer_phone ?? '' }
        : null,
    currency,
    items: items.map(({ unit_cost, ...line }) =>
      seesCosts(ctx) ? { ...line, unit_cost, margin: line.total_price - unit_cost * line.quantity } : line,
    ),
    payments,
  };
  if (seesCosts(ctx)) {
    const cost = costed.reduce((sum, l) => sum + l.unit_cost * l.quantity, 0);
    detail.cost_total = sale.kind === 'reversal' ? -cost : cost;
    detail.margin = detail.final_amount - detail.tax_amount - detail.cost_total;
  }
  return detail;
}

export interface SaleFilters {
  from?: string | undefined;
  to?: string | undefined;
  staff?: string | undefined;
  payment_method?: string | undefined;
  status?: string | undefined;
  customer_id?: number | undefined;
  limit: number;
  offset: number;
}

export interface SaleSummary {
  id: number;
  sale_number: string;
  status: string;
  kind: string;
  final_amount: number;
  payment_method: string;
  customer_id: number | null;
  created_by: string | null;
  created_at: string;
}

export async function listSales(
  ctx: ActionContext,
  filters: SaleFilters,
): Promise<{ data: SaleSummary[]; total: number }> {
  const { timezone } = await loadShop(ctx.knex, ctx.shopId);
  const query = ctx.knex('sales').where({ shop_id: ctx.shopId });
  if (seesOwnOnly(ctx)) void query.andWhere('created_by', ctx.userId);
  else if (filters.staff) void query.andWhere('created_by', filters.staff);
  // A day in the shop's timezone: from its local midnight to the next one, as UTC instants.
  if (filters.from)
    void query.andWhere(
      'created_at',
      '>=',
      ctx.knex.raw('(?::date)::timestamp AT TIME ZONE ?', [filters.from, timezone]),
    );
  if (filters.to)
    void query.andWhere(
      'created_at',
      '<',
      ctx.knex.raw('((?::date) + 1)::timestamp AT TIME ZONE ?', [filters.to, timezone]),
    );
  if (filters.status) void query.andWhere('status', filters.status);
  if (filters.customer_id !== undefined) void query.andWhere('customer_id', filters.customer_id);
  if (filters.payment_method) {
    const method = filters.payment_method;
    void query.andWhere((q) => {
      void q
        .where('payment_method', method)
        .orWhereExists(
          ctx
            .knex('sale_payments')
            .whereRaw('sale_payments.sale_id = sales.id')
            .andWhere('sale_payments.method', method),
        );
    });
  }
  const [{ total }] = (await query.clone().count({ total: '*' })) as [{ total: string }];
  const data = (await query
    .select(
      'id',
      'sale_number',
      'status',
      'kind',
      'final_amount',
      'payment_method',
      'customer_id',
      'created_by',
      'created_at',
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filters.limit)
    .offset(filters.offset)) as SaleSummary[];
  return { data, total: Number(total) };
}
