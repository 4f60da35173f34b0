// /api/staff: the Owner's staff management, performance and the monthly commission report.
import type { Router } from 'express';
import { z } from 'zod';
import { SHOP_ROLES } from '../../../../../snapshots/access/matrix.ts';
import {
  commissionReport,
  createStaff,
  deleteStaff,
  getStaff,
  listStaff,
  resetPassword,
  resetTwoFactor,
  setSuspended,
  signOutMember,
  staffActivity,
  staffPerformance,
  unlockSignIn,
  updateStaff,
} from '../../services/staff/staff.service.ts';
import { sendOk } from './envelope.ts';
import { route, runAction, runRead, type Edge } from './http.ts';
import { emailAddress } from '../../domain/contact.ts';
import { id as rowId } from './schemas.ts';

const userId = z.uuid('must be a user id');
const password = z.string().min(10, 'at least 10 characters').max(200);
export const newStaffSchema = z.object({
  email: emailAddress,
  password,
  first_name: z.string().trim().min(1).max(50),
  last_name: z.string().trim().max(50).optional(),
  phone: z.string().trim().max(20).optional(),
  role: z.enum(SHOP_ROLES),
  location_id: rowId.optional(),
});
export const changesSchema = newStaffSchema.omit({ password: true }).partial();
const rangeSchema = z.object({ from: z.iso.date(), to: z.iso.date() });

export function registerStaff(router: Router, edge: Edge): void {
  router.get(
    '/staff',
    route(edge, async (req, res) => {
      sendOk(res, await runRead(edge, req, (ctx) => listStaff(ctx)));
    }),
  );

  router.post(
    '/staff',
    route(edge, async (req, res) => {
      const input = newStaffSchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, async (ctx) =>
          createStaff(ctx, await edge.users(ctx.knex, req.accountability ?? null), input),
        ),
        'Staff member created',
        201,
      );
    }),
  );

  router.get(
    '/staff/commissions',
    route(edge, async (req, res) => {
      const { month } = z.object({ month: z.string() }).parse(req.query);
      sendOk(res, await runRead(edge, req, (ctx) => commissionReport(ctx, month)));
    }),
  );

  router.get(
    '/staff/:id',
    route(edge, async (req, res) => {
      const id = userId.parse(req.params['id']);
      sendOk(res, await runRead(edge, req, (ctx) => getStaff(ctx, id)));
    }),
  );

  router.put(
    '/staff/:id',
    route(edge, async (req, res) => {
      const id = userId.parse(req.params['id']);
      const changes = changesSchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, async (ctx) =>
          updateStaff(ctx, await edge.users(ctx.knex, req.accountability ?? null), id, changes),
        ),
        'Staff member updated',
      );
    }),
  );

  router.delete(
    '/staff/:id',
    route(edge, async (req, res) => {
      const id = userId.parse(req.params['id']);
      await runAction(edge, req, async (ctx) =>
        deleteStaff(ctx, await edge.users(ctx.knex, req.accountability ?? null), id),
      );
      sendOk(res, { id }, 'Staff member deleted');
    }),
  );

  for (const [path, suspended] of [
    ['suspend', true],
    ['activate', false],
  ] as const) {
    router.post(
      `/staff/:id/${path}`,
      route(edge, async (req, res) => {
        const id = userId.parse(req.params['id']);
        sendOk(
          res,
          await runAction(edge, req, (ctx) => setSuspended(ctx, id, suspended)),
          suspended ? 'Suspended: their sessions have ended' : 'Activated',
        );
      }),
    );
  }

  router.post(
    '/staff/:id/reset-password',
    route(edge, async (req, res) => {
      const id = userId.parse(req.params['id']);
      const body = z.object({ password }).parse(req.body);
      await runAction(edge, req, async (ctx) =>
        resetPassword(ctx, await edge.users(ctx.knex, req.accountability ?? null), id, body.password),
      );
      sendOk(res, { id }, 'Password reset; their sessions have ended');
    }),
  );

  router.post(
    '/staff/:id/unlock',
    route(edge, async (req, res) => {
      const id = userId.parse(req.params['id']);
      sendOk(res, await runAction(edge, req, (ctx) => unlockSignIn(ctx, id)), 'Sign-in unlocked');
    }),
  );

  router.post(
    '/staff/:id/sign-out',
    route(edge, async (req, res) => {
      const id = userId.parse(req.params['id']);
      sendOk(res, await runAction(edge, req, (ctx) => signOutMember(ctx, id)), 'Signed out on every device');
    }),
  );

  router.post(
    '/staff/:id/two-factor/reset',
    route(edge, async (req, res) => {
      const id = userId.parse(req.params['id']);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => resetTwoFactor(ctx, id)),
        'Two-factor authentication turned off; they were signed out',
      );
    }),
  );

  router.get(
    '/staff/:id/activity',
    route(edge, async (req, res) => {
      const id = userId.parse(req.params['id']);
      const { limit } = z
        .object({ limit: z.coerce.number().int().min(1).max(1000).default(200) })
        .parse(req.query);
      sendOk(res, await runRead(edge, req, (ctx) => staffActivity(ctx, id, limit)));
    }),
  );

  router.get(
    '/staff/:id/performance',
    route(edge, async (req, res) => {
      const id = userId.parse(req.params['id']);
      const { from, to } = rangeSchema.parse(req.query);
      sendOk(res, await runRead(edge, req, (ctx) => staffPerformance(ctx, id, from, to)));
    }),
  );
}
