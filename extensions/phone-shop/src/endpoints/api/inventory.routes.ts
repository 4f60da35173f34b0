// /api/products and /api/stock-movements: the POS lookup, stock adjustments, low stock, the ledger,
// reorder recommendations, purchase orders and the preloaded catalogue.
import type { Router } from 'express';
import { z } from 'zod';
import { MOVEMENT_TYPES } from '../../../../../snapshots/enums.ts';
import {
  addCatalogue,
  catalogueFor,
  adjustStock,
  lookupProducts,
  lowStock,
  purchaseOrder,
  reorderRecommendations,
  stockMovements,
} from '../../services/inventory/inventory.service.ts';
import { sendOk } from './envelope.ts';
import { route, runAction, runRead, type Edge } from './http.ts';

const id = z.coerce.number().int().positive();
const lookupSchema = z
  .object({
    barcode: z.string().trim().min(1).max(100).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((v) => v.barcode !== undefined || v.q !== undefined, {
    message: 'give a barcode or a name prefix (q)',
  });
const adjustSchema = z.object({
  quantity: z
    .number()
    .int()
    .refine((q) => q !== 0, 'cannot be zero'),
  reason: z.string().trim().min(3, 'give a reason').max(500),
});
const movementsSchema = z.object({
  product_id: id.optional(),
  movement_type: z.enum(MOVEMENT_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const reorderSchema = z.object({
  days: z.coerce.number().int().min(7).max(365).default(30),
  lead_days: z.coerce.number().int().min(0).max(120).default(7),
  cover_days: z.coerce.number().int().min(1).max(180).default(30),
});
const purchaseOrderSchema = z.object({
  days: z.number().int().min(7).max(365).default(30),
  lines: z
    .array(z.object({ product_id: id, quantity: z.number().int().positive() }))
    .max(500)
    .optional(),
});
const catalogueSchema = z.object({ skus: z.array(z.string().min(1)).max(500).nullable().default(null) });

export function registerInventory(router: Router, edge: Edge): void {
  router.get(
    '/products/lookup',
    route(edge, async (req, res) => {
      const query = lookupSchema.parse(req.query);
      sendOk(res, await runRead(edge, req, (ctx) => lookupProducts(ctx, query, query.limit)));
    }),
  );

  router.get(
    '/products/low-stock',
    route(edge, async (req, res) => {
      sendOk(res, await runRead(edge, req, (ctx) => lowStock(ctx)));
    }),
  );

  router.get(
    '/products/reorder-recommendations',
    route(edge, async (req, res) => {
      const q = reorderSchema.parse(req.query);
      sendOk(
        res,
        await runRead(edge, req, (ctx) => reorderRecommendations(ctx, q.days, q.lead_days, q.cover_days)),
      );
    }),
  );

  router.post(
    '/products/purchase-orders',
    route(edge, async (req, res) => {
      const body = purchaseOrderSchema.parse(req.body ?? {});
      const quantities = body.lines ? new Map(body.lines.map((l) => [l.product_id, l.quantity])) : null;
      sendOk(
        res,
        await runRead(edge, req, (ctx) => purchaseOrder(ctx, quantities, body.days)),
        'Purchase order drafted',
        201,
      );
    }),
  );

  router.get(
    '/products/catalogue',
    route(edge, async (req, res) => {
      sendOk(res, await runRead(edge, req, (ctx) => Promise.resolve(catalogueFor(ctx))));
    }),
  );

  router.post(
    '/products/catalogue',
    route(edge, async (req, res) => {
      const { skus } = catalogueSchema.parse(req.body ?? {});
      sendOk(res, await runAction(edge, req, (ctx) => addCatalogue(ctx, skus)), 'Catalogue added', 201);
    }),
  );

  router.post(
    '/products/:id/adjust',
    route(edge, async (req, res) => {
      const productId = id.parse(req.params['id']);
      const { quantity, reason } = adjustSchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => adjustStock(ctx, productId, quantity, reason)),
        'Stock adjusted',
      );
    }),
  );

  router.get(
    '/stock-movements',
    route(edge, async (req, res) => {
      const filters = movementsSchema.parse(req.query);
      sendOk(res, await runRead(edge, req, (ctx) => stockMovements(ctx, filters)));
    }),
  );
}
