// Events leave through a transactional outbox: the row is written in the same transaction as the
// change it announces, and a dispatcher delivers it later (ARCHITECTURE decision 9).
import type { ActionContext } from './context.ts';

export async function enqueueEvent(
  ctx: ActionContext,
  eventType: string,
  data: Record<string, unknown>,
): Promise<void> {
  await ctx.knex('outbox_events').insert({
    shop_id: ctx.shopId,
    event_type: eventType,
    payload: JSON.stringify({
      event: eventType,
      shop_id: ctx.shopId,
      timestamp: new Date().toISOString(),
      data,
    }),
  });
}
