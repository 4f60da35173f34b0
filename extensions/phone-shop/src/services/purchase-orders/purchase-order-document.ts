// The purchase order as the supplier receives it: an A4 document with the shop's name, logo and
// address, the order's reference and date, the supplier, and the lines at cost (the receipt's layout,
// services/receipts/pdf.ts). An Owner document, since it shows cost prices.
import { formatMoney } from '../../domain/money.ts';
import type { ActionContext } from '../context.ts';
import { localDateTime } from '../exports/format.ts';
import { documentShop, type LogoLoader, type Receipt } from '../receipts/receipt.ts';
import { requireRight } from '../rights.ts';
import { loadShop } from '../shop.ts';
import { getPurchaseOrder } from './purchase-orders.service.ts';

export async function purchaseOrderDocument(
  ctx: ActionContext,
  orderId: number,
  loadLogo: LogoLoader,
): Promise<Receipt> {
  requireRight(ctx, 'products', 'create');
  const order = await getPurchaseOrder(ctx, orderId);
  const shop = await loadShop(ctx.knex, ctx.shopId);
  const money = (amount: number): string => formatMoney(amount, shop.currency);
  return {
    shop: await documentShop(shop, loadLogo),
    title: 'PURCHASE ORDER',
    number: order.reference,
    date: localDateTime(order.created_at, shop.timezone),
    parties: [
      ...(order.supplier ? [{ label: 'Supplier', value: order.supplier }] : []),
      { label: 'Deliver to', value: [shop.shop_name, shop.address].filter(Boolean).join(', ') },
      { label: 'Status', value: order.status },
    ],
    lines: order.lines.map((l) => ({
      name: l.sku ? `${l.name} (${l.sku})` : l.name,
      quantity: l.quantity,
      unitPrice: money(l.unit_cost ?? 0),
      total: money(l.total ?? 0),
    })),
    totals: [{ label: 'TOTAL', value: money(order.total ?? 0) }],
    payments: [],
    footer: order.notes ?? `Please quote ${order.reference} on the delivery note.`,
  };
}
