'use strict';
// The access log (issue 16): one line per request on stderr, text by default, JSON lines
// with --log-format json, none with --log-level off; never a token or an Authorization
// header.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, withServer } = require('../lib/server');
const { v5, raw } = require('../lib/clients');

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TIME = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function stderrLines(srv) {
  return srv.log.filter((l) => l.startsWith('[stderr] ')).map((l) => l.slice('[stderr] '.length));
}

// Waits (up to 5 s) for a stderr line containing `needle`.
async function lineWith(srv, needle) {
  for (let waited = 0; waited < 5000; waited += 20) {
    const line = stderrLines(srv).find((l) => l.includes(needle));
    if (line) return line;
    await sleep(20);
  }
  assert.fail(`no stderr line contains ${needle}:\n${srv.logTail()}`);
}


test('text: one line per request with time, method, path, status, latency, integration and request id', async () => {
  await withServer({}, async (srv) => {
    const ok = await raw(srv, { path: '/v1/users/me?page_size=3' });
    assert.equal(ok.status, 200);
    const okId = ok.headers['x-notion-request-id'];
    const line = await lineWith(srv, okId);
    assert.match(line, new RegExp(
      `^${TIME} info GET /v1/users/me 200 \\d+\\.\\d{3}ms integration=${UUID} request_id=${okId}$`));

    const missing = await raw(srv, { path: '/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5' });
    assert.equal(missing.status, 404);
    assert.match(await lineWith(srv, missing.headers['x-notion-request-id']),
      new RegExp(`^${TIME} info GET /v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5 404 \\d+\\.\\d{3}ms integration=${UUID} `));

    const anonymous = await raw(srv, { path: '/v1/users', token: null });
    assert.equal(anonymous.status, 401);
    assert.match(await lineWith(srv, anonymous.headers['x-notion-request-id']),
      new RegExp(`^${TIME} info GET /v1/users 401 \\d+\\.\\d{3}ms integration=- request_id=${UUID}$`));

    // A write is logged once it is answered; the SDK's request too.
    await v5(srv).search({});
    await lineWith(srv, 'POST /v1/search 200 ');
  });
});

test('tokens and Authorization headers are never logged', async () => {
  for (const format of ['text', 'json']) {
    await withServer({ extraArgs: ['--log-format', format, '--admin-token', 'admin_e2e_never_logged_0123456789'] },
      async (srv) => {
        const wrong = 'secret_wrong_token_never_logged_42';
        await raw(srv, { path: '/v1/users/me' });
        const bad = await raw(srv, { path: '/v1/users/me', token: wrong });
        assert.equal(bad.status, 401);
        await raw(srv, { path: '/v1/search', method: 'POST', body: { query: srv.token } });
        const admin = await fetch(`${srv.baseUrl}/_localnotion/health`,
          { headers: { Authorization: 'Bearer admin_e2e_never_logged_0123456789' } });
        assert.equal(admin.status, 200);
        const last = await raw(srv, { path: '/v1/users/me', headers: { Authorization: `Bearer ${srv.token}` } });
        await lineWith(srv, last.headers['x-notion-request-id']);
        const lines = stderrLines(srv);
        assert.ok(lines.length >= 5, lines.join('\n'));
        const all = lines.join('\n');
        for (const secret of [srv.token, wrong, 'admin_e2e_never_logged_0123456789', 'Bearer', 'Authorization',
          'authorization']) {
          assert.ok(!all.includes(secret), `${format} log holds ${secret}:\n${all}`);
        }
      });
  }
});

test('--log-format json: every request line is one JSON object', async () => {
  await withServer({ extraArgs: ['--log-format', 'json'] }, async (srv) => {
    const res = await raw(srv, { path: '/v1/users/me' });
    const id = res.headers['x-notion-request-id'];
    const line = await lineWith(srv, id);
    const o = JSON.parse(line);
    assert.deepEqual(Object.keys(o),
      ['time', 'level', 'method', 'path', 'status', 'latency_ms', 'integration_id', 'request_id']);
    assert.match(o.time, new RegExp(`^${TIME}$`));
    assert.equal(o.level, 'info');
    assert.equal(o.method, 'GET');
    assert.equal(o.path, '/v1/users/me');
    assert.equal(o.status, 200);
    assert.equal(typeof o.latency_ms, 'number');
    assert.match(o.integration_id, new RegExp(`^${UUID}$`));
    assert.equal(o.request_id, id);
    const anonymous = await raw(srv, { path: '/v1/users', token: null });
    assert.equal(JSON.parse(await lineWith(srv, anonymous.headers['x-notion-request-id'])).integration_id, null);
  });
});

test('--log-level off (or warn) writes no request lines; a bad level or format is refused', async () => {
  for (const level of ['off', 'warn']) {
    await withServer({ extraArgs: ['--log-level', level] }, async (srv) => {
      for (let i = 0; i < 5; i += 1) assert.equal((await raw(srv, { path: '/v1/users/me' })).status, 200);
      await sleep(200);
      assert.deepEqual(stderrLines(srv), []);
    });
  }
  for (const args of [['--log-level', 'loud'], ['--log-format', 'xml']]) {
    await assert.rejects(startServer({ extraArgs: args }), /exited before listening \(code 2/);
  }
});
