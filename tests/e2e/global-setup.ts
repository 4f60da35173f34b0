// The browser tests' server, after building the front end when needed: the integration harness's own PostgreSQL and Directus (which serves the
// built front end at /app), or, while developing, an instance already running that E2E_BASE_URL and
// E2E_DATABASE_URL name (a test database: the tests write to it).
import type { TestProject } from 'vitest/node';
import { buildUi } from '../../directus/instance.ts';
import startInstance from '../setup/global-setup.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The app as the server serves it: rebuilt when its sources changed (npm test builds it too).
  await buildUi();
  const baseUrl = process.env['E2E_BASE_URL'];
  const databaseUrl = process.env['E2E_DATABASE_URL'];
  if (baseUrl && databaseUrl) {
    project.provide('baseUrl', baseUrl);
    project.provide('databaseUrl', databaseUrl);
    return () => Promise.resolve();
  }
  return startInstance(project);
}
