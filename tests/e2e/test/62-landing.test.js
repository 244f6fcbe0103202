'use strict';
// GET / in a browser answers a small HTML page; API clients keep Notion's JSON 400
// (issue 16).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { raw, expectRawError } = require('../lib/clients');

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

test('GET / with Accept: text/html is the landing page, without a token in it', async () => {
  const srv = await startServer({ extraArgs: ['--admin-token', 'admin_e2e_landing_0123456789'] });
  try {
    const res = await fetch(`${srv.baseUrl}/`, { headers: { Accept: BROWSER } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    const html = await res.text();
    assert.match(html, /^<!doctype html>/);
    assert.ok(html.includes(`<pre>${srv.baseUrl}</pre>`), html);
    assert.ok(html.includes('localnotion token: '), 'says where the token is printed');
    assert.ok(html.includes('https://developers.notion.com/reference/intro'));
    assert.ok(html.includes('href="/metrics"'));
    assert.ok(!html.includes(srv.token));
    assert.ok(!html.includes('admin_e2e_landing_0123456789'));
  } finally {
    await srv.stop().catch(() => {});
    await srv.dispose();
  }
});

test('GET / from an API client is still 400 invalid_request_url, with or without a token', async () => {
  const srv = await startServer();
  try {
    for (const headers of [{}, { Accept: 'application/json' }, { Accept: '*/*' }]) {
      expectRawError(await raw(srv, { path: '/', headers }),
        { status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' });
      expectRawError(await raw(srv, { path: '/', headers, token: null }),
        { status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' });
    }
    // Other paths stay JSON for browsers too.
    expectRawError(await raw(srv, { path: '/v1/nothing', headers: { Accept: BROWSER } }),
      { status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' });
  } finally {
    await srv.stop().catch(() => {});
    await srv.dispose();
  }
});
