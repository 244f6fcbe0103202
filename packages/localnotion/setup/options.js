'use strict';
// What the Jest and Vitest global setups pass to start(), from the environment:
// LOCALNOTION_SEED (a fixture file to start from), LOCALNOTION_PORT, LOCALNOTION_DB.
function startOptionsFromEnv(env = process.env) {
  const options = {};
  if (env.LOCALNOTION_SEED) options.seed = env.LOCALNOTION_SEED;
  if (env.LOCALNOTION_PORT) options.port = Number(env.LOCALNOTION_PORT);
  if (env.LOCALNOTION_DB) options.db = env.LOCALNOTION_DB;
  return options;
}

module.exports = { startOptionsFromEnv };
