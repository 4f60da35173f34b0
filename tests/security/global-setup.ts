// The security suite's own Directus and PostgreSQL, with the limits of production (the integration
// suite's instance counts but never refuses). The Kampala shop is moved to the enterprise plan: the
// suite makes many fresh accounts so that no lock or limit of one test reaches another.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startTestInstance } from '../setup/instance.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Production's rules: the limits, and webhooks to https and public addresses only.
  const instance = await startTestInstance({ env: { WEBHOOKS_ALLOW_PRIVATE: 'false' } });
  const client = new pg.Client({ connectionString: instance.databaseUrl });
  await client.connect();
  try {
    await client.query(`UPDATE shops SET subscription_plan = 'enterprise' WHERE slug = 'kampala-phone-hub'`);
  } finally {
    await client.end();
  }
  project.provide('baseUrl', instance.baseUrl);
  project.provide('databaseUrl', instance.databaseUrl);
  return instance.stop;
}
