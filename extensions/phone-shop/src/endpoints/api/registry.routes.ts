// /api/devices and /api/customers: search by IMEI or serial, repair history, CSV import, purchases,
// owned devices and loyalty points.
import type { Router } from 'express';
import { z } from 'zod';
import {
  adjustLoyalty,
  customerDevices,
  customerPurchases,
} from '../../services/customers/customers.service.ts';
import { deviceRepairs, importDevices, searchDevices } from '../../services/devices/devices.service.ts';
import { InvalidFieldError } from '../../errors.ts';
import { sendOk } from './envelope.ts';
import { route, runAction, runRead, type ApiRequest, type Edge } from './http.ts';
import { pathId, points } from './schemas.ts';
const searchSchema = z.object({
  q: z.string().trim().min(2, 'type at least 2 characters').max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const loyaltySchema = z.object({
  points: points.refine((p) => p !== 0, 'cannot be zero'),
  reason: z.string().trim().min(3, 'give a reason').max(500),
});

const MAX_CSV_BYTES = 20 * 1024 * 1024;

/** The CSV of an import: a text/csv body, or JSON { "csv": "..." }. */
async function csvOf(req: ApiRequest): Promise<string> {
  const body: unknown = req.body;
  if (body && typeof body === 'object' && typeof (body as { csv?: unknown }).csv === 'string')
    return (body as { csv: string }).csv;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CSV_BYTES) throw new InvalidFieldError({ field: 'csv', reason: 'is larger than 20 MB' });
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim())
    throw new InvalidFieldError({ field: 'csv', reason: 'is empty: send text/csv or JSON { "csv": "..." }' });
  return text;
}

export function registerRegistry(router: Router, edge: Edge): void {
  router.get(
    '/devices/search',
    route(edge, async (req, res) => {
      const { q, limit } = searchSchema.parse(req.query);
      sendOk(res, await runRead(edge, req, (ctx) => searchDevices(ctx, q, limit)));
    }),
  );

  router.post(
    '/devices/import',
    route(edge, async (req, res) => {
      const csv = await csvOf(req);
      const result = await runAction(edge, req, (ctx) => importDevices(ctx, csv));
      sendOk(
        res,
        result,
        `Imported ${result.summary['created'] ?? 0} of ${result.summary['rows'] ?? 0} rows`,
      );
    }),
  );

  router.get(
    '/devices/:id/repairs',
    route(edge, async (req, res) => {
      const deviceId = pathId.parse(req.params['id']);
      sendOk(res, await runRead(edge, req, (ctx) => deviceRepairs(ctx, deviceId)));
    }),
  );

  router.get(
    '/customers/:id/purchases',
    route(edge, async (req, res) => {
      const customerId = pathId.parse(req.params['id']);
      sendOk(res, await runRead(edge, req, (ctx) => customerPurchases(ctx, customerId)));
    }),
  );

  router.get(
    '/customers/:id/devices',
    route(edge, async (req, res) => {
      const customerId = pathId.parse(req.params['id']);
      sendOk(res, await runRead(edge, req, (ctx) => customerDevices(ctx, customerId)));
    }),
  );

  router.post(
    '/customers/:id/loyalty',
    route(edge, async (req, res) => {
      const customerId = pathId.parse(req.params['id']);
      const { points, reason } = loyaltySchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => adjustLoyalty(ctx, customerId, points, reason)),
        'Loyalty points updated',
      );
    }),
  );
}
