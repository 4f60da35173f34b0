// A receipt as the customer sees it, in the shop's currency and timezone; rendered as an A4 invoice
// or an 80 mm thermal PDF (pdf.ts), or as ESC/POS bytes for a thermal printer (escpos.ts).
import { formatMoney } from '../../domain/money.ts';
import type { ActionContext } from '../context.ts';
import { getSale } from '../sales/sale-queries.ts';
import { loadSettings, loadShop, type ShopProfile } from '../shop.ts';
import { localDateTime } from '../exports/format.ts';

export interface Receipt {
  shop: { name: string; address: string; phone: string; logo: Buffer | null };
  title: string;
  number: string;
  date: string;
  /** Who is on the document, in order: the cashier and the customer of a sale. */
  parties: { label: string; value: string }[];
  lines: { name: string; quantity: number; unitPrice: string; total: string }[];
  totals: { label: string; value: string }[];
  payments: { label: string; value: string }[];
  footer: string;
}

/** Loads the bytes of the shop logo (a Directus file), or null. */
export type LogoLoader = (fileId: string) => Promise<Buffer | null>;

/** The shop as a document's header shows it: name, address, phone and logo. */
export async function documentShop(shop: ShopProfile, loadLogo: LogoLoader): Promise<Receipt['shop']> {
  return {
    name: shop.shop_name,
    address: shop.address ?? '',
    phone: shop.phone,
    logo: shop.logo ? await loadLogo(shop.logo) : null,
  };
}

export async function buildReceipt(
  ctx: ActionContext,
  saleId: number,
  loadLogo: LogoLoader,
): Promise<Receipt> {
  const sale = await getSale(ctx, saleId);
  const shop = await loadShop(ctx.knex, ctx.shopId);
  const settings = await loadSettings(ctx.knex, ctx.shopId);
  const money = (amount: number): string => formatMoney(amount, shop.currency);
  const totals = [
    { label: 'Subtotal', value: money(sale.total_amount) },
    ...(sale.discount_amount ? [{ label: 'Discount', value: money(-sale.discount_amount) }] : []),
    ...(sale.tax_amount ? [{ label: 'Tax', value: money(sale.tax_amount) }] : []),
    { label: 'TOTAL', value: money(sale.final_amount) },
  ];
  return {
    shop: await documentShop(shop, loadLogo),
    title: sale.kind === 'reversal' ? 'REFUND' : 'RECEIPT',
    number: sale.sale_number,
    date: localDateTime(sale.created_at, shop.timezone),
    parties: [
      { label: 'Cashier', value: sale.cashier ?? '' },
      ...(sale.customer
        ? [{ label: 'Customer', value: `${sale.customer.name} (${sale.customer.phone})` }]
        : []),
    ],
    lines: sale.items.map((l) => ({
      name: l.item_name,
      quantity: l.quantity,
      unitPrice: money(l.unit_price),
      total: money(l.total_price),
    })),
    totals,
    payments: sale.payments.map((p) => ({ label: p.method, value: money(p.amount) })),
    footer: settings.get('receipt.footer') ?? 'Thank you for your business!',
  };
}
