// /api/repairs: registration, listing, the status workflow with its history, assignment, parts from
// stock and customer notification.
import type { Router } from 'express';
import { z } from 'zod';
import { PAYMENT_METHODS, REPAIR_PRIORITIES, REPAIR_STATUSES } from '../../../../../snapshots/enums.ts';
import {
  addPart,
  assignTechnician,
  changeStatus,
  getRepair,
  listRepairs,
  notifyCustomer,
  registerRepair,
  repairHistory,
} from '../../services/repairs/repairs.service.ts';
import { sendOk } from './envelope.ts';
import { route, runAction, runRead, type Edge } from './http.ts';
import { emailAddress } from '../../domain/contact.ts';
import { id, money, pathId } from './schemas.ts';

export const registerSchema = z
  .object({
    customer_id: id.optional(),
    customer: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        phone: z.string().trim().min(3).max(30),
        email: emailAddress.optional(),
      })
      .optional(),
    device_id: id.optional(),
    device: z
      .object({
        brand: z.string().trim().min(1).max(100),
        model: z.string().trim().min(1).max(200),
        imei_serial: z.string().trim().min(4).max(100),
        color: z.string().trim().max(50).optional(),
        storage: z.string().trim().max(50).optional(),
      })
      .optional(),
    issue_description: z.string().trim().min(3, 'describe the issue').max(5000),
    repair_type: z.string().trim().min(2).max(100),
    estimated_cost: money.optional(),
    estimated_completion: z.iso.date().optional(),
    priority: z.enum(REPAIR_PRIORITIES).default('Normal'),
    warranty_period: z.number().int().min(0).max(730).optional(),
    technician_id: z.uuid().optional(),
    notes: z.string().max(5000).optional(),
  })
  .refine((r) => r.device_id !== undefined || r.device !== undefined, {
    message: 'give a device_id or the device',
    path: ['device'],
  });

export const statusSchema = z.object({
  status: z.enum(REPAIR_STATUSES),
  notes: z.string().trim().min(1).max(2000).optional(),
  actual_cost: money.optional(),
  payments: z
    .array(
      z.object({
        method: z.enum(PAYMENT_METHODS),
        amount: money.refine((a) => a > 0, 'must be more than 0'),
        reference: z.string().max(100).optional(),
      }),
    )
    .max(6)
    .optional(),
});
const listSchema = z.object({
  status: z.enum(REPAIR_STATUSES).optional(),
  technician_id: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function registerRepairs(router: Router, edge: Edge): void {
  router.post(
    '/repairs',
    route(edge, async (req, res) => {
      const input = registerSchema.parse(req.body);
      sendOk(res, await runAction(edge, req, (ctx) => registerRepair(ctx, input)), 'Repair registered', 201);
    }),
  );

  router.get(
    '/repairs',
    route(edge, async (req, res) => {
      const filters = listSchema.parse(req.query);
      sendOk(res, await runRead(edge, req, (ctx) => listRepairs(ctx, filters)));
    }),
  );

  router.get(
    '/repairs/:id',
    route(edge, async (req, res) => {
      const repairId = pathId.parse(req.params['id']);
      sendOk(res, await runRead(edge, req, (ctx) => getRepair(ctx, repairId)));
    }),
  );

  router.post(
    '/repairs/:id/status',
    route(edge, async (req, res) => {
      const repairId = pathId.parse(req.params['id']);
      const input = statusSchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => changeStatus(ctx, repairId, input)),
        `Repair is now ${input.status}`,
      );
    }),
  );

  router.post(
    '/repairs/:id/assign',
    route(edge, async (req, res) => {
      const repairId = pathId.parse(req.params['id']);
      const { technician_id } = z.object({ technician_id: z.uuid() }).parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => assignTechnician(ctx, repairId, technician_id)),
        'Technician assigned',
      );
    }),
  );

  router.post(
    '/repairs/:id/parts',
    route(edge, async (req, res) => {
      const repairId = pathId.parse(req.params['id']);
      const { product_id, quantity } = z
        .object({ product_id: id, quantity: z.number().int().min(1).max(100) })
        .parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => addPart(ctx, repairId, product_id, quantity)),
        'Part taken from stock',
      );
    }),
  );

  router.get(
    '/repairs/:id/history',
    route(edge, async (req, res) => {
      const repairId = pathId.parse(req.params['id']);
      sendOk(res, await runRead(edge, req, (ctx) => repairHistory(ctx, repairId)));
    }),
  );

  router.post(
    '/repairs/:id/notify-customer',
    route(edge, async (req, res) => {
      const repairId = pathId.parse(req.params['id']);
      const { message } = z
        .object({ message: z.string().trim().max(480).nullable().default(null) })
        .parse(req.body ?? {});
      sendOk(
        res,
        await runAction(edge, req, (ctx) => notifyCustomer(ctx, repairId, message)),
        'Customer notification queued',
      );
    }),
  );
}
