'use strict';
// e2e-runs-alone: it bounds PATCH latency while a long query runs (run.sh).
// No request stalls another (the foundation issue): requests run on a pool of worker
// threads, reads in parallel, and long work stops at the request budget.
// - While a query that needs longer than the budget runs, PATCHes on other connections
//   keep answering quickly; the query ends with 504 gateway_timeout and the server stays up.
// - A formula with a pattern that makes a backtracking regex engine run for minutes
//   answers at once (RE2), on create, retrieve and query.
// - An exception inside a request's transaction, on an admin route and on /v1 (an
//   injected "exception" fault), rolls the request back and the server keeps serving.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, LATENCY_FACTOR, usePostgres } = require('../lib/server');
const { v5, expectApiError } = require('../lib/clients');
const { text, createRootPage } = require('../lib/fixtures');

const ADMIN = 'admin_no_stall_token_0123456789';
let srv;
let n5;
before(async () => {
  srv = await startServer({
    extraArgs: ['--admin-token', ADMIN, '--request-budget-ms', '1500', '--workers', '2', '--deterministic', '7'],
  });
  n5 = v5(srv);
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

async function admin(method, route, body) {
  const res = await fetch(`${srv.baseUrl}/_localnotion/${route}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

// A formula whose evaluation is linear but long once the (deterministic) clock passes
// 2025-01-02: nested maps over 160,000 items, tens of ms a page, so a query over 300
// pages needs several seconds, past the 1.5 s budget. Before that date it is cheap, so that
// creating the pages is quick.
const HEAVY = 'if(now() > parseDate("2025-01-02"), repeat("ab", 2000).split("")'
  + '.map(repeat("c", 40).split("").map(current + "x").length()).sum(), 0) + prop("N")';

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

test('a query past the budget ends with 504 while PATCHes on other connections answer in milliseconds', async () => {
  const root = await createRootPage(n5, 'Heavy root');
  const db = await n5.databases.create({
    parent: { type: 'page_id', page_id: root.id },
    title: text('Heavy'),
    initial_data_source: { properties: { Name: { title: {} }, N: { number: {} }, F: { formula: { expression: HEAVY } } } },
  });
  const ds = db.data_sources[0].id;
  for (let i = 0; i < 300; i++) {
    await n5.pages.create({ parent: { data_source_id: ds }, properties: { Name: { title: text(`p${i}`) }, N: { number: i } } });
  }
  const clock = await admin('POST', 'clock', { now: '2025-01-03T00:00:00.000Z' });
  assert.equal(clock.status, 200);
  const target = await createRootPage(n5, 'Patched meanwhile');
  // The PATCHes go over plain fetch (its own keep-alive connection), so that the
  // latencies measure the server, not the suite's response validation.
  const patch = async (title) => {
    const res = await fetch(`${srv.baseUrl}/v1/pages/${target.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${srv.token}`, 'notion-version': '2025-09-03', 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { title: { title: text(title) } } }),
    });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  };
  await patch('warm up');

  let done = false;
  const started = Date.now();
  const query = n5.dataSources
    .query({ data_source_id: ds, filter: { property: 'F', formula: { number: { greater_than: -1 } } } })
    .then(() => 'answered', (e) => e)
    .finally(() => { done = true; });

  const latencies = [];
  let i = 0;
  while (!done) {
    const t = process.hrtime.bigint();
    await patch(`edit ${i++}`);
    latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const outcome = await query;
  const elapsed = Date.now() - started;
  assert.notEqual(outcome, 'answered', `the query finished within the budget (${elapsed} ms); make it heavier`);
  assert.equal(outcome.status, 504);
  assert.equal(outcome.code, 'gateway_timeout');
  assert.equal(outcome.message, 'Gateway Timeout');
  assert.ok(elapsed >= 1400 && elapsed < 5000, `the query ended after ${elapsed} ms`);
  assert.ok(latencies.length >= 30, `only ${latencies.length} PATCHes answered while the query ran`);
  const p99 = percentile(latencies, 99);
  console.log('latencies p50', percentile(latencies, 50).toFixed(2), 'p90', percentile(latencies, 90).toFixed(2), 'p99', p99.toFixed(2), 'n', latencies.length, 'elapsed', elapsed);
  // On PostgreSQL a PATCH is several round trips to backends that share the one CPU the
  // query leaves free on a two-CPU machine with the client and the server's other threads:
  // its p99 there ranged 9–27 ms in eleven runs, over 20 ms in three of the four that ran
  // inside the whole suite (docs/development.md, "CI time"). The bound is doubled there; a
  // stall behind the query would be 1,500 ms or more.
  const bound = 20 * LATENCY_FACTOR * (usePostgres() ? 2 : 1);
  assert.ok(p99 < bound, `PATCH p99 ${p99.toFixed(1)} ms over ${latencies.length} requests while the query ran`);
  // The server is up, and the last PATCH is there.
  const page = await n5.pages.retrieve({ page_id: target.id });
  assert.equal(page.properties.title.title[0].plain_text, `edit ${i - 1}`);
});

test('a catastrophic regex in a formula answers at once, and the server stays up', async () => {
  const root = await createRootPage(n5, 'Regex root');
  const db = await n5.databases.create({
    parent: { type: 'page_id', page_id: root.id },
    title: text('Regex'),
    initial_data_source: {
      properties: {
        Name: { title: {} },
        R: { formula: { expression: 'test("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a*)*b")' } },
      },
    },
  });
  const ds = db.data_sources[0].id;
  const started = Date.now();
  const page = await n5.pages.create({ parent: { data_source_id: ds }, properties: { Name: { title: text('x') } } });
  assert.deepEqual(page.properties.R.formula, { type: 'boolean', boolean: false });
  const found = await n5.dataSources.query({ data_source_id: ds, filter: { property: 'R', formula: { checkbox: { equals: false } } } });
  assert.equal(found.results.length, 1);
  assert.ok(Date.now() - started < 1000 * LATENCY_FACTOR, `took ${Date.now() - started} ms`);
  assert.equal((await n5.users.me({})).type, 'bot');
});

test('an exception inside an admin route\'s transaction changes nothing and the server keeps serving', async () => {
  const page = await createRootPage(n5, 'Survives the failed reset');
  const fault = await admin('POST', 'faults', { path: '/_localnotion/reset', exception: true, count: 1 });
  assert.equal(fault.status, 200);
  assert.equal(fault.body.exception, true);
  const failed = await admin('POST', 'reset', {});
  assert.deepEqual([failed.status, failed.body.code, failed.body.message], [500, 'internal_server_error', 'Unexpected error occurred.']);
  // The reset ran inside the transaction and was rolled back: the page is still there.
  assert.equal((await n5.pages.retrieve({ page_id: page.id })).id, page.id);
  // Admin and API requests keep working (no transaction was left open).
  const health = await admin('GET', 'health');
  assert.deepEqual([health.status, health.body.status], [200, 'ok']);
  const again = await admin('POST', 'integrations', { name: 'After the exception' });
  assert.equal(again.status, 200);
  const created = await createRootPage(n5, 'After the exception');
  assert.equal(created.object, 'page');
});

test('an exception inside a /v1 transaction rolls the write back', async () => {
  const page = await createRootPage(n5, 'Before');
  await admin('POST', 'faults', { method: 'PATCH', path: `/v1/pages/${page.id}`, exception: true, count: 1 });
  await expectApiError(n5.pages.update({ page_id: page.id, properties: { title: { title: text('Lost') } } }), {
    status: 500,
    code: 'internal_server_error',
    message: 'Unexpected error occurred.',
  });
  const kept = await n5.pages.retrieve({ page_id: page.id });
  assert.equal(kept.properties.title.title[0].plain_text, 'Before');
  const edited = await n5.pages.update({ page_id: page.id, properties: { title: { title: text('After') } } });
  assert.equal(edited.properties.title.title[0].plain_text, 'After');
});
