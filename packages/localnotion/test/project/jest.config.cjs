// Jest, as a user of the package configures it: one localnotion for the run from the
// package's ready-made global setup and teardown (packed.sh runs `npx jest`).
module.exports = {
  globalSetup: 'localnotion/jest-setup',
  globalTeardown: 'localnotion/jest-teardown',
  testMatch: ['<rootDir>/jest/**/*.test.cjs'],
  testTimeout: 30000,
};
