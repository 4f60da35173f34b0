// What a business action knows about its caller and request. Built by the /api edge from the
// Directus accountability; services never see Express.
import type { Knex } from 'knex';
import type { ShopRole } from '../../../../snapshots/access/matrix.ts';

export interface ActionContext {
  /** The action's transaction (or the pool, for reads). */
  knex: Knex;
  /** The pool, for what must not wait for the action's transaction (numbering). */
  pool: Knex;
  shopId: number;
  userId: string;
  role: ShopRole;
  ip: string | null;
  userAgent: string | null;
}
