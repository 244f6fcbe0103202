'use strict';
// One server per store file (issue 16): a second `serve` on the same SQLite file exits
// non-zero with a clear error; the offline commands keep working beside a running
// server; once the first server is gone, the file can be served again.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { startServer, LocalNotionServer, BIN, usePostgres } = require('../lib/server');
const { v5 } = require('../lib/clients');

// The one-server lock is SQLite's (a flock beside the file): many servers over one
// PostgreSQL is the point of that backend (test/70-cluster.test.js), so under
// LOCALNOTION_DB=postgres these tests do not apply.
const SKIP = usePostgres() && 'SQLite only: several servers may share a PostgreSQL store';

function run(args) {
  return new Promise((resolve) => {
    execFile(BIN, args, { timeout: 10000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

test('a second serve on the same store file is refused; the CLI still works beside the first', { skip: SKIP }, async () => {
  const srv = await startServer();
  try {
    const db = `sqlite:${srv.dbPath}`;
    const second = await run(['serve', '--host', '127.0.0.1', '--port', '0', '--db', db]);
    assert.equal(second.code, 1, second.stderr);
    assert.equal(second.stderr,
      `localnotion: another localnotion server is already serving ${db} (it holds ${srv.dbPath}.lock); `
      + 'stop it first, or give this one another --db\n');
    assert.equal(second.stdout, '');

    // The offline commands open the store beside the server, as before.
    const created = await run(['integration', 'create', '--name', 'Beside', '--db', db]);
    assert.equal(created.code, 0, created.stderr);
    const listed = await run(['integration', 'list', '--db', db]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /\tBeside\t/);
    const exported = await run(['export', '--db', db]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.ok(JSON.parse(exported.stdout));

    // The first server still serves.
    assert.equal((await v5(srv).users.me({})).type, 'bot');

    // Once it stops, the store can be served again, even after a SIGKILL.
    await srv.kill9();
    await srv.start();
    assert.equal((await v5(srv).users.me({})).type, 'bot');
  } finally {
    await srv.stop().catch(() => {});
    await srv.dispose();
  }
});

test('another store file in the same directory is served at the same time', { skip: SKIP }, async () => {
  const a = await startServer();
  const b = new LocalNotionServer({ dbDir: a.dbDir });
  b.dbPath = path.join(a.dbDir, 'other.db');
  try {
    await b.start();
    assert.equal((await v5(b).users.me({})).type, 'bot');
    assert.equal((await v5(a).users.me({})).type, 'bot');
  } finally {
    await b.stop().catch(() => {});
    await a.stop().catch(() => {});
    await a.dispose();
  }
});
