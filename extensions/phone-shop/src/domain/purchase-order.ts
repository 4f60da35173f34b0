// A stored purchase order as the /api routes answer it (GET /api/purchase-orders/:id), shared by the
// service that builds it and the app that shows it.
import type { PurchaseOrderStatus } from '../../../../snapshots/enums.ts';

export interface PurchaseOrderLine {
  id: number;
  /** null once the product was deleted: the line stays on the order but cannot be received. */
  product_id: number | null;
  name: string;
  sku: string | null;
  quantity: number;
  received_quantity: number;
  /** The Owner's only (cost prices). */
  unit_cost?: number;
  total?: number;
}

export interface PurchaseOrder {
  id: number;
  reference: string;
  supplier: string | null;
  status: PurchaseOrderStatus;
  notes: string | null;
  created_by: string | null;
  created_at: string;
  received_at: string | null;
  cancelled_at: string | null;
  lines: PurchaseOrderLine[];
  /** The Owner's only. */
  total?: number;
}
