// Staff management (the Owner's): users of the Owner's shop with a shop role, within the plan's user
// limit; suspension that stops a user's sessions at once; password resets; activity, performance and
// the monthly commission report. Users are written through Directus's UsersService with the Owner's
// own accountability, so Directus's policies, password policy and hooks apply as well.
import type { Knex } from 'knex';
import { PLAN_LIMITS, type Plan } from '../../../../../snapshots/plans.ts';
import { ROLE_IDS, shopRoleOf } from '../../../../../snapshots/access/roles.ts';
import type { ShopRole } from '../../../../../snapshots/access/matrix.ts';
import { applicableRule, commissionOf, type CommissionRule } from '../../domain/commission.ts';
import { InvalidFieldError, NotFoundError, PlanLimitError, UserChangeForbiddenError } from '../../errors.ts';
import { unlockAccount } from '../../security/sign-in.ts';
import { signOutEverywhere } from '../../security/sessions.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { requireRight } from '../rights.ts';
import { loadShop } from '../shop.ts';

/** The part of Directus's UsersService staff management uses. */
export interface UsersWriter {
  createOne: (data: Record<string, unknown>) => Promise<string | number>;
  updateOne: (key: string, data: Record<string, unknown>) => Promise<string | number>;
  deleteOne: (key: string) => Promise<string | number>;
}

export interface StaffMember {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string;
  phone: string | null;
  role: ShopRole | null;
  status: string;
  location_id: number | null;
  last_access: string | null;
  two_factor_enabled: boolean;
  /** When signing in to this account is paused after failed attempts (from some address), until when. */
  sign_in_locked_until: string | null;
}

const COLUMNS = [
  'id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'role',
  'status',
  'location_id',
  'last_access',
];

/** The security facts of each member: two-factor on, and the longest sign-in lock now on the account. */
function securityColumns(knex: Knex): Knex.Raw[] {
  return [
    knex.raw('tfa_secret IS NOT NULL AS two_factor_enabled'),
    knex.raw(
      `(SELECT max(t.locked_until) FROM sign_in_throttle t
         WHERE t.scope IN ('pair', 'account') AND t.email = lower(directus_users.email)
           AND t.locked_until > now()) AS sign_in_locked_until`,
    ),
  ];
}

type StaffRow = Omit<StaffMember, 'role' | 'sign_in_locked_until'> & {
  role: string | null;
  sign_in_locked_until: Date | null;
};

function present(row: StaffRow): StaffMember {
  return {
    ...row,
    role: shopRoleOf(row.role),
    sign_in_locked_until: row.sign_in_locked_until?.toISOString() ?? null,
  };
}

export async function listStaff(ctx: ActionContext): Promise<StaffMember[]> {
  requireRight(ctx, 'staff', 'read');
  const rows = (await ctx
    .knex('directus_users')
    .select([...COLUMNS, ...securityColumns(ctx.knex)])
    .where({ shop: ctx.shopId })
    .orderBy(['first_name', 'last_name'])) as StaffRow[];
  return rows.map(present);
}

export async function getStaff(ctx: ActionContext, userId: string): Promise<StaffMember> {
  requireRight(ctx, 'staff', 'read');
  const row = (await ctx
    .knex('directus_users')
    .select([...COLUMNS, ...securityColumns(ctx.knex)])
    .where({ id: userId, shop: ctx.shopId })
    .first()) as StaffRow | undefined;
  if (!row) throw new NotFoundError({ entity: 'Staff member', id: userId });
  return present(row);
}

/** Refuses a new or reactivated user beyond the plan's limit of active users. */
async function checkUserLimit(ctx: ActionContext): Promise<void> {
  const shop = (await ctx.knex('shops').select('subscription_plan').where({ id: ctx.shopId }).first()) as {
    subscription_plan: Plan;
  };
  const limit = PLAN_LIMITS[shop.subscription_plan].maxUsers;
  if (limit < 0) return;
  const [{ n }] = (await ctx
    .knex('directus_users')
    .where({ shop: ctx.shopId, status: 'active' })
    .count({ n: '*' })) as [{ n: string }];
  if (Number(n) >= limit) throw new PlanLimitError({ plan: shop.subscription_plan, limit });
}

export interface NewStaff {
  email: string;
  password: string;
  first_name: string;
  last_name?: string | undefined;
  phone?: string | undefined;
  role: ShopRole;
  location_id?: number | undefined;
}

export async function createStaff(
  ctx: ActionContext,
  users: UsersWriter,
  input: NewStaff,
): Promise<StaffMember> {
  requireRight(ctx, 'staff', 'create');
  await checkUserLimit(ctx);
  const id = String(
    await users.createOne({
      email: input.email,
      password: input.password,
      first_name: input.first_name,
      last_name: input.last_name ?? null,
      phone: input.phone ?? null,
      role: ROLE_IDS[input.role],
      location_id: input.location_id ?? null,
      status: 'active',
    }),
  );
  return getStaff(ctx, id);
}

export type StaffChanges = Partial<Omit<NewStaff, 'password' | 'role'>> & { role?: ShopRole | undefined };

export async function updateStaff(
  ctx: ActionContext,
  users: UsersWriter,
  userId: string,
  changes: StaffChanges,
): Promise<StaffMember> {
  requireRight(ctx, 'staff', 'update');
  await getStaff(ctx, userId);
  const { role, ...rest } = changes;
  await users.updateOne(userId, { ...rest, ...(role ? { role: ROLE_IDS[role] } : {}) });
  return getStaff(ctx, userId);
}

export async function deleteStaff(ctx: ActionContext, users: UsersWriter, userId: string): Promise<void> {
  requireRight(ctx, 'staff', 'delete');
  if (userId === ctx.userId)
    throw new UserChangeForbiddenError({ reason: 'you cannot delete your own account' });
  await getStaff(ctx, userId);
  await users.deleteOne(userId);
}

/** Suspends (or reactivates) a user; suspension ends their sessions at once. */
export async function setSuspended(
  ctx: ActionContext,
  userId: string,
  suspended: boolean,
): Promise<StaffMember> {
  requireRight(ctx, 'staff', 'suspend');
  if (userId === ctx.userId)
    throw new UserChangeForbiddenError({ reason: 'you cannot change your own status' });
  const before = await getStaff(ctx, userId);
  if (!suspended && before.status !== 'active') await checkUserLimit(ctx);
  await ctx
    .knex('directus_users')
    .where({ id: userId, shop: ctx.shopId })
    .update({ status: suspended ? 'suspended' : 'active' });
  if (suspended) await signOutEverywhere(ctx.knex, [userId]);
  audit(ctx, {
    entityType: 'directus_users',
    entityId: userId,
    action: suspended ? 'suspend' : 'activate',
    oldValue: { status: before.status },
    newValue: { status: suspended ? 'suspended' : 'active' },
  });
  return getStaff(ctx, userId);
}

export async function resetPassword(
  ctx: ActionContext,
  users: UsersWriter,
  userId: string,
  password: string,
): Promise<void> {
  requireRight(ctx, 'staff', 'update');
  await getStaff(ctx, userId);
  await users.updateOne(userId, { password });
  await signOutEverywhere(ctx.knex, [userId]);
}

/** Ends a member's sign-in locks (after failed attempts), from every address, at once. */
export async function unlockSignIn(ctx: ActionContext, userId: string): Promise<StaffMember> {
  requireRight(ctx, 'staff', 'suspend');
  const member = await getStaff(ctx, userId);
  const cleared = await unlockAccount(ctx.knex, member.email);
  audit(ctx, {
    entityType: 'directus_users',
    entityId: userId,
    action: 'sign_in_unlock',
    newValue: { cleared },
  });
  return getStaff(ctx, userId);
}

/** Signs a member out on every device: their sessions end and their access tokens stop at once. */
export async function signOutMember(ctx: ActionContext, userId: string): Promise<{ sessions_ended: number }> {
  requireRight(ctx, 'staff', 'suspend');
  await getStaff(ctx, userId);
  const ended = await signOutEverywhere(ctx.knex, [userId]);
  audit(ctx, {
    entityType: 'directus_users',
    entityId: userId,
    action: 'sign_out_everywhere',
    newValue: { sessions_ended: ended },
  });
  return { sessions_ended: ended };
}

/**
 * Turns a member's two-factor authentication off (a lost phone and lost recovery codes); they set it
 * up again at their next sign-in if the shop requires it. Not one's own: that needs a code.
 */
export async function resetTwoFactor(ctx: ActionContext, userId: string): Promise<StaffMember> {
  requireRight(ctx, 'staff', 'suspend');
  if (userId === ctx.userId)
    throw new UserChangeForbiddenError({
      reason: 'turn your own two-factor authentication off from your profile, with a code',
    });
  await getStaff(ctx, userId);
  await ctx.knex('directus_users').where({ id: userId, shop: ctx.shopId }).update({ tfa_secret: null });
  await ctx.knex('two_factor_recovery_codes').where({ user_id: userId }).delete();
  await signOutEverywhere(ctx.knex, [userId]);
  audit(ctx, { entityType: 'directus_users', entityId: userId, action: 'two_factor_reset' });
  return getStaff(ctx, userId);
}

export async function staffActivity(ctx: ActionContext, userId: string, limit: number): Promise<unknown[]> {
  requireRight(ctx, 'staff', 'update');
  await getStaff(ctx, userId);
  return ctx
    .knex('audit_logs')
    .select('id', 'entity_type', 'entity_id', 'action', 'ip_address', 'user_agent', 'created_at')
    .where({ shop_id: ctx.shopId, user_id: userId })
    .orderBy('id', 'desc')
    .limit(limit);
}

/** The local day range [from 00:00, to+1 00:00) in the shop's timezone, as SQL bounds. */
function dayRange(
  ctx: ActionContext,
  timezone: string,
  from: string,
  to: string,
): { start: unknown; end: unknown } {
  return {
    start: ctx.knex.raw('(?::date)::timestamp AT TIME ZONE ?', [from, timezone]),
    end: ctx.knex.raw('((?::date) + 1)::timestamp AT TIME ZONE ?', [to, timezone]),
  };
}

export async function staffPerformance(
  ctx: ActionContext,
  userId: string,
  from: string,
  to: string,
): Promise<Record<string, number | string | null>> {
  requireRight(ctx, 'staff', 'update');
  await getStaff(ctx, userId);
  const { timezone } = await loadShop(ctx.knex, ctx.shopId);
  const { start, end } = dayRange(ctx, timezone, from, to);
  const sales = (await ctx
    .knex('sales')
    .where({ shop_id: ctx.shopId, created_by: userId, kind: 'sale' })
    .andWhere('created_at', '>=', start as never)
    .andWhere('created_at', '<', end as never)
    .select(
      ctx.knex.raw('count(*)::integer AS count'),
      ctx.knex.raw('coalesce(sum(final_amount), 0)::bigint AS value'),
    )
    .first()) as { count: number; value: number };
  const repairs = (await ctx
    .knex('repairs')
    .where({ shop_id: ctx.shopId, technician_id: userId })
    .whereNotNull('actual_completion')
    .andWhere('actual_completion', '>=', start as never)
    .andWhere('actual_completion', '<', end as never)
    .select(
      ctx.knex.raw('count(*)::integer AS completed'),
      ctx.knex.raw(
        'round(avg(extract(epoch FROM actual_completion - created_at) / 3600)::numeric, 1)::float AS average_hours',
      ),
    )
    .first()) as { completed: number; average_hours: number | null };
  return {
    from,
    to,
    sales_count: sales.count,
    sales_value: sales.value,
    repairs_completed: repairs.completed,
    average_repair_hours: repairs.average_hours,
  };
}

export interface CommissionLine {
  user_id: string;
  name: string;
  sales_amount: number;
  sales_count: number;
  sales_commission: number;
  repairs_amount: number;
  repairs_count: number;
  repairs_commission: number;
  total: number;
}

/** The month's commissions per staff member (the Owner's report); see computeCommissions. */
export async function commissionReport(
  ctx: ActionContext,
  month: string,
): Promise<{ month: string; lines: CommissionLine[]; total: number }> {
  requireRight(ctx, 'staff', 'update');
  return computeCommissions(ctx, month);
}

/**
 * The month's commissions per staff member; reversals in the month take back what their sale earned.
 * Callers check the right to see them (the Owner's report, or a report limited to the caller's line).
 */
export async function computeCommissions(
  ctx: ActionContext,
  month: string,
): Promise<{ month: string; lines: CommissionLine[]; total: number }> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new InvalidFieldError({ field: 'month', reason: 'use YYYY-MM' });
  const { timezone } = await loadShop(ctx.knex, ctx.shopId);
  const first = `${month}-01`;
  const rules = (await ctx.knex('commission_rules').where({ shop_id: ctx.shopId })) as CommissionRule[];
  const rows = (await ctx.knex.raw(
    `WITH bounds AS (SELECT (?::date)::timestamp AT TIME ZONE ? AS start, ((?::date) + interval '1 month')::timestamp AT TIME ZONE ? AS finish),
     sold AS (
       SELECT coalesce(o.created_by, s.created_by) AS user_id, sum(s.final_amount)::bigint AS amount,
              sum(CASE WHEN s.kind = 'sale' THEN 1 ELSE -1 END)::integer AS count
       FROM sales s LEFT JOIN sales o ON o.id = s.reversal_of AND o.shop_id = s.shop_id, bounds
       WHERE s.shop_id = ? AND s.created_at >= bounds.start AND s.created_at < bounds.finish AND s.status <> 'Rejected'
       GROUP BY 1),
     repaired AS (
       SELECT technician_id AS user_id, sum(coalesce(actual_cost, estimated_cost, 0))::bigint AS amount, count(*)::integer AS count
       FROM repairs, bounds
       WHERE shop_id = ? AND status = 'Delivered' AND delivered_at >= bounds.start AND delivered_at < bounds.finish AND technician_id IS NOT NULL
       GROUP BY 1)
     SELECT u.id AS user_id, nullif(trim(concat(u.first_name, ' ', u.last_name)), '') AS name,
            coalesce(sold.amount, 0) AS sales_amount, coalesce(sold.count, 0) AS sales_count,
            coalesce(repaired.amount, 0) AS repairs_amount, coalesce(repaired.count, 0) AS repairs_count
     FROM directus_users u LEFT JOIN sold ON sold.user_id = u.id LEFT JOIN repaired ON repaired.user_id = u.id
     WHERE u.shop = ? ORDER BY name`,
    [first, timezone, first, timezone, ctx.shopId, ctx.shopId, ctx.shopId],
  )) as {
    rows: {
      user_id: string;
      name: string | null;
      sales_amount: number;
      sales_count: number;
      repairs_amount: number;
      repairs_count: number;
    }[];
  };
  const lines = rows.rows.map((r) => {
    const salesCommission = commissionOf(applicableRule(rules, r.user_id, 'sales', r.sales_amount), {
      amount: r.sales_amount,
      count: r.sales_count,
    });
    const repairsCommission = commissionOf(applicableRule(rules, r.user_id, 'repairs', r.repairs_amount), {
      amount: r.repairs_amount,
      count: r.repairs_count,
    });
    return {
      ...r,
      name: r.name ?? r.user_id,
      sales_commission: salesCommission,
      repairs_commission: repairsCommission,
      total: salesCommission + repairsCommission,
    };
  });
  return { month, lines, total: lines.reduce((sum, l) => sum + l.total, 0) };
}
