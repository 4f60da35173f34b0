import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['extensions/*/src/**/*.test.ts', 'snapshots/**/*.test.ts', 'directus/**/*.test.ts'],
        },
      },
      {
        test: {
          // The front end's logic and components (cart, totals, i18n completeness).
          name: 'ui',
          include: ['admin-ui/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'integration',
          // The fuzz pass of the security suite runs here: on an instance whose rate limits never
          // refuse, 10,000 requests test the actions rather than the limiter.
          include: ['tests/integration/**/*.test.ts', 'tests/security/fuzz.test.ts'],
          globalSetup: ['tests/setup/global-setup.ts'],
          // One Directus for the run; files share it, so they run one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          // The security suite (docs/security.md), on an instance with the limits of production.
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          exclude: ['tests/security/fuzz.test.ts'],
          globalSetup: ['tests/security/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          // The front end in Chromium against its own Directus (serving admin-ui/dist at /app).
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
