// Every POS write is idempotent (ARCHITECTURE decision 8): the client sends an Idempotency-Key; the
// first request with it claims the key inside its transaction, a replay returns the stored answer,
// and the same key with a different request is refused. A concurrent duplicate waits on the unique
// key until the first commits, then replays it.
import { createHash } from 'node:crypto';
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

/** Claims the key, or returns the stored answer of the request that claimed it. */
export async function claimKey(
  ctx: ActionContext,
  key: string,
  scope: string,
  hash: string,
): Promise<StoredResponse | null> {
  const inserted: { id: number }[] = await ctx
    .knex('idempotency_keys')
    .insert({ shop_id: ctx.shopId, key, user_id: ctx.userId, scope, request_hash: hash })
    .onConflict(['shop_id', 'key'])
    .ignore()
    .returning('id');
  if (inserted.length > 0) return null;
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

export async function storeResponse(
  ctx: ActionContext,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await ctx
    .knex('idempotency_keys')
    .where({ shop_id: ctx.shopId, key })
    .update({ response_status: response.status, response_body: JSON.stringify(response.body) });
}
