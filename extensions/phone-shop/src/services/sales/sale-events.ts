// What the sale events carry (events/catalogue.ts): the sale as it is, without its costs, so that an
// integrator needs no second call and gets nothing a Staff member at the till did not see. People are
// named, not identified: a user id means nothing outside the platform.
import type { EventData } from '../../events/catalogue.ts';
import type { SaleDetail } from './sale-queries.ts';

export function saleEventData(detail: SaleDetail): EventData<'sale.created'> {
  const byMethod: Record<string, number> = {};
  for (const p of detail.payments) byMethod[p.method] = (byMethod[p.method] ?? 0) + p.amount;
  return {
    sale_id: detail.id,
    sale_number: detail.sale_number,
    kind: detail.kind === 'reversal' ? 'reversal' : 'sale',
    reversal_of: detail.reversal_of,
    status: detail.status,
    currency: detail.currency,
    subtotal: detail.total_amount,
    discount_amount: detail.discount_amount,
    tax_amount: detail.tax_amount,
    total_amount: detail.final_amount,
    payment_method: detail.payment_method,
    payment_status: detail.payment_status,
    payments: detail.payments.map((p) => ({
      method: p.method,
      amount: p.amount,
      reference: p.reference,
    })),
    payments_by_method: byMethod,
    lines: detail.items.map((line) => ({
      product_id: line.product_id,
      device_id: line.device_id,
      name: line.item_name,
      quantity: line.quantity,
      unit_price: line.unit_price,
      discount_amount: line.discount_amount,
      total_price: line.total_price,
    })),
    customer_id: detail.customer_id,
    customer: detail.customer,
    location: detail.location,
    staff: { name: detail.cashier },
    created_by: detail.cashier,
    created_at: new Date(detail.created_at).toISOString(),
  };
}
