'use strict';
// Sharding by workspace (issue 10, docs/storage.md "Shards", docs/scaling.md): two real
// PostgreSQL 15 servers stand for two clusters. Two localnotion instances share one catalog
// (a schema of the first cluster, --db) and are given both clusters as --shard, in
// opposite orders. Workspaces created through the admin API of either instance land on
// both clusters, each in the database its logical shard maps to (checked with psql on
// each cluster); each is served correctly through either instance with the official
// SDK, and ids of one workspace are 404 in another. An instance not given every database
// of the catalog's shard map refuses to start. `localnotion workspace create` places a
// workspace by the same map; without --db, instances given the shards in any order share
// the catalog in the shard first in key order.
//
// Two servers rather than two databases of one server: that is what a cluster is (its own
// process, port and data directory), and lib/postgres.js starts one in about a second.
//
// Runs in the PostgreSQL pass only (LOCALNOTION_DB=postgres): shards are PostgreSQL
// databases, and a SQLite run has no second cluster to spread workspaces over.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, runCli, usePostgres } = require('../lib/server');
const { ensurePostgres, freshStoreUrl, startPostgres } = require('../lib/postgres');
const { v5, adminCall, expectApiError, notFound } = require('../lib/clients');
const { text, createRootPage, createDatabase, createPageIn } = require('../lib/fixtures');

const SKIP = !usePostgres() &&
  'shards are PostgreSQL databases: runs in the PostgreSQL pass (LOCALNOTION_DB=postgres, make e2e-postgres)';
const ADMIN = 'admin_shards_e2e_0123456789abcdef';
const TOKEN = 'secret_shards_e2e_0123456789abcdef';
const LOGICAL = 480;

let pg1; let pg2; let catalogUrl; let a; let b;
const ws = []; // { id, token, logical, database, cluster, via }

// storage/shard_map.cc: FNV-1a 64 of the workspace id, modulo the logical shards.
function logicalShardOf(id) {
  let h = 14695981039346656037n;
  for (const c of Buffer.from(id)) h = ((h ^ BigInt(c)) * 1099511628211n) & 0xffffffffffffffffn;
  return Number(h % BigInt(LOGICAL));
}
const keyOf = (pg) => `127.0.0.1:${pg.port}/postgres`;
const schemaOf = (id) => `ws_${id.replaceAll('-', '')}`;
const workspaceSchemas = (pg) => pg.psql("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'ws\\_%' ORDER BY 1")
  .split('\n').filter(Boolean);

before(async () => {
  if (SKIP) return;
  pg1 = await ensurePostgres();
  pg2 = await startPostgres();
  catalogUrl = await freshStoreUrl();
  a = await startServer({ dbUrl: catalogUrl, token: TOKEN,
    extraArgs: ['--admin-token', ADMIN, '--shard', pg1.url, '--shard', pg2.url] });
  b = await startServer({ dbUrl: catalogUrl, token: TOKEN,
    extraArgs: ['--admin-token', ADMIN, '--shard', pg2.url, '--shard', pg1.url] });
});

after(async () => {
  for (const s of [a, b]) if (s) { await s.stop().catch(() => {}); await s.dispose(); }
  if (pg2) { try { pg2.stop(); } catch { /* already stopped */ } }
});

test('both instances print the shard map they serve', { skip: SKIP }, () => {
  for (const s of [a, b]) assert.ok(s.stdout.includes('localnotion shards: 480 logical shards over 2 databases'), s.logTail());
});

test('workspaces created through either instance land on both clusters, by logical shard', { skip: SKIP }, async () => {
  // Logical shard i lives on the i-th database modulo 2, in key order (storage/shard_map.h).
  const keys = [keyOf(pg1), keyOf(pg2)].sort();
  const clusterOf = { [keyOf(pg1)]: pg1, [keyOf(pg2)]: pg2 };
  // Until both clusters hold two: the ids are random, so the count is not fixed, but 40
  // creations leave one cluster with fewer than two with a probability below 1e-10.
  const count = () => keys.map((k) => ws.filter((w) => w.database === k).length);
  for (let i = 0; i < 40 && Math.min(...count()) < 2; i += 1) {
    const via = i % 2 === 0 ? a : b;
    const res = await adminCall(via, ADMIN, 'POST', 'workspaces', { name: `Shard worker ${i}` });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const logical = logicalShardOf(res.body.id);
    assert.deepEqual(res.body.shard, { logical, database: keys[logical % 2] });
    ws.push({ id: res.body.id, name: res.body.name, token: res.body.token, logical, database: res.body.shard.database,
      cluster: clusterOf[res.body.shard.database], via });
  }
  assert.ok(Math.min(...count()) >= 2, `workspaces per database: ${count()}`);
  // Each cluster holds exactly the schemas of its workspaces, and nothing of the others.
  for (const pg of [pg1, pg2]) {
    assert.deepEqual(workspaceSchemas(pg), ws.filter((w) => w.cluster === pg).map((w) => schemaOf(w.id)).sort());
  }
  // Either instance describes a workspace made through the other with the same shard.
  for (const w of ws) {
    for (const s of [a, b]) {
      const got = await adminCall(s, ADMIN, 'GET', `workspaces/${w.id}`);
      assert.equal(got.status, 200);
      assert.deepEqual(got.body.shard, { logical: w.logical, database: w.database });
    }
  }
});

test('each workspace is served correctly through either instance, its rows in its cluster', { skip: SKIP }, async () => {
  for (const [i, w] of ws.entries()) {
    const [write, read] = i % 2 === 0 ? [a, b] : [b, a];
    const client = v5(write, { auth: w.token });
    w.root = await createRootPage(client, `Root ${i}`);
    w.db = await createDatabase(client, 'v5', w.root.id, `Tasks ${i}`, { Name: { title: {} }, Done: { checkbox: {} } });
    w.pages = [];
    for (let k = 0; k < 3; k += 1) {
      w.pages.push(await createPageIn(client, 'v5', w.db, { Name: { title: text(`Task ${i}.${k}`) }, Done: { checkbox: k === 1 } }));
    }
    const other = v5(read, { auth: w.token });
    const me = await other.users.me({});
    assert.equal(me.bot.workspace_id, w.id);
    assert.equal(me.bot.workspace_name, w.name);
    const done = await other.dataSources.query({ data_source_id: w.db.dataSourceId, filter: { property: 'Done', checkbox: { equals: true } } });
    assert.deepEqual(done.results.map((p) => p.id), [w.pages[1].id]);
    const all = await other.search({});
    assert.equal(all.results.length, 1 + 1 + 3); // the root page, the database, its pages
    await other.pages.update({ page_id: w.pages[0].id, properties: { Done: { checkbox: true } } });
    assert.equal((await client.pages.retrieve({ page_id: w.pages[0].id })).properties.Done.checkbox, true);
    // The rows are in the workspace's cluster, and its schema is not in the other one.
    assert.equal(w.cluster.psql(`SELECT count(*) FROM ${schemaOf(w.id)}.pages`).trim(), '4');
    const elsewhere = w.cluster === pg1 ? pg2 : pg1;
    assert.ok(!workspaceSchemas(elsewhere).includes(schemaOf(w.id)));
  }
  // The default workspace stays in the catalog's store and sees none of it.
  assert.equal((await v5(a, { auth: TOKEN }).search({})).results.length, 0);
});

test('ids of a workspace on one cluster are 404 in a workspace on the other, through both instances', { skip: SKIP }, async () => {
  const x = ws.find((w) => w.cluster === pg1);
  const y = ws.find((w) => w.cluster === pg2);
  for (const s of [a, b]) {
    for (const [from, of] of [[x, y], [y, x]]) {
      const client = v5(s, { auth: from.token });
      await expectApiError(client.pages.retrieve({ page_id: of.pages[0].id }), notFound('page', of.pages[0].id));
      await expectApiError(client.dataSources.query({ data_source_id: of.db.dataSourceId }),
        notFound('data source', of.db.dataSourceId));
      await expectApiError(client.blocks.children.list({ block_id: of.root.id }), notFound('block', of.root.id));
    }
  }
});

test('an instance not given every database of the catalog\'s shard map refuses to start', { skip: SKIP }, async () => {
  const missing = await runCli(['serve', '--port', '0', '--db', catalogUrl, '--shard', pg1.url]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, new RegExp(`localnotion: the catalog's shard map places logical shards on the database ${keyOf(pg2)}, which no --shard names; give every database of the map`));
  const extra = await runCli(['serve', '--port', '0', '--db', catalogUrl, '--shard', pg1.url, '--shard', pg2.url,
    '--shard', `${pg2.url.replace(/\/postgres$/, '/template1')}`]);
  assert.equal(extra.code, 1);
  assert.match(extra.stderr, new RegExp(`the database 127\\.0\\.0\\.1:${pg2.port}/template1 holds no logical shard of this catalog's shard map`));
});

test('localnotion workspace create with --shard places the workspace by the same map; a server serves it', { skip: SKIP }, async () => {
  const made = await runCli(['workspace', 'create', '--name', 'From the CLI', '--db', catalogUrl,
    '--shard', pg2.url, '--shard', pg1.url]);
  assert.equal(made.code, 0, made.stderr);
  const [, id] = made.stdout.match(/^id: (\S+)$/m);
  const [, token] = made.stdout.match(/^token: (\S+)$/m);
  const logical = logicalShardOf(id);
  const home = [keyOf(pg1), keyOf(pg2)].sort()[logical % 2] === keyOf(pg1) ? pg1 : pg2;
  assert.ok(workspaceSchemas(home).includes(schemaOf(id)));
  assert.ok(!workspaceSchemas(home === pg1 ? pg2 : pg1).includes(schemaOf(id)));
  for (const s of [a, b]) {
    const me = await v5(s, { auth: token }).users.me({});
    assert.deepEqual([me.bot.workspace_id, me.bot.workspace_name], [id, 'From the CLI']);
  }
});

test('without --db, instances given the shards in different orders share one catalog', { skip: SKIP }, async () => {
  const c = await startServer({ token: TOKEN, noDb: true, extraArgs: ['--admin-token', ADMIN, '--shard', pg2.url, '--shard', pg1.url] });
  const d = await startServer({ token: TOKEN, noDb: true, extraArgs: ['--admin-token', ADMIN, '--shard', pg1.url, '--shard', pg2.url] });
  try {
    // Both print the same catalog: the shard first in key order.
    const first = [pg1, pg2].sort((x, y) => (keyOf(x) < keyOf(y) ? -1 : 1))[0];
    for (const s of [c, d]) assert.ok(s.stdout.includes(`localnotion database: ${first.url}`), s.logTail());
    const res = await adminCall(c, ADMIN, 'POST', 'workspaces', { name: 'Shared catalog' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const page = await createRootPage(v5(c, { auth: res.body.token }), 'Through c');
    const seen = await v5(d, { auth: res.body.token }).pages.retrieve({ page_id: page.id });
    assert.equal(seen.properties.title.title[0].plain_text, 'Through c');
  } finally {
    for (const s of [c, d]) { await s.stop().catch(() => {}); await s.dispose(); }
  }
});
