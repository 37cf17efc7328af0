import { defineConfig } from 'vitest/config';

const serverTests = ['server/**/*.test.ts', 'shared/**/*.test.ts'];

/**
 * Three projects: the server suite on PGlite, the same suite on PostgreSQL, and the
 * browser journeys. Each database project migrates one template once (global setup) and
 * every test file gets its own copy of it (docs/decisions/002-test-databases.md).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'pglite',
          include: serverTests,
          env: { TEST_DB: 'pglite' },
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: serverTests,
          env: { TEST_DB: 'postgres' },
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
