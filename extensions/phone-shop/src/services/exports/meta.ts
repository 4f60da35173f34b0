// The head of every export: which shop, what, which days, when. The logo is loaded only for the
// format that prints it (PDF).
import type { Knex } from 'knex';
import type { LogoLoader } from '../receipts/receipt.ts';
import { loadShop, type ShopProfile } from '../shop.ts';
import type { ExportFormat, ExportMeta } from './table.ts';

export interface MetaInput {
  title: string;
  period: { from: string; to: string } | null;
  format: ExportFormat;
}

/** The meta of an export for a shop already loaded. */
export async function metaForShop(
  shop: ShopProfile,
  input: MetaInput,
  loadLogo: LogoLoader | null,
): Promise<ExportMeta> {
  const logo = input.format === 'pdf' && shop.logo && loadLogo ? await loadLogo(shop.logo) : null;
  return {
    title: input.title,
    shop: {
      name: shop.shop_name,
      code: shop.code,
      currency: shop.currency,
      timezone: shop.timezone,
      address: shop.address,
      phone: shop.phone,
      logo,
    },
    period: input.period,
    generatedAt: new Date(),
  };
}

/** The meta of an export for the caller's shop (`loadLogo`: the one endpoints/api/index.ts builds). */
export async function exportMeta(
  ctx: { knex: Knex; shopId: number },
  input: MetaInput,
  loadLogo: LogoLoader | null,
): Promise<ExportMeta> {
  return metaForShop(await loadShop(ctx.knex, ctx.shopId), input, loadLogo);
}
