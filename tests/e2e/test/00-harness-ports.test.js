'use strict';
// The harness itself: a port it chose for a server but that something else took before
// the server bound it (CI once saw PostgreSQL start on the port just chosen for
// localnotion) is chosen again, and a port the test named is never replaced. The same
// for a PostgreSQL the tests start (run.sh runs two files at a time).
const test = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');

// lib/server.js takes freePort from lib/ports.js when it is loaded, so the first answer is
// steered here, before it is required: the port of a listener this test holds open.
const ports = require('../lib/ports');
const realFreePort = ports.freePort;
let steer = null;
ports.freePort = async () => {
  if (steer === null) return realFreePort();
  const port = steer;
  steer = null;
  return port;
};
const { LocalNotionServer } = require('../lib/server');
const { usePostgres, postgresInstalled, freshStoreUrl, startPostgres } = require('../lib/postgres');

// Under LOCALNOTION_DB=postgres the test process's PostgreSQL is started first, so that
// the steered port goes to localnotion and not to PostgreSQL.
test.before(async () => { if (usePostgres()) await freshStoreUrl(); });

function hold() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

test('a chosen port taken before the server binds it is chosen again', async () => {
  const taken = await hold();
  const takenPort = taken.address().port;
  const srv = new LocalNotionServer();
  try {
    steer = takenPort;
    await srv.start();
    assert.notEqual(srv.port, takenPort);
    assert.ok(srv.log.some((l) => l.includes(`cannot listen on 127.0.0.1:${takenPort}: Address already in use`)),
      `the first start met the taken port:\n${srv.logTail()}`);
    const res = await fetch(`${srv.baseUrl}/v1/users/me`, {
      headers: { Authorization: `Bearer ${srv.token}`, 'Notion-Version': '2022-06-28' },
    });
    assert.equal(res.status, 200);
  } finally {
    await srv.stop().catch(() => {});
    await srv.dispose();
    await new Promise((done) => taken.close(done));
  }
});

test('a port the test named is kept: the start fails and says why', async () => {
  const taken = await hold();
  const takenPort = taken.address().port;
  const srv = new LocalNotionServer({ port: takenPort });
  try {
    await assert.rejects(srv.start(), (e) => {
      assert.equal(e.addressInUse, true);
      assert.match(e.message, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${takenPort}: Address already in use`));
      return true;
    });
    assert.equal(srv.port, takenPort);
  } finally {
    await srv.dispose();
    await new Promise((done) => taken.close(done));
  }
});

test('a PostgreSQL port taken before PostgreSQL binds it is chosen again', { skip: !postgresInstalled() && 'PostgreSQL 15 is not installed' }, async () => {
  const taken = await hold();
  const takenPort = taken.address().port;
  let pg = null;
  try {
    steer = takenPort;
    pg = await startPostgres();
    assert.equal(steer, null, 'the steered port was offered');
    assert.notEqual(pg.port, takenPort);
    assert.equal(pg.psql('select 40 + 2'), '42\n');
  } finally {
    if (pg) pg.stop();
    await new Promise((done) => taken.close(done));
  }
});
