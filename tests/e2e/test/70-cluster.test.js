'use strict';
// e2e-runs-alone: it runs several servers behind nginx and bounds how long an answer takes (run.sh).
// Many stateless instances over one PostgreSQL (issue 10): two localnotion servers share
// one store, and nginx (Debian's nginx-light, with deploy/nginx.conf.template) balances
// the official SDK over them. Writes through one are seen through the other, a query
// cursor from one works on the other, a schema change through one is seen by the next
// request on the other, concurrent PATCHes of one page through both lose nothing; kill
// -9 of one instance under SDK write load loses no acknowledged write and the survivor
// keeps serving; PostgreSQL stopped under load gives Notion's 503 service_unavailable
// (never a hang), and once it is back the instances serve again without a restart, with
// every acknowledged write there. The test controls are the cluster's, not an
// instance's: a rate limit holds across both instances, a fault set through one fires
// on the other, and the request log of either lists the requests of both.
//
// Runs in the PostgreSQL pass (LOCALNOTION_DB=postgres, make e2e-postgres), which starts
// the PostgreSQL it needs (lib/postgres.js).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');
const { startServer, freePort, usePostgres } = require('../lib/server');
const { waitPort } = require('../lib/ports');
const { ensurePostgres, freshStoreUrl } = require('../lib/postgres');
const { v5, raw, adminCall, expectRawError } = require('../lib/clients');
const { APIResponseError } = require('@notionhq/client');
const { text, plain, createRootPage, createDatabase } = require('../lib/fixtures');

const SKIP = !usePostgres() && 'runs in the PostgreSQL pass (LOCALNOTION_DB=postgres, make e2e-postgres)';
const TOKEN = 'secret_cluster_e2e_0123456789abcdef';
const ADMIN = 'admin_cluster_e2e_0123456789abcdef';

let pg; let a; let b; let nginx; let lb; let nginxDir;


async function startNginx(ports) {
  nginxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-e2e-nginx-'));
  const port = await freePort();
  const template = fs.readFileSync(path.join(__dirname, '../../../deploy/nginx.conf.template'), 'utf8');
  const conf = template
    .replaceAll('@DIR@', nginxDir)
    .replaceAll('@PORT@', String(port))
    .replaceAll('@UPSTREAMS@', ports.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join(' '))
    .replaceAll('@USER@', process.getuid() === 0 ? 'user root;' : '');
  fs.writeFileSync(path.join(nginxDir, 'nginx.conf'), conf);
  nginx = spawn('nginx', ['-c', path.join(nginxDir, 'nginx.conf'), '-p', nginxDir], { stdio: 'ignore' });
  process.on('exit', () => { try { nginx.kill('SIGKILL'); } catch { /* gone */ } });
  await waitPort(port, 10000);
  return { baseUrl: `http://127.0.0.1:${port}`, port, token: TOKEN };
}

before(async () => {
  if (SKIP) return;
  pg = await ensurePostgres();
  const dbUrl = await freshStoreUrl();
  const args = { dbUrl, token: TOKEN, extraArgs: ['--admin-token', ADMIN] };
  a = await startServer(args);
  b = await startServer(args);
  lb = await startNginx([a.port, b.port]);
});

after(async () => {
  for (const s of [a, b]) if (s) { await s.stop().catch(() => {}); await s.dispose(); }
  if (nginx) { nginx.kill('SIGTERM'); await sleep(200); }
  if (nginxDir) fs.rmSync(nginxDir, { recursive: true, force: true });
});

test('a write through one instance is read through the other, and nginx serves both', { skip: SKIP }, async () => {
  const root = await createRootPage(v5(a), 'Cluster root');
  const seen = await v5(b).pages.retrieve({ page_id: root.id });
  assert.equal(plain(seen.properties.title.title), 'Cluster root');
  await v5(b).pages.update({ page_id: root.id, properties: { title: { title: text('Renamed on b') } } });
  assert.equal(plain((await v5(a).pages.retrieve({ page_id: root.id })).properties.title.title), 'Renamed on b');
  const viaLb = await Promise.all(Array.from({ length: 6 }, () => v5(lb).pages.retrieve({ page_id: root.id })));
  for (const p of viaLb) assert.equal(plain(p.properties.title.title), 'Renamed on b');
  // The same workspace and bot through either instance.
  const [meA, meB] = [await v5(a).users.me({}), await v5(b).users.me({})];
  assert.equal(meA.id, meB.id);
});

test('a schema change through one instance is seen by the next request on the other', { skip: SKIP }, async () => {
  const root = await createRootPage(v5(a), 'Schema root');
  const db = await createDatabase(v5(a), 'v5', root.id, 'Tasks', { Name: { title: {} } });
  // b reads the data source now, before the change.
  assert.deepEqual(Object.keys((await v5(b).dataSources.retrieve({ data_source_id: db.dataSourceId })).properties),
    ['Name']);
  await v5(a).dataSources.update({ data_source_id: db.dataSourceId, properties: { Points: { number: {} } } });
  const page = await v5(b).pages.create({
    parent: { data_source_id: db.dataSourceId },
    properties: { Name: { title: text('on b') }, Points: { number: 7 } },
  });
  assert.equal(page.properties.Points.number, 7);
  const q = await v5(b).dataSources.query({
    data_source_id: db.dataSourceId, filter: { property: 'Points', number: { equals: 7 } },
  });
  assert.deepEqual(q.results.map((p) => p.id), [page.id]);
});

test('a query cursor handed out by one instance pages on through the other, in the first call\'s snapshot',
  { skip: SKIP }, async () => {
  const root = await createRootPage(v5(a), 'Cursor root');
  const db = await createDatabase(v5(a), 'v5', root.id, 'Rows', { Name: { title: {} }, N: { number: {} } });
  const made = [];
  for (let i = 0; i < 7; i += 1) {
    made.push((await v5(a).pages.create({
      parent: { data_source_id: db.dataSourceId },
      properties: { Name: { title: text(`row ${i}`) }, N: { number: i } },
    })).id);
  }
  const sorts = [{ property: 'N', direction: 'descending' }];
  const first = await v5(a).dataSources.query({ data_source_id: db.dataSourceId, sorts, page_size: 3 });
  assert.equal(first.has_more, true);
  // Between the calls, through the other instance: a page already returned moves to the
  // end of the order, and a new page that sorts last appears. The snapshot taken by the
  // first call (kept in PostgreSQL) neither repeats the one nor adds the other; a fresh
  // evaluation on the second instance would do both.
  await v5(b).pages.update({ page_id: made[6], properties: { N: { number: -1 } } });
  await v5(b).pages.create({
    parent: { data_source_id: db.dataSourceId }, properties: { Name: { title: text('late') }, N: { number: -5 } },
  });
  const second = await v5(b).dataSources.query({
    data_source_id: db.dataSourceId, sorts, page_size: 3, start_cursor: first.next_cursor,
  });
  const third = await v5(a).dataSources.query({
    data_source_id: db.dataSourceId, sorts, page_size: 3, start_cursor: second.next_cursor,
  });
  assert.equal(third.has_more, false);
  const ids = [...first.results, ...second.results, ...third.results].map((p) => p.id);
  assert.deepEqual(ids, [...made].reverse());
});

test('concurrent PATCHes of different properties of one page through both instances all persist', { skip: SKIP },
  async () => {
    const root = await createRootPage(v5(a), 'Concurrent root');
    const props = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`P${i}`, { number: {} }]));
    const db = await createDatabase(v5(a), 'v5', root.id, 'Wide', { Name: { title: {} }, ...props });
    const page = await v5(a).pages.create({
      parent: { data_source_id: db.dataSourceId }, properties: { Name: { title: text('wide') } },
    });
    for (let round = 1; round <= 3; round += 1) {
      await Promise.all(Array.from({ length: 8 }, (_, i) => v5(i % 2 ? a : b).pages.update({
        page_id: page.id, properties: { [`P${i}`]: { number: round * 100 + i } },
      })));
      const got = await v5(lb).pages.retrieve({ page_id: page.id });
      for (let i = 0; i < 8; i += 1) assert.equal(got.properties[`P${i}`].number, round * 100 + i, `round ${round} P${i}`);
    }
  });

const RATE_LIMITED = {
  status: 429, code: 'rate_limited', message: 'You have been rate limited. Please try again in a few minutes.',
};

// Awaits an SDK call that must fail; answers the APIResponseError.
async function sdkError(promise) {
  try {
    const value = await promise;
    assert.fail(`expected an error, the call answered ${JSON.stringify(value).slice(0, 300)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    assert.ok(APIResponseError.isAPIResponseError(e), `expected an APIResponseError, got ${e && e.name}: ${e && e.message}`);
    return e;
  }
}

test('a rate limit set through one instance holds across both: N a minute in all, not N per instance',
  { skip: SKIP }, async () => {
    const set = await adminCall(a, ADMIN, 'POST', 'rate_limit', { limit: '4/min' });
    assert.deepEqual(set, { status: 200, body: { object: 'rate_limit', limit: '4/min' } });
    try {
      assert.deepEqual((await adminCall(b, ADMIN, 'GET', 'rate_limit')).body, { object: 'rate_limit', limit: '4/min' });
      // Four requests, alternating between the instances, spend the integration's window.
      for (const srv of [a, b, a, b]) assert.equal((await v5(srv, { retry: false }).users.me({})).type, 'bot');
      // The fifth is refused whichever way it comes: directly to either, or through nginx.
      for (const srv of [a, b, lb]) {
        const e = await sdkError(v5(srv, { retry: false }).users.me({}));
        assert.deepEqual({ status: e.status, code: e.code, message: e.message }, RATE_LIMITED);
        const wait = e.headers.get('retry-after');
        assert.match(wait, /^[1-9][0-9]*$/, 'Retry-After is an integer number of seconds');
        assert.ok(Number(wait) <= 60, `the window resets within 60 s, Retry-After was ${wait}`);
        assert.deepEqual(e.additional_data, { rate_limit_reason: 'public_api_request_rate_limit', retry_after: wait });
        const body = JSON.parse(e.body);
        assert.deepEqual(Object.keys(body), ['object', 'status', 'code', 'message', 'request_id', 'additional_data']);
        assert.deepEqual({ object: body.object, status: body.status }, { object: 'error', status: 429 });
      }
      const res = await raw(b, { path: '/v1/users/me' });
      expectRawError(res, RATE_LIMITED);
      assert.equal(res.headers['retry-after'], res.json.additional_data.retry_after);
    } finally {
      // Lifted through the other instance: both serve at once again.
      const off = await adminCall(b, ADMIN, 'POST', 'rate_limit', { limit: 'off' });
      assert.deepEqual(off.body, { object: 'rate_limit', limit: 'off' });
    }
    assert.deepEqual((await adminCall(a, ADMIN, 'GET', 'rate_limit')).body, { object: 'rate_limit', limit: 'off' });
    for (const srv of [a, b, a]) assert.equal((await v5(srv, { retry: false }).users.me({})).type, 'bot');
  });

test('a limit set through one instance applies at once to a created workspace served by the other',
  { skip: SKIP }, async () => {
    const created = await adminCall(a, ADMIN, 'POST', 'workspaces', { name: 'Limited workers' });
    assert.equal(created.status, 200);
    const worker = { baseUrl: b.baseUrl, token: created.body.token };
    // b serves the workspace before the limit is set, so it has read the limit ("off") for its store.
    for (let i = 0; i < 3; i += 1) assert.equal((await v5(worker, { retry: false }).users.me({})).type, 'bot');
    assert.equal((await adminCall(a, ADMIN, 'POST', 'rate_limit', { limit: '2/min' })).status, 200);
    try {
      assert.equal((await v5(worker, { retry: false }).users.me({})).type, 'bot');
      assert.equal((await v5({ baseUrl: a.baseUrl, token: created.body.token }, { retry: false }).users.me({})).type, 'bot');
      const e = await sdkError(v5(worker, { retry: false }).users.me({}));
      assert.deepEqual({ status: e.status, code: e.code, message: e.message }, RATE_LIMITED);
      // The default workspace's integration has a budget of its own.
      assert.equal((await v5(b, { retry: false }).users.me({})).type, 'bot');
    } finally {
      assert.equal((await adminCall(a, ADMIN, 'POST', 'rate_limit', { limit: 'off' })).status, 200);
    }
    assert.equal((await v5(worker, { retry: false }).users.me({})).type, 'bot');
    assert.equal((await adminCall(a, ADMIN, 'DELETE', `workspaces/${created.body.id}`)).status, 200);
  });

test('a fault set through one instance fires on the other; a counted one is used up once across both',
  { skip: SKIP }, async () => {
    const added = await adminCall(a, ADMIN, 'POST', 'faults', { method: 'GET', path: '/v1/users/me', status: 503, count: 2 });
    assert.equal(added.status, 200);
    const listed = await adminCall(b, ADMIN, 'GET', 'faults');
    assert.deepEqual(listed.body.results.map((f) => [f.id, f.status, f.code, f.count]), [[added.body.id, 503, 'service_unavailable', 2]]);
    const unavailable = {
      status: 503, code: 'service_unavailable', message: 'Notion is unavailable, please try again later.',
    };
    for (const srv of [b, a]) {
      const e = await sdkError(v5(srv, { retry: false }).users.me({}));
      assert.deepEqual({ status: e.status, code: e.code, message: e.message }, unavailable);
    }
    // Two uses in all: the third request, through either instance, is served.
    assert.equal((await v5(b, { retry: false }).users.me({})).type, 'bot');
    assert.equal((await v5(a, { retry: false }).users.me({})).type, 'bot');
    assert.deepEqual((await adminCall(a, ADMIN, 'GET', 'faults')).body, { object: 'list', results: [] });

    // An unlimited fault set on b fires on a until it is removed through b.
    const conflict = await adminCall(b, ADMIN, 'POST', 'faults', { path: '/v1/users/me', status: 409 });
    const e = await sdkError(v5(a, { retry: false }).users.me({}));
    assert.deepEqual([e.status, e.code], [409, 'conflict_error']);
    const removed = await adminCall(b, ADMIN, 'DELETE', `faults/${conflict.body.id}`);
    assert.deepEqual(removed.body, { object: 'fault', id: conflict.body.id, deleted: true });
    assert.equal((await v5(a, { retry: false }).users.me({})).type, 'bot');
    const gone = await adminCall(a, ADMIN, 'DELETE', `faults/${conflict.body.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.message, `Could not find fault with ID: ${conflict.body.id}.`);
  });

// The log of `srv` until it lists what `want` accepts (another instance writes its
// entries a moment after its answer, docs/compat.md), at most 3 s.
async function logUntil(srv, query, want) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const { body } = await adminCall(srv, ADMIN, 'GET', `requests${query}`);
    if (want(body.results) || Date.now() > deadline) return body.results;
    await sleep(20);
  }
}

test('the request log of either instance lists the requests of both; DELETE through one clears both',
  { skip: SKIP }, async () => {
    assert.deepEqual(await adminCall(b, ADMIN, 'DELETE', 'requests'), { status: 200, body: { status: 'cleared' } });
    const root = await createRootPage(v5(a), 'Logged root');
    await v5(b).pages.retrieve({ page_id: root.id });
    await v5(lb).pages.retrieve({ page_id: root.id });
    // Each instance lists its own request at once; the other's within moments.
    const path = `/v1/pages/${root.id}`;
    const onA = await logUntil(a, `?path=${path}`, (r) => r.length === 2);
    const onB = await logUntil(b, `?path=${path}`, (r) => r.length === 2);
    for (const results of [onA, onB]) {
      assert.deepEqual(results.map((e) => [e.method, e.path, e.status]), [['GET', path, 200], ['GET', path, 200]]);
      assert.equal(JSON.parse(results[0].response_body).id, root.id);
    }
    assert.deepEqual(onA, onB);
    const created = await logUntil(b, '?path=/v1/pages', (r) => r.length === 1);
    assert.deepEqual(created.map((e) => [e.method, e.status, e.integration && e.integration.name]),
      [['POST', 200, (await v5(a).users.me({})).name]]);
    assert.equal(JSON.parse(created[0].response_body).id, root.id);

    assert.deepEqual(await adminCall(a, ADMIN, 'DELETE', 'requests'), { status: 200, body: { status: 'cleared' } });
    assert.deepEqual((await adminCall(b, ADMIN, 'GET', 'requests')).body, { object: 'list', results: [] });
  });

// Creates pages through nginx until stop(), recording every acknowledged one.
async function writer(client, dataSourceId, tag, acked, stop) {
  let failures = 0;
  for (let i = 0; !stop(); i += 1) {
    try {
      const page = await client.pages.create({
        parent: { data_source_id: dataSourceId },
        properties: { Name: { title: text(`${tag}-${i}`) } },
      });
      acked.set(page.id, `${tag}-${i}`);
    } catch (e) {
      failures += 1;
      await sleep(20);
    }
  }
  return failures;
}

async function allTitles(client, dataSourceId) {
  const titles = new Map();
  let cursor;
  do {
    const res = await client.dataSources.query({ data_source_id: dataSourceId, start_cursor: cursor, page_size: 100 });
    for (const p of res.results) titles.set(p.id, plain(p.properties.Name.title));
    cursor = res.has_more ? res.next_cursor : undefined;
  } while (cursor);
  return titles;
}

test('kill -9 of one instance under SDK write load: nothing acknowledged is lost, the other serves on',
  { skip: SKIP }, async () => {
    const root = await createRootPage(v5(lb), 'Kill root');
    const db = await createDatabase(v5(lb), 'v5', root.id, 'Acked', { Name: { title: {} } });
    const acked = new Map();
    let stop = false;
    const writers = Array.from({ length: 4 }, (_, k) => writer(v5(lb), db.dataSourceId, `w${k}`, acked, () => stop));
    await sleep(600);
    const before = acked.size;
    const res = await a.kill9();
    assert.equal(res.signal, 'SIGKILL');
    await sleep(800);
    stop = true;
    await Promise.all(writers);
    assert.ok(acked.size > before, `writes went on through the survivor (${before} before the kill, ${acked.size} after)`);
    const titles = await allTitles(v5(b), db.dataSourceId);
    for (const [id, title] of acked) assert.equal(titles.get(id), title, `acknowledged page ${title} is lost`);
    await a.restart();
    const again = await allTitles(v5(a), db.dataSourceId);
    assert.equal(again.size, titles.size);
  });

test('PostgreSQL stopped under load: 503 service_unavailable while down, then service again without a restart',
  { skip: SKIP }, async () => {
    const root = await createRootPage(v5(lb), 'Outage root');
    const db = await createDatabase(v5(lb), 'v5', root.id, 'Outage', { Name: { title: {} } });
    const acked = new Map();
    let stop = false;
    const writers = Array.from({ length: 3 }, (_, k) => writer(v5(lb), db.dataSourceId, `o${k}`, acked, () => stop));
    await sleep(500);
    pg.stop();
    try {
      // Through each instance directly: a Notion 503, quickly, for reads and writes.
      for (const srv of [a, b]) {
        const started = Date.now();
        const read = await raw(srv, { method: 'GET', path: `/v1/pages/${root.id}` });
        const write = await raw(srv, {
          method: 'PATCH', path: `/v1/pages/${root.id}`, body: { properties: { title: { title: text('down') } } },
        });
        assert.ok(Date.now() - started < 10000, 'answered without hanging');
        for (const r of [read, write]) {
          assert.equal(r.status, 503);
          assert.equal(r.json.code, 'service_unavailable');
          assert.equal(r.json.message, 'Notion is unavailable, please try again later.');
        }
      }
    } finally {
      pg.start();
    }
    await sleep(500);
    stop = true;
    await Promise.all(writers);
    // Both instances serve again, without a restart, and every acknowledged write is there.
    for (const srv of [a, b]) {
      const page = await v5(srv).pages.retrieve({ page_id: root.id });
      assert.equal(plain(page.properties.title.title), 'Outage root');
      assert.ok(a.child && b.child, 'neither instance exited');
    }
    const titles = await allTitles(v5(lb), db.dataSourceId);
    for (const [id, title] of acked) assert.equal(titles.get(id), title, `acknowledged page ${title} is lost`);
  });
