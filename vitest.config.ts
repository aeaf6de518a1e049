import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real processes (the CLI, botocore, the AWS CLI, Chromium); two cores.
    maxWorkers: 2,
    restoreMocks: true,
  },
});
