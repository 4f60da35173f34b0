// Events leave through a transactional outbox: the row is written in the same transaction as the
// change it announces (with the action's other records, journal.ts), and a dispatcher delivers it
// later (ARCHITECTURE decision 9).
import type { ActionContext } from './context.ts';

export function enqueueEvent(ctx: ActionContext, eventType: string, data: Record<string, unknown>): void {
  ctx.journal.append('outbox_events', {
    shop_id: ctx.shopId,
    event_type: eventType,
    payload: { event: eventType, shop_id: ctx.shopId, timestamp: new Date().toISOString(), data },
  });
}
