'use strict';
// select / multi_select option creation with both SDKs: an unknown name creates the
// option (color from Notion's list, cycling by option index as docs/compat.md decides),
// the option shows in the schema (GET data source in 2025-09-03, GET database in
// 2022-06-28) and is reused, by name and by id, on the next writes.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2 } = require('../lib/clients');
const {
  text, createRootPage, createDatabase, createPageIn, schemaOf,
} = require('../lib/fixtures');

// Notion's option colors, in the order docs/compat.md cycles them by option index.
const COLORS = ['default', 'gray', 'brown', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'red'];
const opt = (o) => ({ id: o.id, name: o.name, color: o.color });

let srv; const clients = {};
before(async () => {
  srv = await startServer();
  clients.v5 = v5(srv);
  clients.v2 = v2(srv);
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

async function world(version, title) {
  const client = clients[version];
  const root = await createRootPage(client, `Options ${version}`);
  const db = await createDatabase(client, version, root.id, title, {
    Name: { title: {} },
    Category: { select: { options: [{ name: 'Tools', color: 'blue' }, { name: 'Toys', color: 'red' }] } },
    Tags: { multi_select: { options: [{ name: 'new', color: 'green' }] } },
  });
  const item = (name, props = {}) => createPageIn(client, version, db, { Name: { title: text(name) }, ...props });
  const patch = (page_id, properties) => client.pages.update({ page_id, properties });
  return { client, db, item, patch };
}

for (const version of ['v5', 'v2']) {
  test(`${version}: select: an unknown name on create makes the option; schema shows it; reused by name and id`, async () => {
    const { client, db, item, patch } = await world(version, `Shop ${version}`);
    const before0 = await schemaOf(client, version, db);
    assert.deepEqual(before0.Category.select.options.map((o) => [o.name, o.color]), [['Tools', 'blue'], ['Toys', 'red']]);

    const p1 = await item('first', { Category: { select: { name: 'Gadgets' } } });
    const gadgets = p1.properties.Category.select;
    assert.equal(gadgets.name, 'Gadgets');
    assert.equal(typeof gadgets.id, 'string');
    assert.ok(gadgets.id.length > 0);
    assert.ok(COLORS.includes(gadgets.color), `color ${gadgets.color} is one of Notion's`);
    assert.equal(gadgets.color, COLORS[2], 'third option of the property: third color of the cycle');
    assert.deepEqual(Object.keys(gadgets).sort(), ['color', 'id', 'name']);

    const s1 = await schemaOf(client, version, db);
    assert.deepEqual(s1.Category.select.options.map(opt), [
      opt(before0.Category.select.options[0]), opt(before0.Category.select.options[1]), gadgets,
    ]);

    // The next write by name reuses the option (same id, same color), no duplicate.
    const p2 = await item('second');
    const r2 = await patch(p2.id, { Category: { select: { name: 'Gadgets' } } });
    assert.deepEqual(r2.properties.Category.select, gadgets);
    // ... and by id.
    const p3 = await item('third', { Category: { select: { id: gadgets.id } } });
    assert.deepEqual(p3.properties.Category.select, gadgets);
    const g3 = await client.pages.retrieve({ page_id: p3.id });
    assert.deepEqual(g3.properties.Category.select, gadgets);
    const s2 = await schemaOf(client, version, db);
    assert.deepEqual(s2.Category.select.options.map(opt), s1.Category.select.options.map(opt));

    // Another unknown name, through PATCH: the next color in the cycle.
    const r4 = await patch(p2.id, { Category: { select: { name: 'Widgets' } } });
    const widgets = r4.properties.Category.select;
    assert.deepEqual([widgets.name, widgets.color], ['Widgets', COLORS[3]]);
    assert.notEqual(widgets.id, gadgets.id);
    const s3 = await schemaOf(client, version, db);
    assert.deepEqual(s3.Category.select.options.map((o) => o.name), ['Tools', 'Toys', 'Gadgets', 'Widgets']);
    assert.deepEqual(opt(s3.Category.select.options[3]), widgets);
    // p1 still shows its option, unchanged.
    const g1 = await client.pages.retrieve({ page_id: p1.id });
    assert.deepEqual(g1.properties.Category.select, gadgets);
  });

  test(`${version}: select: a color given with a new name is kept; an existing name keeps its own`, async () => {
    const { client, db, item } = await world(version, `Colors ${version}`);
    const p = await item('colored', { Category: { select: { name: 'Plum', color: 'purple' } } });
    assert.deepEqual([p.properties.Category.select.name, p.properties.Category.select.color], ['Plum', 'purple']);
    const s = await schemaOf(client, version, db);
    assert.deepEqual(opt(s.Category.select.options.find((o) => o.name === 'Plum')), p.properties.Category.select);
    const q = await item('existing', { Category: { select: { name: 'Toys' } } });
    assert.deepEqual(q.properties.Category.select, opt(s.Category.select.options.find((o) => o.name === 'Toys')));
    assert.equal(q.properties.Category.select.color, 'red');
  });

  test(`${version}: multi_select: new names create options in order, existing ones are reused, schema shows them`, async () => {
    const { client, db, item, patch } = await world(version, `Tagged ${version}`);
    const s0 = await schemaOf(client, version, db);
    const fresh = s0.Tags.multi_select.options[0];
    assert.deepEqual([fresh.name, fresh.color], ['new', 'green']);

    const p = await item('tagged');
    const r = await patch(p.id, { Tags: { multi_select: [{ name: 'new' }, { name: 'hot' }, { name: 'cold' }] } });
    const [a, hot, cold] = r.properties.Tags.multi_select;
    assert.deepEqual(a, opt(fresh));
    assert.deepEqual([hot.name, hot.color], ['hot', COLORS[1]]);
    assert.deepEqual([cold.name, cold.color], ['cold', COLORS[2]]);
    assert.notEqual(hot.id, cold.id);

    const s1 = await schemaOf(client, version, db);
    assert.deepEqual(s1.Tags.multi_select.options.map(opt), [opt(fresh), hot, cold]);

    // Reused by id and by name on another page (created and patched).
    const q = await item('reuse', { Tags: { multi_select: [{ id: cold.id }, { name: 'hot' }] } });
    assert.deepEqual(q.properties.Tags.multi_select, [cold, hot]);
    const q2 = await patch(q.id, { Tags: { multi_select: [{ name: 'cold' }, { id: fresh.id }, { name: 'warm' }] } });
    const warm = q2.properties.Tags.multi_select[2];
    assert.deepEqual(q2.properties.Tags.multi_select.slice(0, 2), [cold, opt(fresh)]);
    assert.deepEqual([warm.name, warm.color], ['warm', COLORS[3]]);
    const s2 = await schemaOf(client, version, db);
    assert.deepEqual(s2.Tags.multi_select.options.map(opt), [opt(fresh), hot, cold, warm]);
    const g = await client.pages.retrieve({ page_id: p.id });
    assert.deepEqual(g.properties.Tags.multi_select, [opt(fresh), hot, cold]);
  });
}

test('an option created through 2.x is the same option seen through 5.x, and vice versa', async () => {
  const { db, item } = await world('v5', 'Cross');
  const n2 = clients.v2;
  const p = await item('cross');
  const viaV2 = await n2.pages.update({ page_id: p.id, properties: { Category: { select: { name: 'Made in v2' } } } });
  const o = viaV2.properties.Category.select;
  assert.equal(o.color, COLORS[2]);
  const ds = await clients.v5.dataSources.retrieve({ data_source_id: db.dataSourceId });
  assert.deepEqual(opt(ds.properties.Category.select.options[2]), o);
  const dbV2 = await n2.databases.retrieve({ database_id: db.databaseId });
  assert.deepEqual(opt(dbV2.properties.Category.select.options[2]), o);
  const q = await clients.v5.pages.create({
    parent: { data_source_id: db.dataSourceId },
    properties: { Name: { title: text('by id') }, Category: { select: { id: o.id } } },
  });
  assert.deepEqual(q.properties.Category.select, o);
});
