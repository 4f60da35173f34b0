// /api/products and /api/stock-movements: the POS lookup, stock adjustments, low stock, the ledger,
// reorder recommendations and the preloaded catalogue (purchase orders: purchase-orders.routes.ts).
import type { Router } from 'express';
import { z } from 'zod';
import { MOVEMENT_TYPES } from '../../../../../snapshots/enums.ts';
import {
  addCatalogue,
  catalogueFor,
  adjustStock,
  lookupProductsJson,
  lowStock,
  reorderRecommendations,
  stockMovements,
} from '../../services/inventory/inventory.service.ts';
import { sendOk, sendOkJson } from './envelope.ts';
import { route, runAction, runRead, type Edge } from './http.ts';
import { pathId, queryId } from './schemas.ts';
const lookupSchema = z
  .object({
    barcode: z.string().trim().min(1).max(100).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((v) => v.barcode !== undefined || v.q !== undefined, {
    message: 'give a barcode or a name prefix (q)',
  });
export const adjustSchema = z.object({
  quantity: z
    .number()
    .int()
    .min(-1_000_000, 'is more than a million units at once')
    .max(1_000_000, 'is more than a million units at once')
    .refine((q) => q !== 0, 'cannot be zero'),
  reason: z.string().trim().min(3, 'give a reason').max(500),
});
const movementsSchema = z.object({
  product_id: queryId.optional(),
  movement_type: z.enum(MOVEMENT_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const reorderSchema = z.object({
  days: z.coerce.number().int().min(7).max(365).default(30),
  lead_days: z.coerce.number().int().min(0).max(120).default(7),
  cover_days: z.coerce.number().int().min(1).max(180).default(30),
});
const catalogueSchema = z.object({ skus: z.array(z.string().min(1)).max(500).nullable().default(null) });

export function registerInventory(router: Router, edge: Edge): void {
  router.get(
    '/products/lookup',
    route(edge, async (req, res) => {
      const query = lookupSchema.parse(req.query);
      sendOkJson(res, await runRead(edge, req, (ctx) => lookupProductsJson(ctx, query, query.limit)));
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
      const productId = pathId.parse(req.params['id']);
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
