// One localnotion for the run, started by the package's ready-made global setup.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // jest/ holds the files Jest runs (jest.config.cjs).
    include: ['test/**/*.test.mjs'],
    globalSetup: ['localnotion/vitest-setup'],
    testTimeout: 30000,
    hookTimeout: 30000,
  },
});
