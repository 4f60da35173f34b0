// The shop's profile and settings as the business rules read them, with the spec's defaults.
import type { Knex } from 'knex';
import { PAYMENT_METHODS } from '../../../../snapshots/enums.ts';
import type { SaleSettings } from '../domain/sale-totals.ts';

export interface ShopProfile {
  id: number;
  shop_name: string;
  code: string;
  phone: string;
  email: string;
  address: string | null;
  logo: string | null;
  timezone: string;
  currency: string;
  country: string;
}

export async function loadShop(knex: Knex, shopId: number): Promise<ShopProfile> {
  const shop = (await knex('shops')
    .select('id', 'shop_name', 'code', 'phone', 'email', 'address', 'logo', 'timezone', 'currency', 'country')
    .where({ id: shopId })
    .first()) as ShopProfile | undefined;
  if (!shop) throw new Error(`shop ${shopId} is missing`);
  return shop;
}

export async function loadSettings(knex: Knex, shopId: number): Promise<Map<string, string>> {
  const rows = (await knex('settings').select('setting_key', 'setting_value').where({ shop_id: shopId })) as {
    setting_key: string;
    setting_value: string | null;
  }[];
  return new Map(
    rows.filter((r) => r.setting_value !== null).map((r) => [r.setting_key, r.setting_value ?? '']),
  );
}

function integerSetting(settings: Map<string, string>, key: string, fallback: number): number {
  const value = Number(settings.get(key));
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}

/** Defaults: no tax on top, Staff discounts up to 10%, 1 point per 1,000, a point worth 10, every payment method. */
export function saleSettings(settings: Map<string, string>): SaleSettings {
  return {
    taxRateBp: integerSetting(settings, 'tax.rate_bp', 0),
    staffDiscountLimitBp: integerSetting(settings, 'discount.staff_limit_bp', 1_000),
    amountPerPoint: integerSetting(settings, 'loyalty.amount_per_point', 1_000),
    pointValue: integerSetting(settings, 'loyalty.point_value', 10),
    paymentMethods:
      settings
        .get('payment.methods')
        ?.split(',')
        .map((m) => m.trim())
        .filter(Boolean) ?? PAYMENT_METHODS,
  };
}

export interface TillSettings {
  currency: string;
  timezone: string;
  tax_rate_bp: number;
  staff_discount_limit_bp: number;
  payment_methods: readonly string[];
  amount_per_point: number;
  point_value: number;
}

/**
 * What every till needs before a sale, for anyone who sells: the settings only Owners edit (and read
 * on /items), so that a cashier's screen adds up to the server's total.
 */
export async function tillSettings(ctx: { knex: Knex; shopId: number }): Promise<TillSettings> {
  const [shop, settings] = await Promise.all([
    loadShop(ctx.knex, ctx.shopId),
    loadSettings(ctx.knex, ctx.shopId),
  ]);
  const sale = saleSettings(settings);
  return {
    currency: shop.currency,
    timezone: shop.timezone,
    tax_rate_bp: sale.taxRateBp,
    staff_discount_limit_bp: sale.staffDiscountLimitBp,
    payment_methods: sale.paymentMethods,
    amount_per_point: sale.amountPerPoint,
    point_value: sale.pointValue,
  };
}
