// Events leave through a transactional outbox: the row is written in the same transaction as the
// change it announces (with the action's other records, journal.ts); a statement trigger notifies the
// delivery engine at commit (delivery/), which fans it out to the shop's webhooks and automations.
// Each type's data is the catalogue's (events/catalogue.ts).
import type { EventData, EventType } from '../events/catalogue.ts';
import type { ActionContext } from './context.ts';

export function enqueueEvent<T extends EventType>(
  ctx: Pick<ActionContext, 'journal' | 'shopId'>,
  eventType: T,
  data: EventData<T>,
): void {
  ctx.journal.append('outbox_events', {
    shop_id: ctx.shopId,
    event_type: eventType,
    payload: { event: eventType, shop_id: ctx.shopId, timestamp: new Date().toISOString(), data },
  });
}
