// Privacy: a customer's data export (JSON or PDF) and erasure, and the shop's data retention. The routes
// validate and delegate to services/privacy.
import type { Router } from 'express';
import { z } from 'zod';
import { contentDisposition } from '../../services/exports/send.ts';
import {
  customerDataExport,
  customerDataPdf,
  eraseCustomer,
  getRetention,
  retentionProblem,
  setRetention,
  type RetentionKind,
} from '../../services/privacy/index.ts';
import { sendOk } from './envelope.ts';
import { route, runAction, runRead, type Edge } from './http.ts';

const id = z.coerce.number().int().positive();
const exportSchema = z.object({
  format: z.enum(['json', 'pdf'], 'must be json or pdf').default('json'),
});
const eraseSchema = z.object({
  reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(500),
  confirm: z.string().trim().min(1, "type the customer's current name or phone number").max(200),
});
const period = (kind: RetentionKind) =>
  z
    .number('must be a number of days, or null to keep for ever')
    .nullable()
    .superRefine((days, issues) => {
      const problem = retentionProblem(kind, days);
      if (problem) issues.addIssue({ code: 'custom', message: problem });
    });
export const retentionSchema = z.object({
  messages_days: period('messages'),
  logs_days: period('logs'),
  deleted_records_days: period('deleted_records'),
});

export function registerPrivacy(router: Router, edge: Edge): void {
  router.get(
    '/customers/:id/data-export',
    route(edge, async (req, res) => {
      const customerId = id.parse(req.params['id']);
      const { format } = exportSchema.parse(req.query);
      // The PDF is drawn inside the action: the audit entry of an export is written only if it exists.
      const result = await runAction(edge, req, async (ctx) => {
        const document = await customerDataExport(ctx, customerId, format);
        return format === 'pdf' ? await customerDataPdf(document) : document;
      });
      if (Buffer.isBuffer(result)) {
        res.setHeader('Content-Type', 'application/pdf');
        res.setHeader('Content-Disposition', contentDisposition(`customer-${customerId}-data`, 'pdf'));
        res.setHeader('Cache-Control', 'no-store');
        res.end(result);
        return;
      }
      res.setHeader('Cache-Control', 'no-store');
      sendOk(res, result, 'Customer data exported');
    }),
  );

  router.post(
    '/customers/:id/erase',
    route(edge, async (req, res) => {
      const customerId = id.parse(req.params['id']);
      const input = eraseSchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => eraseCustomer(ctx, customerId, input)),
        'Customer erased',
      );
    }),
  );

  router.get(
    '/shop/retention',
    route(edge, async (req, res) => {
      sendOk(res, await runRead(edge, req, (ctx) => getRetention(ctx)));
    }),
  );

  router.put(
    '/shop/retention',
    route(edge, async (req, res) => {
      const input = retentionSchema.parse(req.body);
      sendOk(res, await runAction(edge, req, (ctx) => setRetention(ctx, input)), 'Data retention updated');
    }),
  );
}
