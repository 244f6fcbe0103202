'use strict';
// Response shapes per Notion-Version (2022-06-28 from 2.x, 2025-09-03 from 5.x),
// ids in any form, GET page / database / data source.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, raw } = require('../lib/clients');
const { UUID_RE } = require('../lib/schema');
const { text, plain, undash, MINUTE_TS, buildWorld, createPageIn, TYPES } = require('../lib/fixtures');

const PAGE_KEYS = ['archived', 'cover', 'created_by', 'created_time', 'icon', 'id', 'in_trash', 'is_archived',
  'is_locked', 'last_edited_by', 'last_edited_time', 'object', 'parent', 'properties', 'public_url', 'url'];

let srv; let n5; let n2; let w; let item; let me;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  n2 = v2(srv);
  w = await buildWorld(n5, 'v5');
  item = await createPageIn(n5, 'v5', w.inventory, { Name: { title: text('Shape') }, Price: { number: 12 } });
  me = await n5.users.me({});
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('page object: exactly the documented keys and fixed values', async () => {
  const p = await n5.pages.retrieve({ page_id: item.id });
  const keys = Object.keys(p).filter((k) => k !== 'request_id').sort();
  assert.deepEqual(keys, PAGE_KEYS);
  assert.equal(p.object, 'page');
  assert.equal(p.is_locked, false);
  assert.equal(p.is_archived, false);
  assert.equal(p.public_url, null);
  assert.equal(p.cover, null);
  assert.equal(p.icon, null);
  assert.deepEqual(p.created_by, { object: 'user', id: me.id });
  assert.deepEqual(p.last_edited_by, { object: 'user', id: me.id });
  assert.match(p.created_time, MINUTE_TS);
  assert.match(p.last_edited_time, MINUTE_TS);
  assert.ok(Date.parse(p.last_edited_time) >= Date.parse(p.created_time));
  assert.ok(Math.abs(Date.now() - Date.parse(p.created_time)) < 10 * 60 * 1000, 'created just now');
  assert.equal(typeof p.url, 'string');
  assert.ok(p.url.includes(undash(p.id)), `url ${p.url} contains the undashed id`);
});

test('ids: undashed and upper-case accepted on GET and PATCH, returned dashed lower-case', async () => {
  const forms = [undash(item.id), item.id.toUpperCase(), undash(item.id).toUpperCase()];
  for (const f of forms) {
    const g = await n5.pages.retrieve({ page_id: f });
    assert.equal(g.id, item.id);
  }
  const r = await n5.pages.update({ page_id: undash(item.id).toUpperCase(), properties: { Price: { number: 13 } } });
  assert.equal(r.id, item.id);
  assert.equal(r.properties.Price.number, 13);
  const db = await n5.databases.retrieve({ database_id: undash(w.inventory.databaseId).toUpperCase() });
  assert.equal(db.id, w.inventory.databaseId);
  const ds = await n5.dataSources.retrieve({ data_source_id: w.inventory.dataSourceId.toUpperCase() });
  assert.equal(ds.id, w.inventory.dataSourceId);
  const u = await n5.users.retrieve({ user_id: undash(me.id).toUpperCase() });
  assert.equal(u.id, me.id);
  const p = await n5.pages.create({
    parent: { data_source_id: undash(w.inventory.dataSourceId).toUpperCase() },
    properties: { Name: { title: text('created with an odd id') } },
  });
  assert.equal(p.parent.data_source_id, w.inventory.dataSourceId);
  assert.equal(p.parent.database_id, w.inventory.databaseId);
  for (const id of [p.id, p.parent.data_source_id, p.parent.database_id, p.created_by.id]) assert.match(id, UUID_RE);
});

test('page parent by version: 2025-09-03 data_source_id + database_id, 2022-06-28 database_id', async () => {
  const a = await n5.pages.retrieve({ page_id: item.id });
  assert.deepEqual(a.parent, {
    type: 'data_source_id', data_source_id: w.inventory.dataSourceId, database_id: w.inventory.databaseId,
  });
  const b = await n2.pages.retrieve({ page_id: item.id });
  assert.deepEqual(b.parent, { type: 'database_id', database_id: w.inventory.databaseId });
  const c = await n2.pages.update({ page_id: item.id, properties: { Price: { number: 14 } } });
  assert.deepEqual(c.parent, { type: 'database_id', database_id: w.inventory.databaseId });
  // same page, same values, whatever the version
  const a2 = await n5.pages.retrieve({ page_id: item.id });
  assert.deepEqual(a2.properties, c.properties);
});

test('pages.create with a database_id parent from 2.x lands in the database data source', async () => {
  const p = await n2.pages.create({ parent: { database_id: w.inventory.databaseId }, properties: { Name: { title: text('via v2') } } });
  assert.deepEqual(p.parent, { type: 'database_id', database_id: w.inventory.databaseId });
  const g = await n5.pages.retrieve({ page_id: p.id });
  assert.equal(g.parent.data_source_id, w.inventory.dataSourceId);
  assert.deepEqual(Object.keys(g.properties).sort(), Object.keys(TYPES).sort());
});

test('pages.create with a database_id parent from 5.x: the page gets the data source parent', async () => {
  const p = await n5.pages.create({ parent: { database_id: w.inventory.databaseId }, properties: { Name: { title: text('via db id') } } });
  assert.deepEqual(p.parent, {
    type: 'data_source_id', data_source_id: w.inventory.dataSourceId, database_id: w.inventory.databaseId,
  });
});

test('GET database, 2025-09-03: the container with data_sources, no properties', async () => {
  const db = await n5.databases.retrieve({ database_id: w.inventory.databaseId });
  assert.equal(db.object, 'database');
  assert.equal(db.id, w.inventory.databaseId);
  assert.deepEqual(db.data_sources, [{ id: w.inventory.dataSourceId, name: 'Inventory' }]);
  assert.ok(!('properties' in db));
  assert.equal(plain(db.title), 'Inventory');
  assert.deepEqual(db.parent, { type: 'page_id', page_id: w.root.id });
  assert.equal(db.in_trash, false);
  assert.equal(db.is_inline, false);
});

test('GET database, 2022-06-28: properties with every configuration, no data_sources', async () => {
  const db = await n2.databases.retrieve({ database_id: w.inventory.databaseId });
  assert.equal(db.id, w.inventory.databaseId);
  assert.ok(!('data_sources' in db));
  assert.deepEqual(Object.keys(db.properties).sort(), Object.keys(TYPES).sort());
  for (const [name, type] of Object.entries(TYPES)) {
    assert.equal(db.properties[name].type, type, name);
    assert.equal(db.properties[name].name, name);
  }
  assert.deepEqual(db.properties.Price.number, { format: 'dollar' });
  assert.deepEqual(db.properties.Category.select.options.map((o) => [o.name, o.color]), [['Tools', 'blue'], ['Toys', 'red']]);
  assert.equal(db.properties.Supplier.relation.database_id, w.suppliers.databaseId);
  assert.equal(db.properties.Calc.formula.expression, 'prop("Price") * 2');
  assert.deepEqual(db.properties.Code.unique_id, { prefix: 'INV' });
  assert.deepEqual([db.archived, db.in_trash], [false, false]);
  assert.deepEqual(db.parent, { type: 'page_id', page_id: w.root.id });
});

test('GET data source (5.x): the schema, parent database', async () => {
  const ds = await n5.dataSources.retrieve({ data_source_id: w.inventory.dataSourceId });
  assert.equal(ds.object, 'data_source');
  assert.equal(ds.id, w.inventory.dataSourceId);
  assert.deepEqual(ds.parent, { type: 'database_id', database_id: w.inventory.databaseId });
  assert.deepEqual(ds.database_parent, { type: 'page_id', page_id: w.root.id });
  assert.deepEqual(Object.keys(ds.properties).sort(), Object.keys(TYPES).sort());
  assert.equal(ds.properties.Name.id, 'title');
  assert.deepEqual(ds.properties.Name.title, {});
  assert.equal(ds.properties.Supplier.relation.data_source_id, w.suppliers.dataSourceId);
  assert.equal(ds.properties.Supplier.relation.database_id, w.suppliers.databaseId);
  assert.deepEqual(ds.properties.Stage.status.groups.map((g) => g.name), ['To-do', 'In progress', 'Complete']);
  assert.equal(ds.properties.Count.rollup.function, 'count');
  assert.equal(ds.properties.Count.rollup.relation_property_name, 'Supplier');
  assert.equal(ds.properties.Count.rollup.relation_property_id, ds.properties.Supplier.id);
  assert.equal(ds.properties.Count.rollup.rollup_property_name, 'Name');
  assert.equal(ds.properties.Count.rollup.rollup_property_id, 'title'); // Suppliers.Name is the title
});

test('the data source id is not a database id and vice versa: 404', async () => {
  const msg = (kind, id) => `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`;
  const r = await raw(srv, { path: `/v1/data_sources/${w.inventory.databaseId}` });
  assert.deepEqual([r.status, r.json.code, r.json.message], [404, 'object_not_found', msg('data source', w.inventory.databaseId)]);
  const d = await raw(srv, { path: `/v1/databases/${w.inventory.dataSourceId}` });
  assert.deepEqual([d.status, d.json.code, d.json.message], [404, 'object_not_found', msg('database', w.inventory.dataSourceId)]);
});
