// Every POS write is idempotent (ARCHITECTURE decision 8): the client sends an Idempotency-Key; the
// first request with it claims the key inside its transaction, a replay returns the stored answer,
// and the same key with a different request is refused. A concurrent duplicate waits on the unique
// key until the first commits, then replays it.
import { createHash } from 'node:crypto';
import { prepared } from '../database/prepared.ts';
import { IdempotencyConflictError } from '../errors.ts';
import type { ActionContext } from './context.ts';

export interface StoredResponse {
  status: number;
  body: unknown;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

export function requestHash(scope: string, body: unknown): string {
  return createHash('sha256')
    .update(`${scope}\n${canonical(body)}`)
    .digest('hex');
}

export const CLAIM = `INSERT INTO idempotency_keys (shop_id, key, user_id, scope, request_hash) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (shop_id, key) DO NOTHING RETURNING id`;

/** Claims the key, or returns the stored answer of the request that claimed it. */
export async function claimKey(
  ctx: ActionContext,
  key: string,
  scope: string,
  hash: string,
): Promise<StoredResponse | null> {
  const { rows } = await prepared<{ rows: { id: number }[] }>(ctx.knex, CLAIM, [
    ctx.shopId,
    key,
    ctx.userId,
    scope,
    hash,
  ]);
  if (rows.length > 0) return null;
  const stored = (await ctx
    .knex('idempotency_keys')
    .select('scope', 'request_hash', 'response_status', 'response_body')
    .where({ shop_id: ctx.shopId, key })
    .first()) as
    | { scope: string; request_hash: string; response_status: number | null; response_body: unknown }
    | undefined;
  if (!stored || stored.scope !== scope || stored.request_hash !== hash || stored.response_status === null) {
    throw new IdempotencyConflictError();
  }
  return { status: stored.response_status, body: stored.response_body };
}

/** Keeps the answer with the key, written with the action's other records (journal.ts). */
export function storeResponse(ctx: ActionContext, key: string, response: StoredResponse): void {
  ctx.journal.update(
    'idempotency_keys',
    { shop_id: ctx.shopId, key },
    { response_status: response.status, response_body: response.body },
  );
}
