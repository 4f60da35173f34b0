// Starts the delivery engine (delivery/) with the server, on a small connection pool of its own so
// that deliveries never take the connections the tills need; stops it with the server, after the
// attempts in flight. WEBHOOKS_DELIVERY_ENABLED=false leaves delivery to other processes.
import { defineHook } from '@directus/extensions-sdk';
import knexFactory, { type Knex } from 'knex';
import { DeliveryEngine, deliveryRuntime } from '../../delivery/index.ts';

export default defineHook(({ init, action }, { database, env, logger }) => {
  const runtime = deliveryRuntime(env);
  if (!runtime.config.enabled) return;
  const connection = String(env['DB_CONNECTION_STRING'] ?? '');
  const knex = knexFactory({
    ...(database.client as { config: Knex.Config }).config,
    pool: { min: 0, max: 3 },
  });
  const engine = new DeliveryEngine(
    knex,
    { connectionString: connection },
    runtime.subscribers,
    runtime,
    logger,
  );
  init('app.after', () => {
    engine
      .start()
      .catch((error: unknown) => logger.error(error, 'webhooks: the delivery engine did not start'));
  });
  action('server.stop', () => {
    void engine
      .stop()
      .then(() => knex.destroy())
      .catch((error: unknown) => logger.error(error, 'webhooks: the delivery engine did not stop cleanly'));
  });
});
