// The point of sale's cart as pure state and arithmetic: lines, discounts, payments, change due, and
// the checkout body. The server prices every line again and has the last word on every rule; this
// module shows the cashier the same figures before the sale is sent (cart.test.ts).

import { PAYMENT_METHODS, type PaymentMethod } from '../../../snapshots/enums.ts';

export { PAYMENT_METHODS, type PaymentMethod };

/** Methods whose payment has a transaction id worth typing (mobile money, card, bank). */
export const NEEDS_REFERENCE: ReadonlySet<PaymentMethod> = new Set([
  'MTN Mobile Money',
  'Airtel Money',
  'Card',
  'Bank Transfer',
]);

export interface CartLine {
  key: string;
  kind: 'product' | 'device' | 'custom';
  productId?: number;
  deviceId?: number;
  name: string;
  unitPrice: number;
  quantity: number;
  discount: number;
  /** Stock known when the line was added (products), to warn before the server refuses. */
  stock?: number;
}

export interface Payment {
  method: PaymentMethod;
  amount: number;
  reference: string;
}

export interface CartCustomer {
  id: number;
  name: string;
  phone: string;
}

export interface Cart {
  lines: CartLine[];
  customer: CartCustomer | null;
  saleDiscount: number;
  payments: Payment[];
  notes: string;
  /** Sent as the Idempotency-Key: the same for every retry of this cart, new after a sale. */
  idempotencyKey: string;
}

export function newKey(): string {
  // crypto.randomUUID exists only in secure contexts; a shop's LAN address over http is not one.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function emptyCart(key = newKey()): Cart {
  return {
    lines: [],
    customer: null,
    saleDiscount: 0,
    payments: [{ method: 'Cash', amount: 0, reference: '' }],
    notes: '',
    idempotencyKey: key,
  };
}

export type CartAction =
  | {
      type: 'addProduct';
      product: { id: number; name: string; selling_price: number; stock_quantity?: number | null };
    }
  | { type: 'addDevice'; device: { id: number; brand: string; model: string; selling_price: number } }
  | { type: 'addCustom'; name: string; unitPrice: number }
  | { type: 'setQuantity'; key: string; quantity: number }
  | { type: 'remove'; key: string }
  | { type: 'setLineDiscount'; key: string; discount: number }
  | { type: 'setSaleDiscount'; discount: number }
  | { type: 'setCustomer'; customer: CartCustomer | null }
  | { type: 'setPayment'; index: number; payment: Partial<Payment> }
  | { type: 'addPayment'; method: PaymentMethod }
  | { type: 'removePayment'; index: number }
  | { type: 'setNotes'; notes: string }
  /** A cart taken back into the till (a sale the server refused), under a new key. */
  | { type: 'restore'; cart: Cart }
  | { type: 'clear' };

const whole = (value: number): number => (Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0);

function updateLine(cart: Cart, key: string, change: (line: CartLine) => CartLine): Cart {
  return { ...cart, lines: cart.lines.map((line) => (line.key === key ? change(line) : line)) };
}

export function cartReducer(cart: Cart, action: CartAction): Cart {
  switch (action.type) {
    case 'addProduct': {
      const { product } = action;
      const existing = cart.lines.find((l) => l.kind === 'product' && l.productId === product.id);
      if (existing) return updateLine(cart, existing.key, (l) => ({ ...l, quantity: l.quantity + 1 }));
      const line: CartLine = {
        key: `p${String(product.id)}`,
        kind: 'product',
        productId: product.id,
        name: product.name,
        unitPrice: product.selling_price,
        quantity: 1,
        discount: 0,
      };
      if (typeof product.stock_quantity === 'number') line.stock = product.stock_quantity;
      return { ...cart, lines: [...cart.lines, line] };
    }
    case 'addDevice': {
      const { device } = action;
      // A device is one physical phone: once per sale.
      if (cart.lines.some((l) => l.kind === 'device' && l.deviceId === device.id)) return cart;
      return {
        ...cart,
        lines: [
          ...cart.lines,
          {
            key: `d${String(device.id)}`,
            kind: 'device',
            deviceId: device.id,
            name: `${device.brand} ${device.model}`,
            unitPrice: device.selling_price,
            quantity: 1,
            discount: 0,
          },
        ],
      };
    }
    case 'addCustom':
      return {
        ...cart,
        lines: [
          ...cart.lines,
          {
            key: `c${newKey().slice(0, 8)}`,
            kind: 'custom',
            name: action.name.trim(),
            unitPrice: whole(action.unitPrice),
            quantity: 1,
            discount: 0,
          },
        ],
      };
    case 'setQuantity': {
      const quantity = Math.min(10_000, whole(action.quantity));
      if (quantity === 0) return cartReducer(cart, { type: 'remove', key: action.key });
      return updateLine(cart, action.key, (l) =>
        l.kind === 'device' ? l : { ...l, quantity, discount: Math.min(l.discount, l.unitPrice * quantity) },
      );
    }
    case 'remove':
      return { ...cart, lines: cart.lines.filter((l) => l.key !== action.key) };
    case 'setLineDiscount':
      return updateLine(cart, action.key, (l) => ({
        ...l,
        discount: Math.min(whole(action.discount), l.unitPrice * l.quantity),
      }));
    case 'setSaleDiscount':
      return { ...cart, saleDiscount: whole(action.discount) };
    case 'setCustomer':
      return { ...cart, customer: action.customer };
    case 'setPayment':
      return {
        ...cart,
        payments: cart.payments.map((p, i) =>
          i === action.index
            ? {
                ...p,
                ...action.payment,
                amount: action.payment.amount === undefined ? p.amount : whole(action.payment.amount),
              }
            : p,
        ),
      };
    case 'addPayment':
      if (cart.payments.length >= 6) return cart;
      return { ...cart, payments: [...cart.payments, { method: action.method, amount: 0, reference: '' }] };
    case 'removePayment':
      if (cart.payments.length <= 1) return cart;
      return { ...cart, payments: cart.payments.filter((_, i) => i !== action.index) };
    case 'setNotes':
      return { ...cart, notes: action.notes };
    case 'restore':
      return { ...emptyCart(), ...action.cart, idempotencyKey: newKey() };
    case 'clear':
      return emptyCart();
  }
}

export interface Totals {
  /** Sum of unit price × quantity. */
  subtotal: number;
  lineDiscounts: number;
  /** Line discounts plus the sale discount, never more than the subtotal. */
  discount: number;
  tax: number;
  /** What the customer owes. */
  total: number;
  itemCount: number;
}

/** Half away from zero, as the server rounds tax. */
function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

export function totals(cart: Pick<Cart, 'lines' | 'saleDiscount'>, taxRateBp = 0): Totals {
  const subtotal = cart.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const lineDiscounts = cart.lines.reduce(
    (sum, l) => sum + Math.min(l.discount, l.unitPrice * l.quantity),
    0,
  );
  const discount = Math.min(subtotal, lineDiscounts + cart.saleDiscount);
  const taxable = subtotal - discount;
  const tax = roundHalfAway((taxable * taxRateBp) / 10_000);
  return {
    subtotal,
    lineDiscounts,
    discount,
    tax,
    total: taxable + tax,
    itemCount: cart.lines.reduce((sum, l) => sum + l.quantity, 0),
  };
}

/** Share of the subtotal given away, in basis points (what the staff discount limit is about). */
export function discountBp(t: Totals): number {
  return t.subtotal === 0 ? 0 : Math.round((t.discount * 10_000) / t.subtotal);
}

export interface Settlement {
  paid: number;
  /** Still to collect (0 when covered). */
  remaining: number;
  /** Cash to hand back: only cash can be over-tendered. */
  change: number;
  /** Whether the payments can be sent: they cover the total and only cash exceeds it. */
  ready: boolean;
  /** The payments as the server wants them: adding up to the total exactly, zeros left out. */
  payments: Payment[];
}

export function settle(payments: Payment[], total: number): Settlement {
  const paid = payments.reduce((sum, p) => sum + p.amount, 0);
  const nonCash = payments.filter((p) => p.method !== 'Cash').reduce((sum, p) => sum + p.amount, 0);
  const remaining = Math.max(0, total - paid);
  const over = Math.max(0, paid - total);
  // Mobile money, card and bank amounts are exact transfers: they cannot be more than what is due.
  const change = nonCash > total ? 0 : over;
  let toGive = change;
  const sent = payments
    .map((p) => {
      if (p.method !== 'Cash' || toGive === 0) return { ...p };
      const back = Math.min(p.amount, toGive);
      toGive -= back;
      return { ...p, amount: p.amount - back };
    })
    .filter((p) => p.amount > 0);
  const ready = total >= 0 && remaining === 0 && nonCash <= total && (total === 0 || sent.length > 0);
  return { paid, remaining, change, ready, payments: sent };
}

export interface CheckoutBody {
  items: (
    | { product_id: number; quantity: number; discount_amount: number }
    | { device_id: number; quantity: number; discount_amount: number }
    | { name: string; unit_price: number; quantity: number; discount_amount: number }
  )[];
  payments: { method: PaymentMethod; amount: number; reference?: string }[];
  customer_id: number | null;
  discount_amount: number;
  notes: string | null;
}

/** The body of POST /api/sales for this cart (amounts as the server expects them). */
export function checkoutBody(cart: Cart, taxRateBp = 0): CheckoutBody {
  const t = totals(cart, taxRateBp);
  const { payments } = settle(cart.payments, t.total);
  return {
    items: cart.lines.map((l) => {
      const discount_amount = Math.min(l.discount, l.unitPrice * l.quantity);
      if (l.kind === 'product' && l.productId !== undefined)
        return { product_id: l.productId, quantity: l.quantity, discount_amount };
      if (l.kind === 'device' && l.deviceId !== undefined)
        return { device_id: l.deviceId, quantity: 1, discount_amount };
      return { name: l.name, unit_price: l.unitPrice, quantity: l.quantity, discount_amount };
    }),
    payments: payments.map((p) => ({
      method: p.method,
      amount: p.amount,
      ...(p.reference.trim() ? { reference: p.reference.trim() } : {}),
    })),
    customer_id: cart.customer?.id ?? null,
    // The sale discount is what is left once the line discounts are counted.
    discount_amount: Math.max(0, t.discount - t.lineDiscounts),
    notes: cart.notes.trim() || null,
  };
}

/** Fills the one open payment with what remains, the quick path for "paid exactly". */
export function fillRemaining(cart: Cart, taxRateBp = 0): Cart {
  const t = totals(cart, taxRateBp);
  const others = cart.payments.slice(0, -1).reduce((sum, p) => sum + p.amount, 0);
  const lastIndex = cart.payments.length - 1;
  return cartReducer(cart, {
    type: 'setPayment',
    index: lastIndex,
    payment: { amount: Math.max(0, t.total - others) },
  });
}
