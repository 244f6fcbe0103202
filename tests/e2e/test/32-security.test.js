'use strict';
// Checks behind docs/security.md: the store and its WAL are created 0600 (they hold the
// admin token, the generated default token and the file link secret); admin route bodies
// are limited to 500 KB like /v1 bodies, answered 413 before the admin token is looked at.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const { startServer, usePostgres } = require('../lib/server');
const { v5 } = require('../lib/clients');
const { createRootPage } = require('../lib/fixtures');

const ADMIN = 'admin_e2e_security_0123456789';

let srv;
before(async () => { srv = await startServer({ extraArgs: ['--admin-token', ADMIN] }); });
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

// Under LOCALNOTION_DB=postgres there is no store file: PostgreSQL keeps the data in its
// own directory, with its own permissions (0700, owner postgres).
test('the store file and its WAL are readable and writable by their owner only',
  { skip: usePostgres() && 'SQLite only: a PostgreSQL store has no file of its own' }, async () => {
  await createRootPage(v5(srv), 'A write, so that the WAL exists');
  for (const file of [srv.dbPath, `${srv.dbPath}-wal`]) {
    assert.ok(fs.existsSync(file), `${file} exists`);
    assert.equal((fs.statSync(file).mode & 0o777).toString(8), '600', file);
  }
});

// The header of a request announcing a body over 500 KB, without sending the body; the
// answer's status and JSON body.
function announce(path, token) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(srv.port, '127.0.0.1');
    const chunks = [];
    sock.setTimeout(10000, () => sock.destroy(new Error('timeout')));
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('close', () => {
      const all = Buffer.concat(chunks).toString('utf8');
      const split = all.indexOf('\r\n\r\n');
      resolve({ status: Number(all.slice(0, split).split(' ')[1]), body: JSON.parse(all.slice(split + 4)) });
    });
    sock.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n`
      + `Content-Type: application/json\r\nContent-Length: ${500 * 1024 + 1}\r\n\r\n`);
  });
}

test('admin route bodies are limited to 500 KB, before the admin token is checked', async () => {
  const E = { status: 413, code: 'payload_too_large', message: 'Request body too large. The maximum size is 500KB.' };
  for (const [path, token] of [
    ['/_localnotion/seed', ADMIN],
    ['/_localnotion/integrations', ADMIN],
    ['/_localnotion/integrations', 'not_the_admin_token'],
  ]) {
    const res = await announce(path, token);
    assert.deepEqual({ status: res.status, code: res.body.code, message: res.body.message }, E, path);
  }
});
