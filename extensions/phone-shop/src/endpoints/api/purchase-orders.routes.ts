// /api/products/purchase-orders and /api/purchase-orders: ordering stock from a supplier, receiving
// deliveries against the order, cancelling what has not come.
import type { Router } from 'express';
import { z } from 'zod';
import { PURCHASE_ORDER_STATUSES } from '../../../../../snapshots/enums.ts';
import {
  cancelPurchaseOrder,
  createPurchaseOrder,
  getPurchaseOrder,
  listPurchaseOrders,
  receivePurchaseOrder,
} from '../../services/purchase-orders/purchase-orders.service.ts';
import { purchaseOrderDocument } from '../../services/purchase-orders/purchase-order-document.ts';
import { receiptPdf } from '../../services/receipts/pdf.ts';
import type { LogoLoader } from '../../services/receipts/receipt.ts';
import { envelope, sendOk } from './envelope.ts';
import { route, runAction, runRead, type Edge } from './http.ts';
import { id, pathId } from './schemas.ts';
const lines = z
  .array(z.object({ product_id: id, quantity: z.number().int().positive('must be at least 1').max(100_000) }))
  .min(1, 'at least one line')
  .max(500);

export const orderSchema = z.object({
  supplier: z.string().trim().min(1).max(200).nullable().default(null),
  notes: z.string().trim().max(2000).nullable().default(null),
  days: z.number().int().min(7).max(365).default(30),
  lines: lines.nullable().default(null),
});
export const receiveSchema = z.object({
  lines: lines.nullable().default(null),
  notes: z.string().trim().max(500).nullable().default(null),
});
const cancelSchema = z.object({ reason: z.string().trim().min(3, 'give a reason').max(1000) });
const listSchema = z.object({
  status: z.enum(PURCHASE_ORDER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function registerPurchaseOrders(router: Router, edge: Edge, loadLogo: LogoLoader): void {
  router.post(
    '/products/purchase-orders',
    route(edge, async (req, res) => {
      const input = orderSchema.parse(req.body ?? {});
      sendOk(
        res,
        await runAction(edge, req, (ctx) => createPurchaseOrder(ctx, input)),
        'Purchase order created',
        201,
      );
    }),
  );

  router.get(
    '/purchase-orders',
    route(edge, async (req, res) => {
      const filters = listSchema.parse(req.query);
      const result = await runRead(edge, req, (ctx) => listPurchaseOrders(ctx, filters));
      res.json({
        ...envelope(result.data),
        meta: { total: result.total, limit: filters.limit, offset: filters.offset },
      });
    }),
  );

  router.get(
    '/purchase-orders/:id',
    route(edge, async (req, res) => {
      const orderId = pathId.parse(req.params['id']);
      sendOk(res, await runRead(edge, req, (ctx) => getPurchaseOrder(ctx, orderId)));
    }),
  );

  router.get(
    '/purchase-orders/:id/pdf',
    route(edge, async (req, res) => {
      const orderId = pathId.parse(req.params['id']);
      const document = await runRead(edge, req, (ctx) => purchaseOrderDocument(ctx, orderId, loadLogo));
      const pdf = await receiptPdf(document, 'a4');
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `inline; filename="${document.number}.pdf"`);
      res.end(pdf);
    }),
  );

  router.post(
    '/purchase-orders/:id/receive',
    route(edge, async (req, res) => {
      const orderId = pathId.parse(req.params['id']);
      const body = receiveSchema.parse(req.body ?? {});
      sendOk(
        res,
        await runAction(edge, req, (ctx) => receivePurchaseOrder(ctx, orderId, body.lines, body.notes)),
        'Delivery received',
      );
    }),
  );

  router.post(
    '/purchase-orders/:id/cancel',
    route(edge, async (req, res) => {
      const orderId = pathId.parse(req.params['id']);
      const { reason } = cancelSchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => cancelPurchaseOrder(ctx, orderId, reason)),
        'Purchase order cancelled',
      );
    }),
  );
}
