// The audit trail: one append-only row per business action, with old and new values, written with
// the action's other records just before it commits (journal.ts).
import type { ActionContext } from './context.ts';

export function audit(
  ctx: ActionContext,
  entry: {
    entityType: string;
    entityId: number | string;
    action: string;
    oldValue?: unknown;
    newValue?: unknown;
  },
): void {
  ctx.journal.append('audit_logs', {
    shop_id: ctx.shopId,
    user_id: ctx.userId,
    entity_type: entry.entityType,
    entity_id: String(entry.entityId),
    action: entry.action,
    old_value: entry.oldValue ?? null,
    new_value: entry.newValue ?? null,
    ip_address: ctx.ip,
    user_agent: ctx.userAgent,
  });
}
