'use strict';
// Helpers of the `localnotion pull` tests (test/93-pull, test/94-pull-https, test/95-pull-notes-emojis-icons).
//   await pull(args, { env, onStart })  // runs `localnotion pull ARGS`: {code, signal, stderr}
//   await visible(client)               // what a token sees through the SDK, for deepEqual
//   const { serve, admin, stopAll } = pullServers(ADMIN);  // the servers of one test file
const { spawn } = require('node:child_process');
const { BIN, startServer } = require('./server');
const { adminCall } = require('./clients');

// The servers of one pull test file, all with the admin token `adminToken`: serve(opts)
// starts one, admin(srv, method, route, body) calls its admin API, stopAll() ends them.
function pullServers(adminToken) {
  const servers = [];
  return {
    async serve(opts = {}) {
      const srv = await startServer({ ...opts, extraArgs: ['--admin-token', adminToken] });
      servers.push(srv);
      return srv;
    },
    admin: (srv, method, route, body) => adminCall(srv, adminToken, method, route, body),
    async stopAll() {
      for (const s of servers) { await s.stop().catch(() => {}); await s.dispose(); }
    },
  };
}

// Runs `localnotion pull` with process.env plus `env` (a key set to undefined is removed
// from the child's environment); answers {code, signal, stderr}. onStart gets the child
// (for killing it); a pull still running after two minutes is killed.
function pull(args, { env = {}, onStart } = {}) {
  const childEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  return new Promise((resolve) => {
    const child = spawn(BIN, ['pull', ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    if (onStart) onStart(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
    child.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stderr }); });
  });
}

// What a token sees, through the SDK: search, each page with its blocks and comments,
// each database and data source, users (persons), and its own bot.
async function visible(client) {
  const out = {};
  const found = await client.search({ page_size: 100 });
  out.search = found.results.map((r) => r.id).sort();
  for (const r of found.results) {
    if (r.object === 'page') {
      out[r.id] = { page: await client.pages.retrieve({ page_id: r.id }), blocks: [], comments: [] };
      const walk = async (id) => {
        for (const b of (await client.blocks.children.list({ block_id: id })).results) {
          out[r.id].blocks.push(b);
          out[r.id].comments.push(...(await client.comments.list({ block_id: b.id })).results);
          if (b.has_children && !['child_page', 'child_database'].includes(b.type) && !(b.type === 'synced_block' && b.synced_block.synced_from)) await walk(b.id);
        }
      };
      await walk(r.id);
      out[r.id].comments.push(...(await client.comments.list({ block_id: r.id })).results);
    } else {
      const ds = await client.dataSources.retrieve({ data_source_id: r.id });
      out[r.id] = { ds, db: await client.databases.retrieve({ database_id: ds.parent.database_id }) };
    }
  }
  out.persons = (await client.users.list({})).results.filter((u) => u.type === 'person');
  out.me = await client.users.me({});
  return out;
}

module.exports = { pull, visible, pullServers };
