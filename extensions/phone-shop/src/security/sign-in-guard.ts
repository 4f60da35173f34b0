// POST /auth/login through the lockout (sign-in-rules.ts): the attempt is counted before Directus
// checks the password, and settled by Directus's answer. A locked attempt is answered like any
// failed one would be, after the same stall, whatever the e-mail. A recovery code in place of the
// authenticator's code is used up here and handed to Directus as the current code.
import type { Accountability } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { authenticator } from 'otplib';
import { SignInLockedError } from '../errors.ts';
import { plainAddress } from './allowlist.ts';
import { hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes.ts';
import { withSanction } from './sanction.ts';
import { minutesLeft, normaliseEmail } from './sign-in-rules.ts';
import { releaseAttempt, reportLock, reserveAttempt } from './sign-in.ts';

interface Logger {
  error: (obj: unknown, msg?: string) => void;
}

type LoginRequest = Request & { accountability?: Accountability | null };

/** Waits until `ms` have passed since `started`, as Directus does before every failed sign-in. */
async function stall(ms: number, started: number): Promise<void> {
  const left = ms - (performance.now() - started);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}

/**
 * Uses up a recovery code typed as the `otp` of this e-mail's account, and answers the current
 * authenticator code to hand Directus instead (with the claimed code's id, to give it back if the
 * sign-in fails on something else), or null when the `otp` is not an unused recovery code.
 */
async function claimRecoveryCode(
  database: Knex,
  email: string,
  otp: unknown,
): Promise<{ codeId: number; otp: string } | null> {
  const code = normaliseRecoveryCode(otp);
  if (!code) return null;
  const rows = (await database.raw(
    `UPDATE two_factor_recovery_codes c SET used_at = now()
       FROM directus_users u
      WHERE c.user_id = u.id AND lower(u.email) = ? AND u.tfa_secret IS NOT NULL
        AND c.code_hash = ? AND c.used_at IS NULL
      RETURNING c.id, u.tfa_secret`,
    [email, hashRecoveryCode(code)],
  )) as { rows: { id: number; tfa_secret: string }[] };
  const row = rows.rows[0];
  return row ? { codeId: row.id, otp: authenticator.generate(row.tfa_secret) } : null;
}

export function signInGuard({
  database,
  stallMs,
  logger,
}: {
  database: Knex;
  stallMs: number;
  logger: Logger;
}) {
  return (req: LoginRequest, res: Response, next: NextFunction): void => {
    const started = performance.now();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const email = normaliseEmail(body['email']);
    const ip = req.accountability?.ip ?? req.ip ?? null;
    const address = ip ? plainAddress(ip) : null;
    // Not an e-mail: Directus refuses the request itself (400); nothing to count.
    if (!email || !address) {
      withSanction(['sign-in'], () => next());
      return;
    }
    void (async () => {
      const reservation = await reserveAttempt(database, email, address);
      if (reservation.refusedUntil) {
        await stall(stallMs, started);
        const now = new Date();
        res.setHeader(
          'Retry-After',
          String(Math.ceil((reservation.refusedUntil.getTime() - now.getTime()) / 1000)),
        );
        next(new SignInLockedError({ minutes: minutesLeft(reservation.refusedUntil, now) }));
        return;
      }
      const hadCode = typeof body['otp'] === 'string' && body['otp'].trim() !== '';
      const claimed = hadCode ? await claimRecoveryCode(database, email, body['otp']) : null;
      if (claimed) body['otp'] = claimed.otp;

      // Directus's answer tells how the attempt went: its error code is read as it is sent.
      let code: string | null = null;
      const json = res.json.bind(res);
      res.json = (payload: unknown) => {
        const errors = (payload as { errors?: { extensions?: { code?: string } }[] } | null)?.errors;
        code = errors?.[0]?.extensions?.code ?? null;
        return json(payload);
      };
      res.once('finish', () => {
        const status = res.statusCode;
        const outcome =
          status === 200
            ? 'success'
            : status === 401 && (code === 'INVALID_CREDENTIALS' || (code === 'INVALID_OTP' && hadCode))
              ? 'failure'
              : 'not-a-guess';
        void (async () => {
          if (claimed && outcome !== 'success')
            await database('two_factor_recovery_codes')
              .where({ id: claimed.codeId })
              .update({ used_at: null });
          await releaseAttempt(database, email, address, outcome);
          if (outcome === 'failure')
            for (const lock of reservation.newLocks) await reportLock(database, email, address, lock);
        })().catch((error: unknown) => {
          logger.error(error, 'settling a sign-in attempt failed');
        });
      });
      withSanction(['sign-in'], () => next());
    })().catch(next);
  };
}
