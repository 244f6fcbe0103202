'use strict';
// e2e-runs-alone: it bounds how long the server takes to close a slow connection (run.sh).
// A client that trickles its request in is answered 408 and cut off after
// --client-timeout-ms (issue 15), and the server keeps answering everyone else meanwhile.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const { startServer } = require('../lib/server');
const { v5 } = require('../lib/clients');

let srv;
before(async () => { srv = await startServer({ extraArgs: ['--client-timeout-ms', '500'] }); });
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

function openSlow(parts) {
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = net.connect(srv.port, '127.0.0.1');
    let received = '';
    sock.on('data', (d) => { received += d.toString(); });
    sock.on('close', () => resolve({ ms: Date.now() - started, received }));
    sock.on('error', () => {});
    sock.on('connect', () => { for (const p of parts) sock.write(p); });
  });
}

// The 408 answer in Notion's envelope (docs/compat.md), and nothing after it.
function expect408(received) {
  const split = received.indexOf('\r\n\r\n');
  assert.match(received.slice(0, split), /^HTTP\/1\.1 408 /);
  const body = JSON.parse(received.slice(split + 4));
  assert.deepEqual([body.object, body.status, body.code, body.message],
    ['error', 408, 'invalid_request', 'Request timed out before it was received in full.']);
}

test('headers that never finish: the connection is closed after the timeout', async () => {
  const slow = openSlow(['PATCH /v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5 HTTP/1.1\r\nHost: x\r\n']);
  // Meanwhile the server answers others.
  const me = await v5(srv).users.me({});
  assert.equal(me.type, 'bot');
  const { ms, received } = await slow;
  assert.ok(ms >= 450 && ms < 3000, `closed after ${ms} ms`);
  expect408(received);
});

test('a body that never arrives in full: closed after the timeout', async () => {
  const { ms, received } = await openSlow([
    'PATCH /v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"prop',
  ]);
  assert.ok(ms >= 450 && ms < 3000, `closed after ${ms} ms`);
  expect408(received);
});
