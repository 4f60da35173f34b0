// Registers the security edge of every request (docs/security.md); the rules live in ../../security.
//
// Before Directus's own middlewares: response headers, the request's time budget, the query string's
// checks, and Directus's JSON parser put aside. After authentication: the account gate, the rate
// limits, then the body, read and checked only now that the caller is known; then the sign-in
// lockout, the password-reset limits and the upload checks on their own paths.
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { authenticator } from 'otplib';
import { shopRoleOf } from '../../../../../snapshots/access/roles.ts';
import {
  AccountSuspendedError,
  AddressNotAllowedError,
  NotSignedInError,
  RateLimitedError,
  SessionEndedError,
  SignInPathError,
  TwoFactorRequiredError,
  UploadRefusedError,
} from '../../errors.ts';
import { ISSUED_AT_MS, issuedAtOf, judge, readGate, type GateVerdict } from '../../security/account-gate.ts';
import { plainAddress } from '../../security/allowlist.ts';
import { durationMs } from '../../security/duration.ts';
import { securityHeaders } from '../../security/headers.ts';
import { connectRedis } from '../../security/redis.ts';
import {
  budgetsFromEnv,
  createLimiters,
  firstRefusal,
  isExpensive,
  type Limiter,
  type Verdict,
} from '../../security/rate-limits.ts';
import {
  bodyReader,
  deferJsonBody,
  hasDeferredBody,
  isBodyFreeForAnonymous,
  refuse,
} from '../../security/request-edge.ts';
import { checkGraphqlCost, checkQueryCost } from '../../security/query-cost.ts';
import { checkQuery } from '../../security/request-body.ts';
import { isHeavyRead, ServerTimeBudget } from '../../security/server-time.ts';
import { timeBudget } from '../../security/time-budget.ts';
import { isSanctioned } from '../../security/sanction.ts';
import { revokeAccessTokens } from '../../security/sessions.ts';
import { signInGuard } from '../../security/sign-in-guard.ts';
import { purgeQuietCounters } from '../../security/sign-in.ts';
import { checkAttachedFiles, uploadGuard } from '../../security/uploads.ts';

type AppLike = {
  use: (...handlers: unknown[]) => void;
  post: (path: string | string[], ...handlers: unknown[]) => void;
  patch: (path: string | string[], ...handlers: unknown[]) => void;
};
type AuthedRequest = Request & {
  accountability?: Accountability | null;
  token?: string | null;
  /** The caller's shop, as the account gate read it. */
  phoneShopShop?: number | null;
};

const VERDICT_ERRORS: Record<Exclude<GateVerdict, 'ok'>, () => Error> = {
  suspended: () => new AccountSuspendedError(),
  'token-revoked': () => new SessionEndedError(),
  'address-not-allowed': () => new AddressNotAllowedError(),
  'two-factor-required': () => new TwoFactorRequiredError(),
};

/** Paths never counted by the rate limits: the app's files, and health checks. */
function isUncounted(path: string): boolean {
  return path.startsWith('/app/') || path === '/app' || path === '/server/health' || path === '/server/ping';
}

// Authenticator codes of the step before and after the current one are accepted too (RFC 6238's
// allowance for a phone's clock drift and a code typed as it turns). Directus checks sign-in codes
// with the same otplib instance, so this holds for its sign-in as for /api/account/two-factor.
authenticator.options = { window: 1 };

export default defineHook(({ init, filter, action, schedule }, { database, env, logger }) => {
  const publicUrl = typeof env['PUBLIC_URL'] === 'string' ? env['PUBLIC_URL'] : undefined;
  const limiters = createLimiters(budgetsFromEnv(env), connectRedis(env['REDIS'], logger));
  const limitsOn = String(env['RATE_LIMIT_ENABLED'] ?? 'true') !== 'false';
  const serverTime = new ServerTimeBudget(limiters.serverTime);
  const shopServerTime = new ServerTimeBudget(limiters.shopServerTime);
  const stallMs = Number(env['LOGIN_STALL_TIME'] ?? 500);
  const budgetMs = durationMs(String(env['REQUEST_TIME_BUDGET'] ?? '30s'), 30_000);
  const maxBody = String(env['MAX_PAYLOAD_SIZE'] ?? '1mb');

  const take = async (limiter: Limiter, key: string): Promise<Verdict> => {
    try {
      return await limiter.take(key);
    } catch (error) {
      // The store failed and its insurance too: serve rather than refuse everyone.
      logger.error(error, 'rate limiter unavailable');
      return { allowed: true };
    }
  };

  init('middlewares.before', (meta) => {
    const app = meta['app'] as AppLike;
    app.use(securityHeaders(publicUrl));
    app.use(timeBudget(budgetMs));
    // Directus parses `filter`, `deep`, `alias` and `aggregate` as JSON and walks them before any
    // extension runs after authentication: their depth and text are checked here, before that.
    app.use((req: Request, res: Response, next: NextFunction) => {
      try {
        checkQuery(req.query as Record<string, unknown>);
        next();
      } catch (error) {
        refuse(req, res, next, error);
      }
    });
    app.use(deferJsonBody);
  });

  init('middlewares.after', (meta) => {
    const app = meta['app'] as AppLike;

    // The account gate: active, token not revoked, address allowed, two-factor if required.
    app.use((req: AuthedRequest, res: Response, next: NextFunction) => {
      const accountability = req.accountability;
      const user = accountability?.user;
      if (!user) return next();
      readGate(database, user, accountability.ip ?? null).then(
        (row) => {
          const verdict = judge(row, {
            role: shopRoleOf(accountability.role),
            issuedAt: issuedAtOf(req.token),
            method: req.method,
            path: req.path,
            shopAccount: !accountability.admin,
          });
          req.phoneShopShop = row?.shop ?? null;
          if (verdict === 'ok') next();
          else refuse(req, res, next, VERDICT_ERRORS[verdict]());
        },
        (error: unknown) => next(error),
      );
    });

    // Rate limits: per user when signed in, per address otherwise; expensive calls count twice; a
    // user's heavy reads are charged by their time (security/server-time.ts).
    app.use((req: AuthedRequest, res: Response, next: NextFunction) => {
      if (!limitsOn || isUncounted(req.path)) return next();
      const user = req.accountability?.user;
      const address = plainAddress(req.accountability?.ip ?? req.ip ?? 'unknown');
      if (user && isHeavyRead(req.method, req.path, req.query as Record<string, unknown>)) {
        const shopKey = req.phoneShopShop ? `shop:${String(req.phoneShopShop)}` : null;
        const wait = Math.max(
          serverTime.waitSeconds(user),
          shopKey ? shopServerTime.waitSeconds(shopKey) : 0,
        );
        if (wait > 0) {
          tooMany(
            req,
            res,
            next,
            wait,
            'Heavy reads (related fields, GraphQL, exports) of your account or shop have used their share of the server for now.',
          );
          return;
        }
        const started = performance.now();
        res.once('finish', () => {
          const ms = performance.now() - started;
          Promise.all([
            serverTime.charge(user, ms),
            shopKey ? shopServerTime.charge(shopKey, ms) : null,
          ]).catch((error: unknown) => {
            logger.error(error, 'charging server time failed');
          });
        });
      }
      void (async () => {
        const verdicts = [await take(user ? limiters.user : limiters.anonymous, user ?? address)];
        if (user && isExpensive(req.method, req.path, req.query as Record<string, unknown>))
          verdicts.push(await take(limiters.expensive, user));
        const refused = firstRefusal(verdicts);
        if (!refused) return next();
        tooMany(
          req,
          res,
          next,
          refused.retryAfterSeconds,
          user ? 'Too many requests from your account.' : 'Too many requests from your address.',
        );
      })().catch(next);
    });

    // The JSON body, read only now that the caller is known: anonymous callers send one only to the
    // sign-in paths; its depth is measured on the raw text before it is parsed.
    app.use((req: AuthedRequest, res: Response, next: NextFunction) => {
      if (!req.accountability?.user && !isBodyFreeForAnonymous(req.path) && hasDeferredBody(req)) {
        refuse(req, res, next, new NotSignedInError());
        return;
      }
      bodyReader(maxBody)(req, res, next);
    });

    // What one generic read may cost (security/query-cost.ts): REST's query, GraphQL's document.
    app.use(
      (
        req: AuthedRequest & { sanitizedQuery?: { fields?: unknown; limit?: unknown } },
        res: Response,
        next: NextFunction,
      ) => {
        try {
          if (req.path === '/graphql' || req.path.startsWith('/graphql/')) {
            const body = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | undefined;
            const variables =
              typeof body?.['variables'] === 'string' ? safeJson(body['variables']) : body?.['variables'];
            checkGraphqlCost(body?.['query'], variables);
          } else checkQueryCost(req.sanitizedQuery);
          next();
        } catch (error) {
          refuse(req, res, next, error);
        }
      },
    );

    app.post('/auth/login', signInGuard({ database, stallMs, logger }));
    for (const path of ['/auth/password/request', '/auth/password/reset']) {
      app.post(path, (req: AuthedRequest, res: Response, next: NextFunction) => {
        const address = plainAddress(req.accountability?.ip ?? req.ip ?? 'unknown');
        const body = (req.body ?? {}) as Record<string, unknown>;
        const email = typeof body['email'] === 'string' ? body['email'].trim().toLowerCase() : null;
        void (async () => {
          const verdicts = [await take(limiters.resetAddress, address)];
          if (email) verdicts.push(await take(limiters.resetEmail, email));
          const refused = firstRefusal(verdicts);
          if (!refused) return next();
          tooMany(req, res, next, refused.retryAfterSeconds, 'Too many password resets.');
        })().catch(next);
      });
    }

    app.post('/files/import', (req: AuthedRequest, res: Response, next: NextFunction) => {
      if (req.accountability?.user && !req.accountability.admin)
        refuse(
          req,
          res,
          next,
          new UploadRefusedError({ reason: 'files are uploaded, not fetched from addresses' }),
        );
      else next();
    });
    app.post('/files', uploadGuard(logger));
    app.patch('/files/:id', uploadGuard(logger));
  });

  // Every way of signing in but POST /auth/login (GraphQL's auth_login, a websocket's credentials)
  // would pass the lockout by: only that path signs in.
  filter('auth.login', (payload) => {
    if (!isSanctioned('sign-in')) throw new SignInPathError();
    return payload;
  });

  // Tokens are handed out only where the shop allows its accounts to work from, and say to the
  // millisecond when they were made (the gate refuses those made before a revocation).
  filter('auth.jwt', async (claims, meta, context) => {
    const userId: unknown = meta['user'];
    const ip = context.accountability?.ip ?? null;
    if (typeof userId !== 'string') return claims;
    if (!context.accountability) throw new SignInPathError();
    const row = await readGate(database, userId, ip);
    if (row && row.address_allowed === false) throw new AddressNotAllowedError();
    return { ...(claims as Record<string, unknown>), [ISSUED_AT_MS]: Date.now() };
  });

  // A password change, a suspension or an e-mail change anywhere (Studio, a reset link) stops the
  // access tokens already given out, as the /api actions do themselves.
  action('users.update', (meta) => {
    const payload = (meta['payload'] ?? {}) as Record<string, unknown>;
    const keys = ((meta['keys'] ?? []) as unknown[]).map(String);
    const revokes =
      'password' in payload || 'email' in payload || ('status' in payload && payload['status'] !== 'active');
    if (revokes)
      revokeAccessTokens(database, keys).catch((error: unknown) => {
        logger.error(error, 'revoking access tokens failed');
      });
  });

  // A logo or a receipt points only at a file of its kind.
  for (const event of ['items.create', 'items.update']) {
    filter(event, async (payload, meta, context) => {
      await checkAttachedFiles(
        context.database as Knex,
        String(meta['collection']),
        payload as Record<string, unknown>,
      );
      return payload;
    });
  }

  // A websocket's messages pass the same gate as requests (its address is the connection's).
  filter('websocket.message', async (message, meta) => {
    const client = meta['client'] as { accountability: Accountability | null } | undefined;
    const accountability = client?.accountability;
    const user = accountability?.user;
    if (!user || accountability.admin) return message;
    const verdict = judge(await readGate(database, user, accountability.ip ?? null), {
      role: shopRoleOf(accountability.role),
      issuedAt: null,
      method: 'WS',
      path: '/websocket',
      shopAccount: true,
    });
    if (verdict !== 'ok') throw VERDICT_ERRORS[verdict]();
    return message;
  });

  schedule('17 * * * *', async () => {
    try {
      await purgeQuietCounters(database);
    } catch (error) {
      logger.error(error, 'purging sign-in counters failed');
    }
  });
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Answers 429 with Retry-After: too many requests of one kind, and when to try again. */
function tooMany(req: Request, res: Response, next: NextFunction, seconds: number, reason: string): void {
  res.setHeader('Retry-After', String(seconds));
  refuse(req, res, next, new RateLimitedError({ seconds, reason }));
}
