'use strict';
// With both SDKs: a date with time_zone is stored with the zone's offset and comes back
// with time_zone null; people naming an unknown user are refused; POST /v1/data_sources
// (5.x dataSources.create) adds a second data source, after which 2022-06-28
// database-level calls answer 400 as Notion does.
const crypto = require('node:crypto');
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, expectApiError } = require('../lib/clients');
const { UUID_RE } = require('../lib/schema');
const {
  text, plain, createRootPage, createDatabase, createPageIn, expectedDbParent,
} = require('../lib/fixtures');

let srv; const clients = {}; let owner; let me;
before(async () => {
  srv = await startServer();
  clients.v5 = v5(srv);
  clients.v2 = v2(srv);
  me = await clients.v5.users.me({});
  owner = (await clients.v5.users.list({})).results.find((u) => u.type === 'person');
  assert.ok(owner, 'the store has a person user');
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

async function world(version) {
  const client = clients[version];
  const root = await createRootPage(client, `Misc ${version}`);
  const db = await createDatabase(client, version, root.id, 'Events', {
    Name: { title: {} }, When: { date: {} }, Who: { people: {} },
  });
  const item = (name, props = {}) => createPageIn(client, version, db, { Name: { title: text(name) }, ...props });
  const patch = (page_id, properties) => client.pages.update({ page_id, properties });
  return { client, root, db, item, patch };
}

const KOLKATA = 'Asia/Kolkata';
for (const version of ['v5', 'v2']) {
  test(`${version}: date with time_zone: the zone's offset is applied to start and end; time_zone comes back null`, async () => {
    const w = await world(version);
    const p = await w.item('winter', { When: { date: { start: '2024-03-01T10:30:00', time_zone: 'America/New_York' } } });
    assert.deepEqual(p.properties.When.date, { start: '2024-03-01T10:30:00.000-05:00', end: null, time_zone: null });

    const r = await w.patch(p.id, {
      When: { date: { start: '2024-07-01T10:30:00', end: '2024-07-01T12:00:00.250', time_zone: 'Europe/Paris' } },
    });
    assert.deepEqual(r.properties.When.date, {
      start: '2024-07-01T10:30:00.000+02:00', end: '2024-07-01T12:00:00.250+02:00', time_zone: null,
    });
    assert.equal(Date.parse(r.properties.When.date.start), Date.parse('2024-07-01T08:30:00Z'));

    // DST boundary inside one value: New York is -05:00 before 2024-03-10 02:00, -04:00 after.
    const r2 = await w.patch(p.id, {
      When: { date: { start: '2024-03-09T23:00:00', end: '2024-03-10T12:00:00', time_zone: 'America/New_York' } },
    });
    assert.deepEqual(r2.properties.When.date, {
      start: '2024-03-09T23:00:00.000-05:00', end: '2024-03-10T12:00:00.000-04:00', time_zone: null,
    });

    const r3 = await w.patch(p.id, { When: { date: { start: '2024-01-15T09:00:00', time_zone: KOLKATA } } });
    assert.deepEqual(r3.properties.When.date, { start: '2024-01-15T09:00:00.000+05:30', end: null, time_zone: null });
    const r4 = await w.patch(p.id, { When: { date: { start: '2024-01-15T09:00:00', time_zone: 'UTC' } } });
    assert.deepEqual(r4.properties.When.date, { start: '2024-01-15T09:00:00.000+00:00', end: null, time_zone: null });

    const g = await w.client.pages.retrieve({ page_id: p.id });
    assert.deepEqual(g.properties.When.date, r4.properties.When.date);
  });

  test(`${version}: date with time_zone: an offset beside it, or an unknown zone, is refused`, async () => {
    const w = await world(version);
    const p = await w.item('bad dates');
    await expectApiError(w.patch(p.id, { When: { date: { start: '2024-03-01T10:30:00Z', time_zone: 'America/New_York' } } }), {
      status: 400, code: 'validation_error',
      message: 'body failed validation: body.properties.When.date.start should be a date-time without a UTC offset when time_zone is given, instead was `"2024-03-01T10:30:00Z"`.',
    });
    await expectApiError(w.patch(p.id, { When: { date: { start: '2024-03-01T10:30:00', time_zone: 'Mars/Base' } } }), {
      status: 400, code: 'validation_error',
      message: 'body failed validation: body.properties.When.date.time_zone should be a valid IANA time zone, instead was `"Mars/Base"`.',
    });
    const g = await w.client.pages.retrieve({ page_id: p.id });
    assert.equal(g.properties.When.date, null);
  });

  test(`${version}: people with an unknown user id: 400 Could not find user with ID; nothing written`, async () => {
    const w = await world(version);
    const ghost = crypto.randomUUID();
    const p = await w.item('people', { Who: { people: [{ id: owner.id }] } });
    assert.deepEqual(p.properties.Who.people.map((u) => u.id), [owner.id]);
    await expectApiError(w.patch(p.id, { Who: { people: [{ object: 'user', id: me.id }, { object: 'user', id: ghost }] } }), {
      status: 400, code: 'validation_error', message: `Could not find user with ID: ${ghost}.`,
    });
    const g = await w.client.pages.retrieve({ page_id: p.id });
    assert.deepEqual(g.properties.Who.people.map((u) => u.id), [owner.id]);
    await expectApiError(w.item('ghostly', { Who: { people: [{ id: ghost }] } }), {
      status: 400, code: 'validation_error', message: `Could not find user with ID: ${ghost}.`,
    });
    // A page id is not a user either.
    await expectApiError(w.patch(p.id, { Who: { people: [{ id: p.id }] } }), {
      status: 400, code: 'validation_error', message: `Could not find user with ID: ${p.id}.`,
    });
  });
}

const SEVERAL = 'Databases with multiple data sources are not supported in this API version.';

test('POST /v1/data_sources adds a data source; 2022-06-28 database-level calls then answer 400', async () => {
  const n5 = clients.v5; const n2 = clients.v2;
  const root = await createRootPage(n5, 'Multi root');
  const db = await createDatabase(n5, 'v5', root.id, 'Multi', { Name: { title: {} }, Qty: { number: {} } });
  // One data source: 2.x sees the database with its properties.
  const before1 = await n2.databases.retrieve({ database_id: db.databaseId });
  assert.deepEqual(Object.keys(before1.properties).sort(), ['Name', 'Qty']);

  const ds2 = await n5.dataSources.create({
    parent: { type: 'database_id', database_id: db.databaseId },
    title: text('Second source'),
    properties: { Title: { title: {} }, Done: { checkbox: {} } },
  });
  assert.equal(ds2.object, 'data_source');
  assert.match(ds2.id, UUID_RE);
  assert.notEqual(ds2.id, db.dataSourceId);
  assert.deepEqual(ds2.parent, { type: 'database_id', database_id: db.databaseId });
  assert.deepEqual(ds2.database_parent, { type: 'page_id', page_id: root.id });
  assert.equal(plain(ds2.title), 'Second source');
  assert.deepEqual(Object.keys(ds2.properties).sort(), ['Done', 'Title']);
  assert.equal(ds2.properties.Title.id, 'title');
  assert.equal(ds2.properties.Done.type, 'checkbox');

  const g = await n5.dataSources.retrieve({ data_source_id: ds2.id });
  assert.deepEqual(g.properties, ds2.properties);
  const whole = await n5.databases.retrieve({ database_id: db.databaseId });
  assert.deepEqual(whole.data_sources, [{ id: db.dataSourceId, name: 'Multi' }, { id: ds2.id, name: 'Second source' }]);

  // Pages go into either source with 5.x.
  const p = await n5.pages.create({
    parent: { data_source_id: ds2.id }, properties: { Title: { title: text('in second') }, Done: { checkbox: true } },
  });
  assert.deepEqual(p.parent, expectedDbParent('v5', { dataSourceId: ds2.id, databaseId: db.databaseId }));
  assert.deepEqual(Object.keys(p.properties).sort(), ['Done', 'Title']);
  const q = await createPageIn(n5, 'v5', db, { Name: { title: text('in first') }, Qty: { number: 2 } });
  assert.equal(q.parent.data_source_id, db.dataSourceId);

  // 2022-06-28: database-level calls refuse a database with several data sources.
  const err = { status: 400, code: 'validation_error', message: SEVERAL };
  await expectApiError(n2.databases.retrieve({ database_id: db.databaseId }), err);
  await expectApiError(n2.databases.update({ database_id: db.databaseId, title: text('renamed') }), err);
  await expectApiError(n2.databases.update({ database_id: db.databaseId, properties: { Extra: { number: {} } } }), err);
  await expectApiError(n2.pages.create({
    parent: { database_id: db.databaseId }, properties: { Name: { title: text('via v2') } },
  }), err);
  // Nothing changed through the refused calls.
  const after1 = await n5.databases.retrieve({ database_id: db.databaseId });
  assert.equal(plain(after1.title), 'Multi');
  const first = await n5.dataSources.retrieve({ data_source_id: db.dataSourceId });
  assert.deepEqual(Object.keys(first.properties).sort(), ['Name', 'Qty']);
});
