// `npm run unlock -- <e-mail>`: the way back for an account that cannot sign in, without SQL, run on
// the server (it reaches the database, as `npm start` does). It ends every sign-in lock on the
// e-mail, from every address; for the platform admin (an account of no shop), it also makes the
// account active again, since no one else could. A shop member's suspension stays the Owner's call.
//
// Uses DATABASE_URL, or the embedded PostgreSQL of DATA_DIR: the running one of `npm start`, or, when
// none runs, a PostgreSQL started for the time of the command.
import net from 'node:net';
import knexFactory from 'knex';
import { configFromEnv } from '../directus/env.ts';
import { openDatabase } from '../directus/instance.ts';
import type { Database } from '../directus/postgres.ts';

const email = (process.argv[2] ?? '').trim().toLowerCase();
if (!email.includes('@')) {
  console.error('Usage: npm run unlock -- <e-mail of the account>');
  process.exit(2);
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const config = configFromEnv();
let database: Database;
if (config.databaseUrl) database = { url: config.databaseUrl, stop: () => Promise.resolve() };
else if (await listening(config.embeddedPgPort))
  database = {
    url: `postgres://postgres:postgres@127.0.0.1:${String(config.embeddedPgPort)}/phoneshop`,
    stop: () => Promise.resolve(),
  };
else database = await openDatabase(config);

const knex = knexFactory({ client: 'pg', connection: database.url });
try {
  const user = (await knex('directus_users')
    .whereRaw('lower(email) = ?', [email])
    .first('id', 'status', 'shop')) as { id: string; status: string; shop: number | null } | undefined;
  const cleared = await knex('sign_in_throttle')
    .whereIn('scope', ['pair', 'account'])
    .where({ email })
    .delete();
  console.log(`• ${String(cleared)} sign-in lock${cleared === 1 ? '' : 's'} ended for ${email}`);
  if (!user) console.log('• no account has this e-mail');
  else if (user.shop === null && user.status !== 'active') {
    await knex('directus_users').where({ id: user.id }).update({ status: 'active' });
    console.log(`• the platform account was ${user.status}: it is active again`);
  } else if (user.status !== 'active') {
    console.log(`• the account is ${user.status}: its shop's Owner reactivates it (Staff › Activate)`);
  }
} finally {
  await knex.destroy();
  await database.stop();
}
