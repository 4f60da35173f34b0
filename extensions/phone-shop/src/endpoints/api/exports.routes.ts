// /api/exports/:list: a list of the shop (sales, customers, products, devices, repairs, expenses,
// closures, audit logs) as CSV, XLSX, PDF or JSON, streamed. The route validates and delegates.
import type { Router } from 'express';
import { z } from 'zod';
import {
  EXPORT_LIST_NAMES,
  EXPORT_LISTS,
  prepareListExport,
  sendExport,
} from '../../services/exports/index.ts';
import type { LogoLoader } from '../../services/receipts/receipt.ts';
import { route, runRead, type Edge } from './http.ts';

const paramsSchema = z.object({
  list: z.enum(EXPORT_LIST_NAMES, `must be one of ${EXPORT_LIST_NAMES.join(', ')}`),
});

export function registerExports(router: Router, edge: Edge, loadLogo: LogoLoader): void {
  router.get(
    '/exports/:list',
    route(edge, async (req, res) => {
      const list = EXPORT_LISTS[paramsSchema.parse(req.params).list];
      const request = list.parse(req.query);
      const prepared = await runRead(edge, req, (ctx) => prepareListExport(ctx, list, request, loadLogo));
      await sendExport(res, request.format, prepared.meta, prepared.table, prepared.filename, edge.logger);
    }),
  );
}
