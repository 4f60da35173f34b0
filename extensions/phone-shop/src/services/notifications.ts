// In-app notifications for the active users of some roles of the shop, in one statement.
import { ROLE_IDS } from '../../../../snapshots/access/roles.ts';
import type { ShopRole } from '../../../../snapshots/access/matrix.ts';
import type { ActionContext } from './context.ts';

export async function notifyRoles(
  ctx: Pick<ActionContext, 'knex' | 'shopId'>,
  roles: readonly ShopRole[],
  notification: { title: string; message: string; type: string; link?: string },
): Promise<void> {
  await ctx.knex.raw(
    `INSERT INTO notifications (shop_id, user_id, title, message, type, link)
     SELECT ?, id, ?, ?, ?, ? FROM directus_users WHERE shop = ? AND status = 'active' AND role = ANY(?::uuid[])`,
    [
      ctx.shopId,
      notification.title,
      notification.message,
      notification.type,
      notification.link ?? null,
      ctx.shopId,
      roles.map((r) => ROLE_IDS[r]),
    ],
  );
}

/** A notification for one user of the shop; nothing when the user is not in it (a platform admin). */
export async function notifyUser(
  ctx: Pick<ActionContext, 'knex' | 'shopId'>,
  userId: string,
  notification: { title: string; message: string; type: string; link?: string },
): Promise<void> {
  await ctx.knex.raw(
    `INSERT INTO notifications (shop_id, user_id, title, message, type, link)
     SELECT ?, id, ?, ?, ?, ? FROM directus_users WHERE id = ? AND shop = ? AND status = 'active'`,
    [
      ctx.shopId,
      notification.title,
      notification.message,
      notification.type,
      notification.link ?? null,
      userId,
      ctx.shopId,
    ],
  );
}
