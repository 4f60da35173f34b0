// What the till reads before and while it sells: the quick-add products, the till settings, the
// product lookup, and the last catalogue loaded, kept on the phone so that search and quick add go on
// working offline. The first requests start as the app's code is evaluated (startTillRequests, from
// main.tsx), not after the till's first render.
import { api, apiEnvelope, ApiError, hasStoredSession } from '../api/client.ts';
import { identity } from '../access/session.ts';
import type { LookupProduct } from './types.ts';

const QUICK_ADD_KEY = 'phone-shop.quick-add';
const CATALOGUE_KEY = 'phone-shop.catalogue';
const SETTINGS_KEY = 'phone-shop.pos-settings';
const PRODUCT_FIELDS = 'id,name,category,sku,barcode,selling_price,stock_quantity,min_stock_level,is_active';

export interface TillSettings {
  taxRateBp: number;
  staffDiscountLimitBp: number;
}

export const DEFAULT_SETTINGS: TillSettings = { taxRateBp: 0, staffDiscountLimitBp: 1000 };

interface StoredCatalogue {
  shopId: number;
  savedAt: string;
  products: LookupProduct[];
}

function read(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as unknown) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // A full storage loses the offline copy, never the sale.
  }
}

const shopId = (): number | null => identity()?.shop.id ?? null;

async function fetchQuickAdd(): Promise<LookupProduct[]> {
  // Thirty days back from now: a best-seller ranking needs no timezone (an Intl timezone is slow to
  // build on a cheap phone, and this runs before the first render).
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const [sold, products] = await Promise.all([
    apiEnvelope<{ product_id: number | null; sum: { quantity: string | number } }[]>('/items/sale_items', {
      query: {
        'aggregate[sum]': 'quantity',
        'groupBy[]': 'product_id',
        filter: JSON.stringify({ created_at: { _gte: since }, product_id: { _nnull: true } }),
        limit: 200,
      },
    }).catch(() => ({ data: [] })),
    apiEnvelope<LookupProduct[]>('/items/products', {
      query: {
        fields: PRODUCT_FIELDS,
        filter: JSON.stringify({ is_active: { _eq: true }, stock_quantity: { _gt: 0 } }),
        sort: 'name',
        limit: 100,
      },
    }),
  ]);
  const rank = new Map(sold.data.map((row) => [row.product_id, Number(row.sum.quantity)]));
  const list = [...products.data].sort((a, b) => (rank.get(b.id) ?? 0) - (rank.get(a.id) ?? 0)).slice(0, 12);
  write(QUICK_ADD_KEY, { shopId: shopId(), products: list });
  return list;
}

async function fetchSettings(): Promise<TillSettings> {
  const till = await api<{ tax_rate_bp: number; staff_discount_limit_bp: number }>('/api/sales/settings');
  const settings = { taxRateBp: till.tax_rate_bp, staffDiscountLimitBp: till.staff_discount_limit_bp };
  write(SETTINGS_KEY, settings);
  return settings;
}

let earlyQuickAdd: Promise<LookupProduct[]> | null = null;
let earlySettings: Promise<TillSettings> | null = null;

/** Starts the till's first requests at once (called before React renders anything). */
export function startTillRequests(): void {
  if (earlyQuickAdd || !hasStoredSession()) return;
  earlyQuickAdd = fetchQuickAdd();
  earlySettings = fetchSettings();
  // Handled when a component takes them; a failure then falls back on the phone's copy.
  earlyQuickAdd.catch(() => undefined);
  earlySettings.catch(() => undefined);
}

/** The quick-add products: the early request the first time, a new one afterwards. */
export function loadQuickAdd(): Promise<LookupProduct[]> {
  const pending = earlyQuickAdd ?? fetchQuickAdd();
  earlyQuickAdd = null;
  return pending;
}

export function loadSettings(): Promise<TillSettings> {
  const pending = earlySettings ?? fetchSettings();
  earlySettings = null;
  return pending;
}

export function cachedQuickAdd(): LookupProduct[] {
  const stored = read(QUICK_ADD_KEY) as { shopId: number | null; products: LookupProduct[] } | null;
  return stored && stored.shopId === shopId() ? stored.products : [];
}

export function cachedSettings(): TillSettings {
  return { ...DEFAULT_SETTINGS, ...(read(SETTINGS_KEY) as Partial<TillSettings> | null) };
}

/** Keeps the shop's active catalogue on the phone for offline search (up to 1,000 products). */
export async function refreshCatalogue(): Promise<number> {
  const answer = await apiEnvelope<LookupProduct[]>('/items/products', {
    query: {
      fields: PRODUCT_FIELDS,
      filter: JSON.stringify({ is_active: { _eq: true } }),
      sort: 'name',
      limit: 1000,
    },
  });
  const id = shopId();
  if (id === null) return 0;
  write(CATALOGUE_KEY, { shopId: id, savedAt: new Date().toISOString(), products: answer.data });
  return answer.data.length;
}

/** The catalogue last loaded on this phone for the signed-in shop, and when. */
export function cachedCatalogue(): { savedAt: string | null; products: LookupProduct[] } {
  const stored = read(CATALOGUE_KEY) as StoredCatalogue | null;
  if (stored && stored.shopId === shopId()) return { savedAt: stored.savedAt, products: stored.products };
  return { savedAt: null, products: cachedQuickAdd() };
}

const normalise = (text: string): string => text.trim().toLocaleLowerCase();

/** Offline search: names starting with the text (as the server's lookup), by name. */
export function searchCached(products: LookupProduct[], text: string, limit = 8): LookupProduct[] {
  const q = normalise(text);
  if (!q) return [];
  return products
    .filter((p) => normalise(p.name).startsWith(q))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** Offline barcode: the barcode or SKU exactly (as the server's lookup). */
export function barcodeCached(products: LookupProduct[], code: string): LookupProduct | undefined {
  const c = code.trim();
  return products.find((p) => p.barcode === c || p.sku === c);
}

const isNetwork = (error: unknown): boolean => error instanceof ApiError && error.code === 'NETWORK';

export interface Lookup {
  products: LookupProduct[];
  /** Answered from the phone's copy (no connection). */
  offline: boolean;
}

export async function searchProducts(text: string, signal?: AbortSignal): Promise<Lookup> {
  if (!navigator.onLine) return { products: searchCached(cachedCatalogue().products, text), offline: true };
  try {
    const products = await api<LookupProduct[]>('/api/products/lookup', {
      query: { q: text.trim(), limit: 8 },
      ...(signal ? { signal } : {}),
    });
    return { products, offline: false };
  } catch (error) {
    if (isNetwork(error)) return { products: searchCached(cachedCatalogue().products, text), offline: true };
    throw error;
  }
}

export async function lookupBarcode(code: string): Promise<LookupProduct | undefined> {
  if (!navigator.onLine) return barcodeCached(cachedCatalogue().products, code);
  try {
    const found = await api<LookupProduct[]>('/api/products/lookup', { query: { barcode: code, limit: 1 } });
    return found[0];
  } catch (error) {
    if (isNetwork(error)) return barcodeCached(cachedCatalogue().products, code);
    throw error;
  }
}
