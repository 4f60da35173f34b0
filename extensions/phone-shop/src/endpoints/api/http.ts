// The /api edge: who is calling, one transaction per business action, and every answer in the
// spec's envelope. Routes use `action` and stay a few lines each.
import { isDirectusError } from '@directus/errors';
import type { Accountability } from '@directus/types';
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { ZodError } from 'zod';
import { isShopRole } from '../../../../../snapshots/access/matrix.ts';
import { shopRoleOf } from '../../../../../snapshots/access/roles.ts';
import { clarifyDatabaseError } from '../../database/constraint-errors.ts';
import { ActionForbiddenError, NotSignedInError } from '../../errors.ts';
import type { ActionContext } from '../../services/context.ts';
import { Journal } from '../../services/journal.ts';
import { recordGaps } from '../../services/numbering.ts';
import type { UsersWriter } from '../../services/staff/staff.service.ts';
import { isShopAccount, requireShopCaller } from '../../tenancy/caller.ts';
import { sendError } from './envelope.ts';

export type ApiRequest = Request & { accountability?: Accountability | null };

interface Logger {
  error: (obj: unknown, msg?: string) => void;
}

export interface Edge {
  database: Knex;
  /** The pool of the per-shop counters, apart from Directus's (services/numbering.ts). */
  counters: Knex;
  logger: Logger;
  /** Directus's UsersService in the action's transaction, with the caller's own rights. */
  users: (knex: Knex, accountability: Accountability | null) => Promise<UsersWriter>;
  /**
   * Throws WrongPasswordError unless the password is the user's; a wrong one counts as a failed
   * sign-in from that address (security/sign-in.ts), and a locked pair is refused.
   */
  verifyPassword: (userId: string, password: string, ip: string | null) => Promise<void>;
  /** REFRESH_TOKEN_TTL in milliseconds: how long a session lasts after its last use. */
  refreshTtlMs: number;
}

async function callerContext(edge: Edge, req: ApiRequest, knex: Knex): Promise<ActionContext> {
  const accountability = req.accountability;
  if (!isShopAccount(accountability)) {
    if (accountability?.admin)
      throw new ActionForbiddenError({ role: 'platform admin', action: 'act for', resource: 'a shop here' });
    throw new NotSignedInError();
  }
  // On the action's own connection: a second one taken while the transaction holds the first would
  // starve the pool once as many actions run at once as it has connections.
  const caller = await requireShopCaller(knex, accountability);
  const role = caller.role ?? shopRoleOf(accountability.role);
  if (!isShopRole(role))
    throw new ActionForbiddenError({ role: 'user without a shop role', action: 'use', resource: 'the shop' });
  return {
    knex,
    counters: edge.counters,
    journal: new Journal(),
    shopId: caller.shopId,
    userId: caller.userId,
    role,
    ip: accountability.ip ?? null,
    userAgent: accountability.userAgent ?? null,
  };
}

/**
 * Runs a business action for the signed-in shop account, inside one transaction; what it appended
 * to its journal (audit, outbox, notifications, ledgers) is written just before the commit.
 */
export async function runAction<T>(
  edge: Edge,
  req: ApiRequest,
  fn: (ctx: ActionContext) => Promise<T>,
): Promise<T> {
  const started: { ctx?: ActionContext } = {};
  try {
    return await edge.database.transaction(async (trx) => {
      const ctx = await callerContext(edge, req, trx);
      started.ctx = ctx;
      const result = await fn(ctx);
      await ctx.journal.flush(trx);
      return result;
    });
  } catch (error) {
    // A number taken outside the transaction (a sale's) is skipped now: record why (numbering.ts).
    const { ctx } = started;
    if (ctx?.taken?.length)
      await recordGaps(edge.counters, ctx, error).catch((failure: unknown) => {
        edge.logger.error(failure, 'numbering: the gap of a failed action could not be recorded');
      });
    throw error;
  }
}

/** Runs a read for the signed-in shop account, without a transaction; anything it appended is still written. */
export async function runRead<T>(
  edge: Edge,
  req: ApiRequest,
  fn: (ctx: ActionContext) => Promise<T>,
): Promise<T> {
  const ctx = await callerContext(edge, req, edge.database);
  const result = await fn(ctx);
  await ctx.journal.flush(edge.database);
  return result;
}

/** An Express handler for an async route: any error is answered in the envelope. */
export function route(
  edge: Edge,
  fn: (req: ApiRequest, res: Response) => Promise<void>,
): (req: ApiRequest, res: Response) => void {
  return (req, res) => {
    fn(req, res).catch((error: unknown) => {
      sendFailure(edge, res, error);
    });
  };
}

/** Answers an error in the envelope: the code, a message naming the field or rule, the details. */
export function sendFailure(edge: Edge, res: Response, error: unknown): void {
  if (error instanceof ZodError) {
    const details: Record<string, string[]> = {};
    for (const issue of error.issues) {
      const path =
        issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '') || 'body';
      (details[path] ??= []).push(issue.message);
    }
    const first = Object.entries(details)[0];
    sendError(
      res,
      400,
      'VALIDATION_ERROR',
      first ? `Invalid "${first[0]}": ${first[1].join('; ')}` : 'Invalid input',
      details,
    );
    return;
  }
  const clear = clarifyDatabaseError(error) ?? error;
  if (isDirectusError(clear)) {
    const extensions = (clear.extensions ?? {}) as Record<string, unknown>;
    const field = typeof extensions['field'] === 'string' ? extensions['field'] : null;
    sendError(
      res,
      clear.status,
      clear.code,
      clear.message,
      field ? { [field]: [clear.message] } : undefined,
      extensions,
    );
    return;
  }
  edge.logger.error(error, 'api action failed');
  sendError(res, 500, 'INTERNAL_ERROR', 'Something went wrong on the server; nothing was saved.');
}
