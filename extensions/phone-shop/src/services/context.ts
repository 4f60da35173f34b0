// What a business action knows about its caller and request. Built by the /api edge from the
// Directus accountability; services never see Express.
import type { Knex } from 'knex';
import type { ShopRole } from '../../../../snapshots/access/matrix.ts';

export interface ActionContext {
  knex: Knex;
  /** A small pool of its own for the per-shop counters taken outside the transaction (numbering.ts). */
  counters: Knex;
  shopId: number;
  userId: string;
  role: ShopRole;
  ip: string | null;
  userAgent: string | null;
}
