'use strict';
// Durability and concurrency: values survive SIGTERM + restart and kill -9 right after
// the 200; concurrent PATCHes of different properties of one page all persist.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2 } = require('../lib/clients');
const { text, plain, createRootPage, createDatabase, createPageIn } = require('../lib/fixtures');

const N = 20;
const many = () => {
  const props = { Name: { title: {} }, 'In stock': { checkbox: {} } };
  for (let i = 1; i <= N; i += 1) props[`P${i}`] = i % 2 ? { number: {} } : { rich_text: {} };
  return props;
};
const valueFor = (i, round) => (i % 2 ? { number: i * 1000 + round } : { rich_text: text(`v${i}-${round}`) });
const readBack = (page, i) => (i % 2 ? page.properties[`P${i}`].number : plain(page.properties[`P${i}`].rich_text));
const expected = (i, round) => (i % 2 ? i * 1000 + round : `v${i}-${round}`);

let srv; let n5; let root; let inv; let ids;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  root = await createRootPage(n5);
  inv = await createDatabase(n5, 'v5', root.id, 'Durable', many());
  ids = {};
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('values survive a SIGTERM stop and a restart on the same file', async () => {
  const p = await createPageIn(n5, 'v5', inv, { Name: { title: text('persist') } });
  const r = await n5.pages.update({ page_id: p.id, properties: { 'In stock': { checkbox: true }, P1: { number: 1.5 } } });
  assert.equal(r.properties['In stock'].checkbox, true);
  const exit = await srv.stop();
  assert.deepEqual(exit, { code: 0, signal: null }, `clean exit on SIGTERM, got ${JSON.stringify(exit)}`);
  await srv.restart();
  n5 = v5(srv);
  const g = await n5.pages.retrieve({ page_id: p.id });
  assert.equal(g.properties['In stock'].checkbox, true);
  assert.equal(g.properties.P1.number, 1.5);
  assert.equal(plain(g.properties.Name.title), 'persist');
  const g2 = await v2(srv).pages.retrieve({ page_id: p.id });
  assert.equal(g2.properties['In stock'].checkbox, true);
  ids.persist = p.id;
});

test('the same token still works after restart and the bot user is the same', async () => {
  const before = await n5.users.me({});
  await srv.restart();
  n5 = v5(srv);
  const after2 = await n5.users.me({});
  assert.equal(after2.id, before.id);
  const g = await n5.pages.retrieve({ page_id: ids.persist });
  assert.equal(g.last_edited_by.id, before.id);
});

test('kill -9 right after a 200, then restart: the write is there', async () => {
  const p = await createPageIn(n5, 'v5', inv, { Name: { title: text('kill9') } });
  const r = await n5.pages.update({ page_id: p.id, properties: { 'In stock': { checkbox: true }, P2: { rich_text: text('durable') } } });
  assert.equal(r.properties['In stock'].checkbox, true);
  const res = await srv.kill9();
  assert.equal(res.signal, 'SIGKILL');
  await srv.restart();
  n5 = v5(srv);
  const g = await n5.pages.retrieve({ page_id: p.id });
  assert.equal(g.properties['In stock'].checkbox, true);
  assert.equal(plain(g.properties.P2.rich_text), 'durable');
});

test('kill -9 right after the 200 of the seed PATCH from 2.x', async () => {
  const n2 = v2(srv);
  const p = await n2.pages.create({ parent: { database_id: inv.databaseId }, properties: { Name: { title: text('kill9 v2') } } });
  const r = await n2.pages.update({ page_id: p.id, properties: { 'In stock': { checkbox: true } } });
  assert.equal(r.properties['In stock'].checkbox, true);
  await srv.kill9();
  await srv.restart();
  n5 = v5(srv);
  assert.equal((await n5.pages.retrieve({ page_id: p.id })).properties['In stock'].checkbox, true);
});

test(`${N} concurrent PATCHes of different properties of one page all persist`, async () => {
  const p = await createPageIn(n5, 'v5', inv, { Name: { title: text('concurrent') } });
  for (let round = 1; round <= 3; round += 1) {
    const results = await Promise.all(Array.from({ length: N }, (_, k) => {
      const i = k + 1;
      return n5.pages.update({ page_id: p.id, properties: { [`P${i}`]: valueFor(i, round) } });
    }));
    results.forEach((r, k) => assert.equal(readBack(r, k + 1), expected(k + 1, round), `response of PATCH P${k + 1}`));
    const g = await n5.pages.retrieve({ page_id: p.id });
    for (let i = 1; i <= N; i += 1) assert.equal(readBack(g, i), expected(i, round), `round ${round}: P${i} lost`);
    assert.equal(plain(g.properties.Name.title), 'concurrent');
  }
  ids.concurrent = p.id;
});

test('concurrent PATCHes from both SDKs on several pages, then kill -9: nothing lost', async () => {
  const n2 = v2(srv);
  const pages = await Promise.all([1, 2, 3].map((j) => createPageIn(n5, 'v5', inv, { Name: { title: text(`c${j}`) } })));
  const calls = [];
  for (const p of pages) {
    for (let i = 1; i <= N; i += 1) {
      const client = i % 3 === 0 ? n2 : n5;
      calls.push(client.pages.update({ page_id: p.id, properties: { [`P${i}`]: valueFor(i, 7) } }));
    }
    calls.push(n5.pages.update({ page_id: p.id, properties: { 'In stock': { checkbox: true } } }));
  }
  const results = await Promise.all(calls);
  assert.equal(results.length, pages.length * (N + 1));
  await srv.kill9();
  await srv.restart();
  n5 = v5(srv);
  for (const p of pages) {
    const g = await n5.pages.retrieve({ page_id: p.id });
    for (let i = 1; i <= N; i += 1) assert.equal(readBack(g, i), expected(i, 7), `${p.id} P${i}`);
    assert.equal(g.properties['In stock'].checkbox, true);
  }
  const c = await n5.pages.retrieve({ page_id: ids.concurrent });
  for (let i = 1; i <= N; i += 1) assert.equal(readBack(c, i), expected(i, 3));
});

test('the same new select option sent by 20 parallel PATCHes is created once', async () => {
  const db = await createDatabase(n5, 'v5', root.id, 'Options', { Name: { title: {} }, Kind: { select: {} } });
  const pages = await Promise.all(Array.from({ length: N }, (_, i) => createPageIn(n5, 'v5', db, { Name: { title: text(`o${i}`) } })));
  const results = await Promise.all(pages.map((p) => n5.pages.update({ page_id: p.id, properties: { Kind: { select: { name: 'Brand new' } } } })));
  const optionIds = new Set(results.map((r) => r.properties.Kind.select.id));
  assert.equal(optionIds.size, 1, `one option id, got ${[...optionIds]}`);
  const ds = await n5.dataSources.retrieve({ data_source_id: db.dataSourceId });
  assert.deepEqual(ds.properties.Kind.select.options.map((o) => o.name), ['Brand new']);
});

test('SIGTERM while requests are in flight: every 200 answered is persisted', async () => {
  const p = await createPageIn(n5, 'v5', inv, { Name: { title: text('inflight') } });
  const client = v5(srv);
  const calls = Array.from({ length: N }, (_, k) => client.pages
    .update({ page_id: p.id, properties: { [`P${k + 1}`]: valueFor(k + 1, 9) } })
    .then((r) => ({ ok: true, r }), (e) => ({ ok: false, e })));
  await new Promise((r) => setImmediate(r));
  const stopping = srv.stop();
  const outcomes = await Promise.all(calls);
  const exit = await stopping;
  assert.equal(exit.code, 0, `clean exit, got ${JSON.stringify(exit)}`);
  await srv.restart();
  n5 = v5(srv);
  const g = await n5.pages.retrieve({ page_id: p.id });
  outcomes.forEach((o, k) => {
    if (o.ok) assert.equal(readBack(g, k + 1), expected(k + 1, 9), `P${k + 1} was answered 200 but is lost`);
  });
});
