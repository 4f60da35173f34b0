// What only some paths may do, marked on the request by the path and read where Directus does it:
// changing one's own password and e-mail (after the current password), read by the user guard
// (tenancy/guards.ts); and signing in, which only POST /auth/login may, past the lockout
// (hooks/security).
import { AsyncLocalStorage } from 'node:async_hooks';

export type Sanction = 'credentials' | 'sign-in';

const storage = new AsyncLocalStorage<ReadonlySet<Sanction>>();

/** Runs `fn` (and everything it starts) with these changes allowed. */
export function withSanction<T>(sanctions: readonly Sanction[], fn: () => T): T {
  return storage.run(new Set(sanctions), fn);
}

export function isSanctioned(sanction: Sanction): boolean {
  return storage.getStore()?.has(sanction) ?? false;
}
