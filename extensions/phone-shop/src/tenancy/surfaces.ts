// Guards for the Directus surfaces that row filters alone leave open (ARCHITECTURE, "Known isolation
// holes of Directus 11.17.4"). Each function is pure: it gets what the hook saw and throws or returns.
import {
  LiveDeleteForbiddenError,
  QueryMutationForbiddenError,
  SubscriptionForbiddenError,
  UnsafeFlowError,
} from '../errors.ts';

/**
 * Collections a shop account may subscribe to over websockets. Delete events carry the raw keys of
 * rows the subscriber may not read, so only collections that no one hard-deletes through the API are
 * open; create and update events are re-read with the subscriber's permissions.
 */
export const SUBSCRIBABLE_COLLECTIONS: ReadonlySet<string> = new Set(['notifications']);

/** Hole 1: an update or delete by `query` is a yes/no oracle on rows the caller cannot read. */
export function refuseQueryMutation(method: string, body: unknown): void {
  if (method !== 'PATCH' && method !== 'DELETE') return;
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'query' in body) {
    throw new QueryMutationForbiddenError();
  }
}

/** Hole 2 (and hole 1 over websockets): what a shop account may send on a websocket. */
export function checkWebsocketMessage(message: Record<string, unknown>): void {
  const type = message['type'];
  if (type === 'subscribe') {
    const collection = typeof message['collection'] === 'string' ? message['collection'] : '';
    if (collection.startsWith('directus_')) {
      throw new SubscriptionForbiddenError({ reason: 'system collections cannot be subscribed to' });
    }
    if ('event' in message || 'item' in message) {
      throw new SubscriptionForbiddenError({
        reason: '"event" and "item" subscriptions skip permission checks',
      });
    }
    if (!SUBSCRIBABLE_COLLECTIONS.has(collection)) {
      throw new SubscriptionForbiddenError({ reason: `"${collection}" is not open to live subscriptions` });
    }
  }
  if (
    type === 'items' &&
    (message['action'] === 'update' || message['action'] === 'delete') &&
    'query' in message
  ) {
    throw new QueryMutationForbiddenError();
  }
}

/**
 * Hole 2: Directus sends a delete event with the raw keys to every subscriber of the collection,
 * whatever their shop, so the collections open to subscriptions are never hard-deleted through the
 * API, by anyone (SUBSCRIBABLE_COLLECTIONS relies on it). They are archived, or cleaned up in SQL,
 * which emits no event.
 */
export function refuseLiveCollectionDelete(collection: string): void {
  if (SUBSCRIBABLE_COLLECTIONS.has(collection)) throw new LiveDeleteForbiddenError({ collection });
}

const ITEM_OPERATIONS = new Set(['item-read', 'item-create', 'item-update', 'item-delete']);

/** Hole 4: flows that run for anonymous callers or as administrator. */
export function checkFlow(flow: Record<string, unknown>): void {
  if (flow['trigger'] === 'webhook') {
    throw new UnsafeFlowError({
      reason: 'webhook-triggered flows run for anonymous callers; use an /api endpoint',
    });
  }
}

export function checkOperation(operation: Record<string, unknown>, flowTrigger: string | null): void {
  if (!ITEM_OPERATIONS.has(String(operation['type']))) return;
  const options = (operation['options'] ?? {}) as Record<string, unknown>;
  const permissions = options['permissions'];
  if (permissions === undefined || permissions === null || permissions === '') {
    throw new UnsafeFlowError({ reason: 'item operations must name the permissions they run with' });
  }
  if (permissions === '$full') {
    throw new UnsafeFlowError({ reason: 'item operations cannot run with full access' });
  }
  if (permissions === '$trigger' && flowTrigger === 'schedule') {
    throw new UnsafeFlowError({
      reason: 'a scheduled flow has no caller: "$trigger" would run as administrator',
    });
  }
}

const SECRET_SETTING = /(key|secret|token|password)$/i;

/** Hole 6: Studio users read /settings; nothing secret-looking leaves for a shop account. */
export function stripSecretSettings<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([field]) => !SECRET_SETTING.test(field))) as T;
}
