// /api/webhooks (spec: API SPECIFICATIONS › Webhook Support), the deliveries' retry, the shop's event
// feed (/api/events) and the platform admin's dead letters. Routes validate and delegate to
// services/webhooks and, for a test send, to the delivery engine's attempt.
import type { Router } from 'express';
import { z } from 'zod';
import { attempt, record, type DeliveryRuntime } from '../../delivery/index.ts';
import { ActionForbiddenError, NotSignedInError } from '../../errors.ts';
import { EVENT_CATALOGUE, SUBSCRIBABLE_EVENTS, type EventType } from '../../events/catalogue.ts';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listAttempts,
  listDeadLetters,
  listEvents,
  listWebhooks,
  prepareTest,
  retryDeadLetter,
  retryDelivery,
  rotateSecret,
  updateWebhook,
} from '../../services/webhooks/index.ts';
import { sendOk } from './envelope.ts';
import { route, runAction, runRead, type ApiRequest, type Edge } from './http.ts';
import { pathId } from './schemas.ts';

const eventNames: [string, ...string[]] = ['*', ...SUBSCRIBABLE_EVENTS];
const events = z
  .array(z.enum(eventNames, `must be event types of the catalogue (GET /api/webhooks/event-types) or "*"`))
  .min(1, 'pick at least one event')
  .max(50)
  .transform((list) => (list.includes('*') ? ['*'] : [...new Set(list)]));

export const webhookSchema = z.object({
  url: z.string('must be the receiver URL').trim().min(1, 'is required'),
  events,
  description: z.string().trim().max(500).nullable().optional(),
  is_active: z.boolean('must be true or false').optional(),
});
const webhookPatch = webhookSchema.partial();

const pageSchema = z.object({
  limit: z.coerce.number('must be a number').int().min(1).max(200).default(50),
  cursor: z.string().max(20).optional(),
});
const eventsQuery = pageSchema.extend({
  type: z
    .enum(Object.keys(EVENT_CATALOGUE) as [EventType, ...EventType[]], 'is not an event type')
    .optional(),
  since: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant' }).optional(),
  until: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant' }).optional(),
});
const deadLettersQuery = pageSchema.extend({ shop_id: z.coerce.number().int().positive().optional() });

function requirePlatformAdmin(req: ApiRequest): void {
  if (req.accountability?.admin !== true)
    throw new ActionForbiddenError({
      role: 'shop account',
      action: 'read',
      resource: 'the dead letters of every shop',
    });
}

export function registerWebhooks(router: Router, edge: Edge, delivery: DeliveryRuntime): void {
  router.get(
    '/webhooks/event-types',
    route(edge, (req, res) => {
      if (!req.accountability?.user) return Promise.reject(new NotSignedInError());
      sendOk(
        res,
        Object.entries(EVENT_CATALOGUE).map(([type, definition]) => ({
          type,
          description: definition.description,
          example: definition.example,
          subscribable: type !== 'webhook.test',
          planned: 'planned' in definition,
        })),
      );
      return Promise.resolve();
    }),
  );

  router.get(
    '/webhooks',
    route(edge, async (req, res) => {
      sendOk(res, await runRead(edge, req, (ctx) => listWebhooks(ctx)));
    }),
  );

  router.post(
    '/webhooks',
    route(edge, async (req, res) => {
      const input = webhookSchema.parse(req.body);
      const created = await runAction(edge, req, (ctx) => createWebhook(ctx, input, delivery.config));
      sendOk(res, created, 'Webhook created: copy its secret now, it is not shown again', 201);
    }),
  );

  router.get(
    '/webhooks/:id',
    route(edge, async (req, res) => {
      const webhookId = pathId.parse(req.params['id']);
      sendOk(res, await runRead(edge, req, (ctx) => getWebhook(ctx, webhookId)));
    }),
  );

  router.put(
    '/webhooks/:id',
    route(edge, async (req, res) => {
      const webhookId = pathId.parse(req.params['id']);
      const patch = webhookPatch.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => updateWebhook(ctx, webhookId, patch, delivery.config)),
        'Webhook updated',
      );
    }),
  );

  router.delete(
    '/webhooks/:id',
    route(edge, async (req, res) => {
      const webhookId = pathId.parse(req.params['id']);
      sendOk(res, await runAction(edge, req, (ctx) => deleteWebhook(ctx, webhookId)), 'Webhook deleted');
    }),
  );

  router.post(
    '/webhooks/:id/rotate-secret',
    route(edge, async (req, res) => {
      const webhookId = pathId.parse(req.params['id']);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => rotateSecret(ctx, webhookId)),
        'New secret: copy it now; the old one keeps signing for 24 hours',
      );
    }),
  );

  // The test event is written and claimed first (and committed), then sent while the caller waits.
  router.post(
    '/webhooks/:id/test',
    route(edge, async (req, res) => {
      const webhookId = pathId.parse(req.params['id']);
      const claimed = await runAction(edge, req, (ctx) => prepareTest(ctx, webhookId, delivery.config));
      await record(edge.database, [await attempt(claimed, delivery, { retry: false })], delivery.config);
      const log = await runRead(edge, req, (ctx) => listAttempts(ctx, webhookId, { limit: 1 }));
      sendOk(res, log.items[0] ?? null, 'Test event sent');
    }),
  );

  router.get(
    '/webhooks/:id/logs',
    route(edge, async (req, res) => {
      const webhookId = pathId.parse(req.params['id']);
      const query = pageSchema.parse(req.query);
      sendOk(res, await runRead(edge, req, (ctx) => listAttempts(ctx, webhookId, query)));
    }),
  );

  router.post(
    '/webhook-deliveries/:id/retry',
    route(edge, async (req, res) => {
      const deliveryId = pathId.parse(req.params['id']);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => retryDelivery(ctx, deliveryId)),
        'Delivery queued again',
      );
    }),
  );

  router.get(
    '/events',
    route(edge, async (req, res) => {
      const { since, until, ...query } = eventsQuery.parse(req.query);
      sendOk(
        res,
        await runRead(edge, req, (ctx) =>
          listEvents(ctx, {
            ...query,
            since: since === undefined ? undefined : new Date(since),
            until: until === undefined ? undefined : new Date(until),
          }),
        ),
      );
    }),
  );

  router.get(
    '/platform/dead-letters',
    route(edge, async (req, res) => {
      requirePlatformAdmin(req);
      sendOk(res, await listDeadLetters(edge.database, deadLettersQuery.parse(req.query)));
    }),
  );

  router.post(
    '/platform/dead-letters/:id/retry',
    route(edge, async (req, res) => {
      requirePlatformAdmin(req);
      const deliveryId = pathId.parse(req.params['id']);
      sendOk(res, await retryDeadLetter(edge.database, deliveryId), 'Delivery queued again');
    }),
  );
}
