// Vitest globalSetup: starts one localnotion for the whole run; the test files read its
// address and tokens from the environment (NOTION_BASE_URL, NOTION_API_KEY,
// LOCALNOTION_BASE_URL, LOCALNOTION_ADMIN_TOKEN; connect() with no arguments reads them),
// or with inject("localnotion") where Vitest has provide/inject (2.x and later).
//   vitest.config.mjs: export default { test: { globalSetup: ["localnotion/vitest-setup"] } }
// The returned function is Vitest's teardown: it stops the server.
import localnotion from '../index.js';
import options from './options.js';

export default async function localnotionGlobalSetup(context) {
  const server = await localnotion.start(options.startOptionsFromEnv());
  const env = localnotion.environment(server);
  Object.assign(process.env, env);
  if (context && typeof context.provide === 'function') {
    context.provide('localnotion', { baseUrl: server.baseUrl, token: server.token, adminToken: server.adminToken });
  }
  return async () => {
    await server.stop();
  };
}
