// /api/account: one's own password, e-mail, two-factor authentication and sessions; /api/shop/security:
// the Owner's security settings of the shop (required two-factor, IP allow-list).
import type { Router } from 'express';
import { z } from 'zod';
import {
  accountSecurity,
  changeEmail,
  changePassword,
  disableTwoFactor,
  enableTwoFactor,
  endMyOtherSessions,
  endMySession,
  mySessions,
  renewRecoveryCodes,
  setupTwoFactor,
  type AccountDeps,
} from '../../services/account/account.service.ts';
import { getShopSecurity, updateShopSecurity } from '../../services/security/shop-security.service.ts';
import { loadShop } from '../../services/shop.ts';
import type { ActionContext } from '../../services/context.ts';
import { MAX_ALLOWLIST_ENTRIES } from '../../security/allowlist.ts';
import { sendOk } from './envelope.ts';
import { route, runAction, runRead, type ApiRequest, type Edge } from './http.ts';

const password = z.string().min(1, 'is required').max(200);
const newPassword = z.string().min(10, 'at least 10 characters').max(200);
const sessionId = z.string().regex(/^[0-9a-f]{64}$/i, 'must be a session id');
const code = z.string().trim().min(6, 'is required').max(20);

export const shopSecuritySchema = z
  .object({
    require_two_factor: z
      .array(z.enum(['Owner', 'Supervisor']))
      .max(2)
      .optional(),
    ip_allowlist: z.array(z.string().trim().min(1).max(64)).max(MAX_ALLOWLIST_ENTRIES).optional(),
  })
  .strict();

export function registerAccount(router: Router, edge: Edge): void {
  const deps = async (req: ApiRequest, ctx: ActionContext): Promise<AccountDeps> => ({
    verifyPassword: (userId, given) => edge.verifyPassword(userId, given, ctx.ip),
    users: await edge.users(ctx.knex, req.accountability ?? null),
    refreshTtlMs: edge.refreshTtlMs,
  });

  router.get(
    '/account/security',
    route(edge, async (req, res) => {
      sendOk(res, await runRead(edge, req, (ctx) => accountSecurity(ctx, edge.refreshTtlMs)));
    }),
  );

  router.post(
    '/account/password',
    route(edge, async (req, res) => {
      const body = z.object({ current_password: password, new_password: newPassword }).parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, async (ctx) =>
          changePassword(ctx, await deps(req, ctx), body.current_password, body.new_password),
        ),
        'Password changed; every session has ended, sign in again',
      );
    }),
  );

  router.post(
    '/account/email',
    route(edge, async (req, res) => {
      const body = z.object({ current_password: password, email: z.email().max(254) }).parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, async (ctx) =>
          changeEmail(ctx, await deps(req, ctx), body.current_password, body.email.toLowerCase()),
        ),
        'E-mail changed; every session has ended, sign in again',
      );
    }),
  );

  router.get(
    '/account/sessions',
    route(edge, async (req, res) => {
      sendOk(res, await runRead(edge, req, (ctx) => mySessions(ctx, edge.refreshTtlMs)));
    }),
  );

  router.delete(
    '/account/sessions/:id',
    route(edge, async (req, res) => {
      const id = sessionId.parse(req.params['id']);
      await runAction(edge, req, (ctx) => endMySession(ctx, id));
      sendOk(res, { id }, 'Session ended');
    }),
  );

  router.post(
    '/account/sessions/end-others',
    route(edge, async (req, res) => {
      const { keep } = z.object({ keep: sessionId }).parse(req.body);
      sendOk(res, await runAction(edge, req, (ctx) => endMyOtherSessions(ctx, keep)), 'Other sessions ended');
    }),
  );

  router.post(
    '/account/two-factor/setup',
    route(edge, async (req, res) => {
      const body = z.object({ password }).parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, async (ctx) => {
          const shop = await loadShop(ctx.knex, ctx.shopId);
          return setupTwoFactor(ctx, await deps(req, ctx), body.password, `Phone Shop (${shop.shop_name})`);
        }),
      );
    }),
  );

  router.post(
    '/account/two-factor/enable',
    route(edge, async (req, res) => {
      const body = z
        .object({
          secret: z.string().regex(/^[A-Z2-7]{16,64}$/, 'must be the key of the setup step'),
          otp: code,
        })
        .parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => enableTwoFactor(ctx, body.secret, body.otp)),
        'Two-factor authentication is on: keep the recovery codes somewhere safe',
      );
    }),
  );

  router.post(
    '/account/two-factor/disable',
    route(edge, async (req, res) => {
      const body = z.object({ code }).parse(req.body);
      await runAction(edge, req, (ctx) => disableTwoFactor(ctx, body.code));
      sendOk(res, { enabled: false }, 'Two-factor authentication is off');
    }),
  );

  router.post(
    '/account/two-factor/recovery-codes',
    route(edge, async (req, res) => {
      const body = z.object({ code }).parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => renewRecoveryCodes(ctx, body.code)),
        'New recovery codes: the old ones no longer work',
      );
    }),
  );

  router.get(
    '/shop/security',
    route(edge, async (req, res) => {
      sendOk(res, await runRead(edge, req, (ctx) => getShopSecurity(ctx)));
    }),
  );

  router.put(
    '/shop/security',
    route(edge, async (req, res) => {
      const changes = shopSecuritySchema.parse(req.body);
      sendOk(
        res,
        await runAction(edge, req, (ctx) => updateShopSecurity(ctx, changes)),
        'Security settings saved',
      );
    }),
  );
}
