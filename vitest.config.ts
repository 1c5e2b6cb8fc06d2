import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    env: { PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' },
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
  },
});
