// A stored purchase order as GET /api/purchase-orders/:id answers it, and the rules the app applies
// before asking the server (which checks them again): what each line still waits for, which actions
// a status allows, the receive form (a whole number from 0 to what is still to come per line, at
// least one above 0) and the body of a new order from the reorder page. Pure logic (order.test.ts).
import type { PurchaseOrderStatus } from '../../../snapshots/enums.ts';
import type {
  PurchaseOrder,
  PurchaseOrderLine,
} from '../../../extensions/phone-shop/src/domain/purchase-order.ts';

export type { PurchaseOrder, PurchaseOrderLine };

export interface OrderedQuantity {
  product_id: number;
  quantity: number;
}

/** The statuses in which a delivery can come in or the order be cancelled. */
export const OPEN_STATUSES: readonly PurchaseOrderStatus[] = ['Ordered', 'Partially Received'];

export function isOpen(status: PurchaseOrderStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Units of a line still to come (none for a line whose product is gone). */
export function outstanding(line: PurchaseOrderLine): number {
  if (line.product_id === null) return 0;
  return Math.max(0, line.quantity - line.received_quantity);
}

/** The lines a delivery can still bring. */
export function receivableLines(order: Pick<PurchaseOrder, 'lines'>): PurchaseOrderLine[] {
  return order.lines.filter((line) => outstanding(line) > 0);
}

/** The buttons an order shows: the role's right (`may`) and the order's status both allow them. */
export function orderActions(
  order: Pick<PurchaseOrder, 'status' | 'lines'>,
  may: (action: 'receive' | 'cancel' | 'pdf') => boolean,
): { receive: boolean; cancel: boolean; pdf: boolean } {
  const open = isOpen(order.status);
  return {
    receive: open && may('receive') && receivableLines(order).length > 0,
    cancel: open && may('cancel'),
    pdf: may('pdf'),
  };
}

/** The receive form's quantities as typed, per product id. */
export type DeliveryForm = Record<number, string>;

/** The form's start: everything still to come on every line. */
export function defaultDelivery(order: Pick<PurchaseOrder, 'lines'>): DeliveryForm {
  return Object.fromEntries(
    // Receivable lines have a product (outstanding() is 0 for a line without one).
    receivableLines(order).map((line) => [line.product_id as number, String(outstanding(line))]),
  );
}

export interface DeliveryCheck {
  /** Per product id, the highest quantity allowed, for the lines whose value is refused. */
  errors: Record<number, { max: number }>;
  /** The quantities that came, above 0 (what the server is sent). */
  lines: OrderedQuantity[];
  /** Every value is valid but none is above 0: nothing would be received. */
  nothing: boolean;
}

/** Checks the form: each line a whole number from 0 to its outstanding quantity. */
export function checkDelivery(order: Pick<PurchaseOrder, 'lines'>, form: DeliveryForm): DeliveryCheck {
  const errors: DeliveryCheck['errors'] = {};
  const lines: OrderedQuantity[] = [];
  for (const line of receivableLines(order)) {
    const productId = line.product_id as number;
    const max = outstanding(line);
    const typed = (form[productId] ?? '').trim();
    const quantity = Number(typed);
    if (!/^\d+$/.test(typed) || quantity > max) {
      errors[productId] = { max };
      continue;
    }
    if (quantity > 0) lines.push({ product_id: productId, quantity });
  }
  return { errors, lines, nothing: Object.keys(errors).length === 0 && lines.length === 0 };
}

/** Whether the checked form can be sent. */
export function canSend(check: DeliveryCheck): boolean {
  return Object.keys(check.errors).length === 0 && !check.nothing;
}

/** What POST /api/products/purchase-orders is sent. */
export interface OrderBody {
  supplier: string | null;
  notes: string | null;
  days: number;
  lines: OrderedQuantity[];
}

/** The body of a new order from the reorder page's choices (blank supplier and notes are none). */
export function newOrderBody(input: {
  supplier: string;
  notes: string;
  days: number;
  chosen: Iterable<number>;
  quantities: Record<number, number>;
}): OrderBody {
  const lines = [...input.chosen]
    .map((id) => ({ product_id: id, quantity: input.quantities[id] ?? 0 }))
    .filter((line) => Number.isInteger(line.quantity) && line.quantity > 0);
  return {
    supplier: input.supplier.trim() || null,
    notes: input.notes.trim() || null,
    days: input.days,
    lines,
  };
}
