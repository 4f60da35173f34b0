// A shop's security settings, the Owner's (`settings.update`): which roles must use two-factor
// authentication, and the networks the shop's accounts may work from. A list that would shut out
// the Owner saving it is refused; the platform admin can clear a list in Studio
// (shop_security.ip_allowlist).
import type { ShopRole } from '../../../../../snapshots/access/matrix.ts';
import { shopRoleOf } from '../../../../../snapshots/access/roles.ts';
import { AllowListExcludesYouError, InvalidFieldError, TwoFactorStateError } from '../../errors.ts';
import { allows, parseNetwork, plainAddress, type Network } from '../../security/allowlist.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { requireRight } from '../rights.ts';

export type TwoFactorRole = Extract<ShopRole, 'Owner' | 'Supervisor'>;

export interface ShopSecurity {
  require_two_factor: TwoFactorRole[];
  ip_allowlist: string[];
  your_address: string | null;
  members: { id: string; name: string; role: ShopRole | null; status: string; two_factor_enabled: boolean }[];
}

export interface ShopSecurityChanges {
  require_two_factor?: TwoFactorRole[] | undefined;
  ip_allowlist?: string[] | undefined;
}

interface Row {
  require_two_factor: TwoFactorRole[];
  ip_allowlist: string[];
}

async function stored(ctx: ActionContext): Promise<Row> {
  const row = (await ctx
    .knex('shop_security')
    .where({ shop_id: ctx.shopId })
    .first('require_two_factor', 'ip_allowlist')) as Row | undefined;
  return row ?? { require_two_factor: [], ip_allowlist: [] };
}

export async function getShopSecurity(ctx: ActionContext): Promise<ShopSecurity> {
  requireRight(ctx, 'settings', 'update');
  const row = await stored(ctx);
  const members = (await ctx
    .knex('directus_users')
    .where({ shop: ctx.shopId })
    .orderBy(['first_name', 'last_name'])
    .select(
      'id',
      'first_name',
      'last_name',
      'email',
      'role',
      'status',
      ctx.knex.raw('tfa_secret IS NOT NULL AS two_factor_enabled'),
    )) as {
    id: string;
    first_name: string | null;
    last_name: string | null;
    email: string;
    role: string | null;
    status: string;
    two_factor_enabled: boolean;
  }[];
  return {
    require_two_factor: row.require_two_factor,
    ip_allowlist: row.ip_allowlist,
    your_address: ctx.ip ? plainAddress(ctx.ip) : null,
    members: members.map((m) => ({
      id: m.id,
      name: [m.first_name, m.last_name].filter(Boolean).join(' ') || m.email,
      role: shopRoleOf(m.role),
      status: m.status,
      two_factor_enabled: m.two_factor_enabled,
    })),
  };
}

/** Parses every entry, naming the first that is not an address or a range. */
function parseList(entries: readonly string[]): Network[] {
  return entries.map((entry, i) => {
    const network = parseNetwork(entry);
    if (typeof network === 'string')
      throw new InvalidFieldError({ field: `ip_allowlist[${i}]`, reason: `"${entry}" ${network}` });
    return network;
  });
}

export async function updateShopSecurity(
  ctx: ActionContext,
  changes: ShopSecurityChanges,
): Promise<ShopSecurity> {
  requireRight(ctx, 'settings', 'update');
  const before = await stored(ctx);
  const next: Row = {
    require_two_factor: changes.require_two_factor ?? before.require_two_factor,
    ip_allowlist: changes.ip_allowlist ?? before.ip_allowlist,
  };
  const networks = parseList(next.ip_allowlist);
  if (!allows(networks, ctx.ip)) throw new AllowListExcludesYouError({ address: ctx.ip ?? 'unknown' });
  if (next.require_two_factor.includes('Owner') && ctx.role === 'Owner') {
    const me = (await ctx.knex('directus_users').where({ id: ctx.userId }).first('tfa_secret')) as {
      tfa_secret: string | null;
    };
    if (me.tfa_secret === null)
      throw new TwoFactorStateError({
        reason: 'must be on for your own account before you require it for Owners',
      });
  }
  await ctx.knex.raw(
    `INSERT INTO shop_security (shop_id, require_two_factor, ip_allowlist, updated_at, updated_by)
     VALUES (?, ?::jsonb,
             (SELECT coalesce(jsonb_agg(DISTINCT network(x::inet)::text), '[]')
                FROM jsonb_array_elements_text(?::jsonb) AS x), now(), ?)
     ON CONFLICT (shop_id) DO UPDATE SET require_two_factor = excluded.require_two_factor,
       ip_allowlist = excluded.ip_allowlist, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [
      ctx.shopId,
      JSON.stringify([...new Set(next.require_two_factor)]),
      JSON.stringify(networks.map((n) => `${n.address}/${n.prefix}`)),
      ctx.userId,
    ],
  );
  const after = await stored(ctx);
  audit(ctx, {
    entityType: 'shop_security',
    entityId: ctx.shopId,
    action: 'update',
    oldValue: before,
    newValue: after,
  });
  return getShopSecurity(ctx);
}
