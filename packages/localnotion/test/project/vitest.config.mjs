// One localnotion for the run, started by the package's ready-made global setup.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['localnotion/vitest-setup'],
    testTimeout: 30000,
    hookTimeout: 30000,
  },
});
