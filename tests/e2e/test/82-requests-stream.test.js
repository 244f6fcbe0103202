'use strict';
// e2e-runs-alone: it bounds how long requests take beside a stalled stream (run.sh).
// GET /_localnotion/requests/stream (issue 17): the request log live as server-sent
// events, for the web UI's request screen. Admin token only; the backlog first, then each
// new request within a poll (100 ms); a reset says `cleared`. A client that stops reading
// holds only its own connection: API clients keep being answered.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const { startServer } = require('../lib/server');
const { v5 } = require('../lib/clients');

const ADMIN = 'admin_requests_stream_0123456789';

async function withSrv(fn) {
  const srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  try {
    await fn(srv);
  } finally {
    await srv.stop().catch(() => {});
    await srv.dispose();
  }
}

// The events of a stream response, read as they come.
class Events {
  constructor(res) {
    this.reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    this.buffer = '';
    this.seen = [];
  }

  // Waits until `n` events (comments aside) have come in all.
  async until(n, ms = 5000) {
    const deadline = Date.now() + ms;
    while (this.seen.length < n) {
      let timeout;
      const timer = new Promise((_, reject) => {
        timeout = setTimeout(() => reject(new Error(`timed out with ${JSON.stringify(this.seen)}`)), deadline - Date.now());
      });
      // Cleared once read: a pending timer would keep this test process alive after its tests.
      const { value, done } = await Promise.race([this.reader.read(), timer]).finally(() => clearTimeout(timeout));
      if (done) break;
      this.buffer += value;
      let end;
      while ((end = this.buffer.indexOf('\n\n')) >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        if (block.startsWith(':')) continue;
        const ev = { event: 'message', data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) ev.event = line.slice(7);
          else if (line.startsWith('data: ')) ev.data = JSON.parse(line.slice(6));
          else if (line.startsWith('id: ')) ev.id = Number(line.slice(4));
        }
        this.seen.push(ev);
      }
    }
    return this.seen;
  }
}

test('the stream needs the admin token', async () => {
  await withSrv(async (srv) => {
    const res = await fetch(`${srv.baseUrl}/_localnotion/requests/stream`, {
      headers: { authorization: `Bearer ${srv.token}` },
    });
    assert.equal(res.status, 401);
    const body = await res.json();
    assert.equal(body.code, 'unauthorized');
    assert.equal(body.message, 'API token is invalid.');
  });
});

test('the stream sends the backlog, then each new request, and says when the log is cleared', async () => {
  await withSrv(async (srv) => {
    const notion = v5(srv);
    await notion.users.me({});
    const ctl = new AbortController();
    const res = await fetch(`${srv.baseUrl}/_localnotion/requests/stream?path=/v1/users*`, {
      headers: { authorization: `Bearer ${ADMIN}` },
      signal: ctl.signal,
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const events = new Events(res);
    await events.until(1); // the backlog
    const started = Date.now();
    await notion.search({}); // outside the filter
    await notion.users.list({});
    await events.until(2);
    assert.ok(Date.now() - started < 1000, `the new request came after ${Date.now() - started} ms`);
    await fetch(`${srv.baseUrl}/_localnotion/reset`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });
    await notion.users.me({});
    await events.until(4);
    ctl.abort();
    assert.deepEqual(events.seen.map((e) => [e.event, e.data.path]), [
      ['request', '/v1/users/me'],
      ['request', '/v1/users'],
      ['cleared', undefined],
      ['request', '/v1/users/me'],
    ]);
    assert.deepEqual(events.seen.map((e) => e.id), [1, 3, undefined, 4]);
    assert.equal(events.seen[1].data.status, 200);
    assert.equal(events.seen[1].data.integration.name, 'localnotion');
  });
});

test('a stream client that stops reading never stalls API clients', async () => {
  await withSrv(async (srv) => {
    // A raw client that asks for the stream and never reads a byte of it.
    const stalled = net.connect(Number(new URL(srv.baseUrl).port), '127.0.0.1');
    await new Promise((r) => stalled.once('connect', r));
    stalled.pause();
    stalled.write(`GET /_localnotion/requests/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN}\r\n\r\n`);
    const notion = v5(srv);
    // Every request's body is logged (16 KB each), so the stream has far more to send
    // than the socket buffers hold.
    const big = 'x'.repeat(15000);
    let slowest = 0;
    for (let i = 0; i < 150; i++) {
      const t0 = Date.now();
      await notion.search({ query: big });
      slowest = Math.max(slowest, Date.now() - t0);
    }
    const t0 = Date.now();
    const me = await notion.users.me({});
    assert.equal(me.object, 'user');
    assert.ok(Date.now() - t0 < 2000, `a request took ${Date.now() - t0} ms beside a stalled stream`);
    assert.ok(slowest < 2000, `the slowest request took ${slowest} ms beside a stalled stream`);
    stalled.destroy();
  });
});
