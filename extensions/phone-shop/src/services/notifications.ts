// In-app notifications for the shop's Owners and Supervisors.
import { ROLE_IDS } from '../../../../snapshots/access/roles.ts';
import type { ShopRole } from '../../../../snapshots/access/matrix.ts';
import type { ActionContext } from './context.ts';

export async function notifyRoles(
  ctx: ActionContext,
  roles: readonly ShopRole[],
  notification: { title: string; message: string; type: string; link?: string },
): Promise<void> {
  const users = (await ctx
    .knex('directus_users')
    .select('id')
    .where({ shop: ctx.shopId, status: 'active' })
    .whereIn(
      'role',
      roles.map((r) => ROLE_IDS[r]),
    )) as { id: string }[];
  if (users.length === 0) return;
  await ctx.knex('notifications').insert(
    users.map((u) => ({
      shop_id: ctx.shopId,
      user_id: u.id,
      title: notification.title,
      message: notification.message,
      type: notification.type,
      link: notification.link ?? null,
    })),
  );
}
