// What a business action knows about its caller and request. Built by the /api edge from the
// Directus accountability; services never see Express.
import type { Knex } from 'knex';
import type { ShopRole } from '../../../../snapshots/access/matrix.ts';
import type { Journal } from './journal.ts';
import type { TakenNumber } from './numbering.ts';

export interface ActionContext {
  knex: Knex;
  /** A small pool of its own for the per-shop counters taken outside the transaction (numbering.ts). */
  counters: Knex;
  /** What the action appends (audit, outbox, notifications, ledgers), written just before it commits. */
  journal: Journal;
  shopId: number;
  userId: string;
  role: ShopRole;
  ip: string | null;
  userAgent: string | null;
  /**
   * The numbers this action took outside its transaction (takeNumber): if the action fails after
   * all, the /api edge records them as gaps (numbering.ts).
   */
  taken?: TakenNumber[];
}
