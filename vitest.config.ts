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
    // No test process can reach the real ~/.aws, even by mistake.
    setupFiles: ['test/support/no-real-home.ts'],
    // The SDK's notice about its own future Node support is noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
