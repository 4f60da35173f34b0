// In-app notifications for the active users of some roles of the shop, or for one of its users,
// written with the action's other records (journal.ts).
import type { ShopRole } from '../../../../snapshots/access/matrix.ts';
import type { ActionContext } from './context.ts';
import type { Notification } from './journal.ts';

export function notifyRoles(
  ctx: Pick<ActionContext, 'journal' | 'shopId'>,
  roles: readonly ShopRole[],
  notification: Notification,
): void {
  ctx.journal.notify(ctx.shopId, { roles }, notification);
}

/** A notification for one user of the shop; nothing when the user is not in it (a platform admin). */
export function notifyUser(
  ctx: Pick<ActionContext, 'journal' | 'shopId'>,
  userId: string,
  notification: Notification,
): void {
  ctx.journal.notify(ctx.shopId, { users: [userId] }, notification);
}
