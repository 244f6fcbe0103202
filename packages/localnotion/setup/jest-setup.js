'use strict';
// Jest globalSetup: starts one localnotion for the whole run and exports its address and
// tokens to the test files through the environment (NOTION_BASE_URL, NOTION_API_KEY,
// LOCALNOTION_BASE_URL, LOCALNOTION_ADMIN_TOKEN; connect() with no arguments reads them).
//   jest.config.js: { globalSetup: "localnotion/jest-setup", globalTeardown: "localnotion/jest-teardown" }
// Jest runs globalSetup and globalTeardown in one process, so the teardown finds the
// server in globalThis.
const { start, environment } = require('../index.js');
const { startOptionsFromEnv } = require('./options.js');

module.exports = async function localnotionGlobalSetup() {
  const server = await start(startOptionsFromEnv());
  globalThis.__LOCALNOTION_SERVER__ = server;
  Object.assign(process.env, environment(server));
};
