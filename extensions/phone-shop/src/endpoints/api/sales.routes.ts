// /api/sales: checkout, listing, one sale, edits, approval, lock, reversal, deletion and receipts.
// Each route parses and validates its input, then delegates to a service.
import type { Router } from 'express';
import { z } from 'zod';
import { PAYMENT_METHODS, SALE_STATUSES, SALE_PAYMENT_METHODS } from '../../../../../snapshots/enums.ts';
import { checkout, type CheckoutInput } from '../../services/sales/checkout.service.ts';
import {
  approveSale,
  deleteSale,
  lockSaleForGood,
  rejectSale,
  reverseSale,
  updateSale,
} from '../../services/sales/sale-actions.service.ts';
import { listNumberGaps } from '../../services/sales/number-gaps.ts';
import { getSale, listSales } from '../../services/sales/sale-queries.ts';
import { tillSettings } from '../../services/shop.ts';
import { requireRight } from '../../services/rights.ts';
import { receiptEscPos } from '../../services/receipts/escpos.ts';
import { receiptPdf } from '../../services/receipts/pdf.ts';
import { buildReceipt, type LogoLoader } from '../../services/receipts/receipt.ts';
import { requestHash } from '../../services/idempotency.ts';
import { envelope, sendOk } from './envelope.ts';
import { route, runAction, runRead, type Edge } from './http.ts';
import { id, money, pathId, points, queryId } from './schemas.ts';

const itemSchema = z
  .object({
    product_id: id.optional(),
    device_id: id.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    unit_price: money.optional(),
    quantity: z.number().int().min(1, 'must be at least 1').max(10_000),
    discount_amount: money.default(0),
  })
  .refine((i) => [i.product_id, i.device_id, i.name].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of product_id, device_id or name (with unit_price) for a custom item',
  });

export const saleSchema = z.object({
  customer_id: id.nullable().default(null),
  items: z.array(itemSchema).min(1, 'a sale needs at least one item').max(200),
  discount_amount: money.default(0),
  redeem_points: points.pipe(z.number().min(0, 'cannot be negative')).default(0),
  payments: z
    .array(
      z.object({
        method: z.enum(PAYMENT_METHODS),
        amount: money,
        reference: z.string().trim().max(100).optional(),
      }),
    )
    .min(1, 'at least one payment')
    .max(6),
  notes: z.string().max(2000).nullable().default(null),
  location_id: id.nullable().default(null),
}) satisfies z.ZodType<CheckoutInput>;

const listSchema = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  staff: z.uuid().optional(),
  payment_method: z.enum(SALE_PAYMENT_METHODS).optional(),
  status: z.enum(SALE_STATUSES).optional(),
  customer_id: queryId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const gapsSchema = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const reasonSchema = z.object({ reason: z.string().trim().min(3, 'give a reason').max(1000) });
const receiptSchema = z.object({ format: z.enum(['a4', 'thermal', 'escpos']).default('thermal') });
const idempotencyKey = z.uuid('the Idempotency-Key header must be a UUID').optional();

const SCOPE = 'POST /api/sales';

export function registerSales(router: Router, edge: Edge, loadLogo: LogoLoader): void {
  router.post(
    '/sales',
    route(edge, async (req, res) => {
      const key = idempotencyKey.parse(req.header('idempotency-key'));
      const input = saleSchema.parse(req.body);
      const claim = key ? { key, scope: SCOPE, hash: requestHash(SCOPE, req.body) } : null;
      const answer = await runAction(edge, req, (ctx) => {
        requireRight(ctx, 'sales', 'create');
        return checkout(ctx, input, claim);
      });
      if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
      res.status(201).json(envelope(answer.sale, 'Sale recorded'));
    }),
  );

  router.get(
    '/sales',
    route(edge, async (req, res) => {
      const filters = listSchema.parse(req.query);
      const result = await runRead(edge, req, (ctx) => {
        requireRight(ctx, 'sales', 'read');
        return listSales(ctx, filters);
      });
      res.json({
        ...envelope(result.data),
        meta: { total: result.total, limit: filters.limit, offset: filters.offset },
      });
    }),
  );

  router.get(
    '/sales/settings',
    route(edge, async (req, res) => {
      sendOk(
        res,
        await runRead(edge, req, (ctx) => {
          requireRight(ctx, 'sales', 'create');
          return tillSettings(ctx);
        }),
      );
    }),
  );

  // The sale numbers skipped (services/numbering.ts), newest first: the Owner's (audit_logs.read).
  router.get(
    '/sales/number-gaps',
    route(edge, async (req, res) => {
      const filters = gapsSchema.parse(req.query);
      const result = await runRead(edge, req, (ctx) => listNumberGaps(ctx, filters));
      res.json({
        ...envelope(result.data),
        meta: { total: result.total, limit: filters.limit, offset: filters.offset },
      });
    }),
  );

  router.get(
    '/sales/receipt/:id',
    route(edge, async (req, res) => {
      const saleId = pathId.parse(req.params['id']);
      const { format } = receiptSchema.parse(req.query);
      const receipt = await runRead(edge, req, (ctx) => {
        requireRight(ctx, 'sales', 'read');
        return buildReceipt(ctx, saleId, loadLogo);
      });
      const filename = `receipt-${receipt.number}`;
      if (format === 'escpos') {
        res.setHeader('Content-Type', 'application/vnd.escpos');
        res.setHeader('Content-Disposition', `attachment; filename="${filename}.bin"`);
        res.end(Buffer.from(await receiptEscPos(receipt)));
        return;
      }
      const pdf = await receiptPdf(receipt, format);
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `inline; filename="${filename}-${format}.pdf"`);
      res.end(pdf);
    }),
  );

  router.get(
    '/sales/:id',
    route(edge, async (req, res) => {
      const saleId = pathId.parse(req.params['id']);
      sendOk(
        res,
        await runRead(edge, req, (ctx) => {
          requireRight(ctx, 'sales', 'read');
          return getSale(ctx, saleId);
        }),
      );
    }),
  );

  router.put(
    '/sales/:id',
    route(edge, async (req, res) => {
      const saleId = pathId.parse(req.params['id']);
      const input = saleSchema.parse(req.body);
      sendOk(res, await runAction(edge, req, (ctx) => updateSale(ctx, saleId, input)), 'Sale updated');
    }),
  );

  router.delete(
    '/sales/:id',
    route(edge, async (req, res) => {
      const saleId = pathId.parse(req.params['id']);
      await runAction(edge, req, (ctx) => deleteSale(ctx, saleId));
      sendOk(res, { id: saleId }, 'Sale deleted; its stock is back on the shelf');
    }),
  );

  router.post(
    '/sales/:id/approve',
    route(edge, async (req, res) => {
      const saleId = pathId.parse(req.params['id']);
      sendOk(res, await runAction(edge, req, (ctx) => approveSale(ctx, saleId)), 'Sale approved');
    }),
  );

  router.post(
    '/sales/:id/reject',
    route(edge, async (req, res) => {
      const saleId = pathId.parse(req.params['id']);
      const { reason } = reasonSchema.parse(req.body);
      sendOk(res, await runAction(edge, req, (ctx) => rejectSale(ctx, saleId, reason)), 'Sale rejected');
    }),
  );

  router.post(
    '/sales/:id/lock',
    route(edge, async (req, res) => {
      const saleId = pathId.parse(req.params['id']);
      sendOk(res, await runAction(edge, req, (ctx) => lockSaleForGood(ctx, saleId)), 'Sale locked');
    }),
  );

  router.post(
    '/sales/:id/reverse',
    route(edge, async (req, res) => {
      const saleId = pathId.parse(req.params['id']);
      const { reason } = reasonSchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => reverseSale(ctx, saleId, reason)),
        'Sale reversed',
        201,
      );
    }),
  );
}
