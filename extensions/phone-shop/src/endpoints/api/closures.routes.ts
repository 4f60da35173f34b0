// /api/closures: the day's expected amounts, submission, corrections, review, approval, rejection,
// lock, and reading closures. Each route parses and validates its input, then delegates to the
// closure service, which checks the rights and the workflow.
import type { Router } from 'express';
import { z } from 'zod';
import { CLOSURE_STATUSES } from '../../../../../snapshots/enums.ts';
import {
  correctClosure,
  createClosure,
  getClosure,
  getClosureByDate,
  listClosures,
  previewDay,
  takeStep,
} from '../../services/closures/closures.service.ts';
import { envelope, sendOk } from './envelope.ts';
import { route, runAction, runRead, type Edge } from './http.ts';
import { money, pathId } from './schemas.ts';

const day = z.iso.date('must be a date (YYYY-MM-DD)');
// Each counted amount is an amount (at most MAX_MONEY); the service checks that they add up to one.
const counted = money;
const notes = z.string().trim().max(2000).nullable();

export const createSchema = z.strictObject({
  closure_date: day,
  cash_amount: counted.default(0),
  mtn_amount: counted.default(0),
  airtel_amount: counted.default(0),
  card_amount: counted.default(0),
  bank_transfer: counted.default(0),
  other_amount: counted.default(0),
  notes: notes.default(null),
});

// A correction gives the amounts it changes; the others keep their counted value. Expected amounts,
// totals and variance are the server's: a body naming them is refused.
export const correctionSchema = z.strictObject({
  cash_amount: counted.optional(),
  mtn_amount: counted.optional(),
  airtel_amount: counted.optional(),
  card_amount: counted.optional(),
  bank_transfer: counted.optional(),
  other_amount: counted.optional(),
  notes: notes.optional(),
});

const listSchema = z.object({
  from: day.optional(),
  to: day.optional(),
  status: z.enum(CLOSURE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(366).default(31),
  offset: z.coerce.number().int().min(0).default(0),
});

const previewSchema = z.object({ date: day });
const reasonSchema = z.object({ reason: z.string().trim().min(3, 'give a reason').max(1000) });

export function registerClosures(router: Router, edge: Edge): void {
  router.get(
    '/closures/preview',
    route(edge, async (req, res) => {
      const { date } = previewSchema.parse(req.query);
      sendOk(res, await runRead(edge, req, (ctx) => previewDay(ctx, date)));
    }),
  );

  router.get(
    '/closures/date/:date',
    route(edge, async (req, res) => {
      const date = day.parse(req.params['date']);
      sendOk(res, await runRead(edge, req, (ctx) => getClosureByDate(ctx, date)));
    }),
  );

  router.get(
    '/closures',
    route(edge, async (req, res) => {
      const filters = listSchema.parse(req.query);
      const result = await runRead(edge, req, (ctx) => listClosures(ctx, filters));
      res.json({
        ...envelope(result.data),
        meta: { total: result.total, limit: filters.limit, offset: filters.offset },
      });
    }),
  );

  router.post(
    '/closures',
    route(edge, async (req, res) => {
      const { closure_date, ...input } = createSchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => createClosure(ctx, closure_date, input)),
        'Closure submitted',
        201,
      );
    }),
  );

  router.get(
    '/closures/:id',
    route(edge, async (req, res) => {
      const closureId = pathId.parse(req.params['id']);
      sendOk(res, await runRead(edge, req, (ctx) => getClosure(ctx, closureId)));
    }),
  );

  router.put(
    '/closures/:id',
    route(edge, async (req, res) => {
      const closureId = pathId.parse(req.params['id']);
      const input = correctionSchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => correctClosure(ctx, closureId, input)),
        'Closure corrected and submitted again',
      );
    }),
  );

  router.post(
    '/closures/:id/review',
    route(edge, async (req, res) => {
      const closureId = pathId.parse(req.params['id']);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => takeStep(ctx, closureId, 'review')),
        'Closure reviewed',
      );
    }),
  );

  router.post(
    '/closures/:id/approve',
    route(edge, async (req, res) => {
      const closureId = pathId.parse(req.params['id']);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => takeStep(ctx, closureId, 'approve')),
        'Closure approved',
      );
    }),
  );

  router.post(
    '/closures/:id/reject',
    route(edge, async (req, res) => {
      const closureId = pathId.parse(req.params['id']);
      const { reason } = reasonSchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => takeStep(ctx, closureId, 'reject', reason)),
        'Closure rejected',
      );
    }),
  );

  router.post(
    '/closures/:id/lock',
    route(edge, async (req, res) => {
      const closureId = pathId.parse(req.params['id']);
      sendOk(res, await runAction(edge, req, (ctx) => takeStep(ctx, closureId, 'lock')), 'Closure locked');
    }),
  );
}
