// The audit trail: one append-only row per business action, with old and new values.
import type { ActionContext } from './context.ts';

export async function audit(
  ctx: ActionContext,
  entry: {
    entityType: string;
    entityId: number | string;
    action: string;
    oldValue?: unknown;
    newValue?: unknown;
  },
): Promise<void> {
  await ctx.knex('audit_logs').insert({
    shop_id: ctx.shopId,
    user_id: ctx.userId,
    entity_type: entry.entityType,
    entity_id: String(entry.entityId),
    action: entry.action,
    old_value: entry.oldValue === undefined ? null : JSON.stringify(entry.oldValue),
    new_value: entry.newValue === undefined ? null : JSON.stringify(entry.newValue),
    ip_address: ctx.ip,
    user_agent: ctx.userAgent,
  });
}
