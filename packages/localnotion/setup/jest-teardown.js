'use strict';
// Jest globalTeardown: stops the server localnotion/jest-setup started.
module.exports = async function localnotionGlobalTeardown() {
  const server = globalThis.__LOCALNOTION_SERVER__;
  globalThis.__LOCALNOTION_SERVER__ = undefined;
  if (server) await server.stop();
};
