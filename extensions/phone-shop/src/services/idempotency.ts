// Every POS write is idempotent (ARCHITECTURE decision 8): the client sends an Idempotency-Key; the
// first request with it claims the key inside its transaction (the checkout does it in its first
// statement, checkout.service.ts) and records what it created; a replay answers that, and the same
// key with a different request is refused. A concurrent duplicate waits on the unique key until the
// first commits, then replays it.
import { createHash } from 'node:crypto';
import { IdempotencyConflictError } from '../errors.ts';
import type { ActionContext } from './context.ts';

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

interface StoredKey {
  scope: string;
  request_hash: string;
  user_id: string | null;
  resource_id: number | null;
  response_body: { data?: { id?: number } } | null;
}

/**
 * What the request that holds the key created, for a replay; refuses the key when that request was
 * another one (another body, scope or user). Keys claimed before resource_id existed kept the
 * whole response: its data's id.
 */
export async function replayedResource(
  ctx: ActionContext,
  claim: { key: string; scope: string; hash: string },
): Promise<number> {
  const stored = (await ctx
    .knex('idempotency_keys')
    .select('scope', 'request_hash', 'user_id', 'resource_id', 'response_body')
    .where({ shop_id: ctx.shopId, key: claim.key })
    .first()) as StoredKey | undefined;
  const id = stored?.resource_id ?? stored?.response_body?.data?.id;
  if (
    !stored ||
    stored.scope !== claim.scope ||
    stored.request_hash !== claim.hash ||
    stored.user_id !== ctx.userId ||
    id === undefined
  ) {
    throw new IdempotencyConflictError();
  }
  return id;
}
