// The /api business actions of the spec, answering in its envelope. Routes only parse, validate and
// delegate to a service.
import { defineEndpoint } from '@directus/extensions-sdk';
import knexFactory, { type Knex } from 'knex';
import { durationMs } from '../../security/duration.ts';
import { confirmPassword } from '../../security/sign-in.ts';
import { sendOk } from './envelope.ts';
import type { UsersWriter } from '../../services/staff/staff.service.ts';
import type { Edge } from './http.ts';

interface PgConnection {
  query: (sql: string, callback: (error: Error | null) => void) => void;
}
import { registerAccount } from './account.routes.ts';
import { registerClosures } from './closures.routes.ts';
import { registerExpenses } from './expenses.routes.ts';
import { registerExports } from './exports.routes.ts';
import { registerInventory } from './inventory.routes.ts';
import { registerPrivacy } from './privacy.routes.ts';
import { registerPurchaseOrders } from './purchase-orders.routes.ts';
import { registerRegistry } from './registry.routes.ts';
import { registerRepairs } from './repairs.routes.ts';
import { registerReports } from './reports.routes.ts';
import { registerSales } from './sales.routes.ts';
import { registerStaff } from './staff.routes.ts';
import { registerWebhooks } from './webhooks.routes.ts';
import { deliveryRuntime } from '../../delivery/index.ts';

export default defineEndpoint({
  id: 'api',
  handler: (router, context) => {
    const { UsersService, AuthenticationService } = context.services;
    // Short autocommit statements only, so a few connections serve every till; they commit without
    // waiting for the disk (numbering.ts).
    const counters = knexFactory({
      ...(context.database.client as { config: Knex.Config }).config,
      pool: {
        min: 0,
        max: 4,
        afterCreate: (
          connection: PgConnection,
          done: (error: Error | null, connection: PgConnection) => void,
        ) => {
          connection.query('SET synchronous_commit TO off', (error) => done(error, connection));
        },
      },
    });
    const edge: Edge = {
      database: context.database,
      counters,
      logger: context.logger,
      users: async (knex, accountability) =>
        new UsersService({
          knex,
          schema: await context.getSchema(),
          accountability,
        }) as unknown as UsersWriter,
      verifyPassword: async (userId, password, ip) => {
        const auth = new AuthenticationService({
          schema: await context.getSchema(),
          accountability: null,
        }) as {
          verifyPassword: (userId: string, password: string) => Promise<void>;
        };
        await confirmPassword(
          context.database,
          (id, given) => auth.verifyPassword(id, given),
          userId,
          password,
          ip,
        );
      },
      refreshTtlMs: durationMs(String(context.env['REFRESH_TOKEN_TTL'] ?? '7d')),
    };
    const { AssetsService } = context.services;

    // The logo is the shop's own file; it is read with the server's rights, as the receipt needs it.
    const loadLogo = async (fileId: string): Promise<Buffer | null> => {
      try {
        const assets = new AssetsService({ schema: await context.getSchema(), accountability: null });
        const { stream, file } = (await assets.getAsset(fileId)) as {
          stream: AsyncIterable<Buffer>;
          file: { type?: string };
        };
        if (file.type !== 'image/png' && file.type !== 'image/jpeg') return null;
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk);
        return Buffer.concat(chunks);
      } catch {
        return null;
      }
    };

    router.get('/health', (_req, res) => {
      sendOk(res, { status: 'ok' });
    });
    registerSales(router, edge, loadLogo);
    registerInventory(router, edge);
    registerPurchaseOrders(router, edge, loadLogo);
    registerRegistry(router, edge);
    registerRepairs(router, edge);
    registerClosures(router, edge);
    registerExpenses(router, edge);
    registerStaff(router, edge);
    registerPrivacy(router, edge);
    registerAccount(router, edge);
    registerExports(router, edge, loadLogo);
    registerReports(router, edge, loadLogo);
    registerWebhooks(router, edge, deliveryRuntime(context.env));
  },
});
