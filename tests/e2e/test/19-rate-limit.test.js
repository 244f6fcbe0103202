'use strict';
// --rate-limit: over the rate, 429 rate_limited with Notion's message and an integer
// Retry-After; @notionhq/client 5.x retries through it and succeeds, 2.x surfaces it.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2 } = require('../lib/clients');

const ADMIN = 'admin_rate_token_0123456789';
let srv;
before(async () => { srv = await startServer({ extraArgs: ['--rate-limit', '2/s', '--admin-token', ADMIN] }); });
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

async function log() {
  const res = await fetch(`${srv.baseUrl}/_localnotion/requests`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return (await res.json()).results;
}

test('2.x: a burst over the limit gets 429 rate_limited with an integer Retry-After', async () => {
  const n2 = v2(srv);
  const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => n2.users.me({})));
  const failures = outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason);
  assert.ok(failures.length >= 3, `at least 3 of 6 over a bucket of 2, got ${failures.length}`);
  for (const e of failures) {
    assert.equal(e.status, 429);
    assert.equal(e.code, 'rate_limited');
    assert.equal(e.message, 'You have been rate limited. Please try again in a few minutes.');
    assert.match(e.headers.get('retry-after'), /^[1-9][0-9]*$/);
  }
});

test('5.x retries through the limit and every call succeeds', async () => {
  await new Promise((r) => setTimeout(r, 1100));
  await fetch(`${srv.baseUrl}/_localnotion/requests`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } });
  const n5 = v5(srv, { retry: { maxRetries: 5, initialRetryDelayMs: 100, maxRetryDelayMs: 3000 } });
  const results = await Promise.all(Array.from({ length: 5 }, () => n5.users.me({})));
  assert.equal(results.length, 5);
  assert.ok(results.every((r) => r.type === 'bot'));
  const statuses = (await log()).map((e) => e.status);
  assert.ok(statuses.includes(429), `some requests were limited: ${statuses}`);
  assert.equal(statuses.filter((s) => s === 200).length, 5);
});
