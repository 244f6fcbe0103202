'use strict';
// Schema changes and formulas with both SDKs. 2.x edits the schema with
// PATCH /v1/databases/{id} (databases.update), 5.x with PATCH /v1/data_sources/{id}
// (dataSources.update). Rename keeps the property id and the values; null removes a
// property; a new key with a type adds one. `prop("Price") * 2` is computed and follows
// a PATCH of Price; an expression that does not compile is refused with 400.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, expectApiError } = require('../lib/clients');
const {
  text, plain, createRootPage, createDatabase, createPageIn, schemaOf, updateSchema,
} = require('../lib/fixtures');

let srv; const clients = {};
before(async () => {
  srv = await startServer();
  clients.v5 = v5(srv);
  clients.v2 = v2(srv);
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const formulaNumber = (number) => ({ type: 'number', number });

async function world(version, title = 'Catalog') {
  const client = clients[version];
  const root = await createRootPage(client, `Schema ${version}`);
  const db = await createDatabase(client, version, root.id, title, {
    Name: { title: {} },
    Old: { rich_text: {} },
    Price: { number: {} },
    Gone: { checkbox: {} },
    Calc: { formula: { expression: 'prop("Price") * 2' } },
  });
  const item = (name, props = {}) => createPageIn(client, version, db, { Name: { title: text(name) }, ...props });
  const patch = (page_id, properties) => client.pages.update({ page_id, properties });
  const get = (page_id) => client.pages.retrieve({ page_id });
  return { client, root, db, item, patch, get };
}

for (const version of ['v5', 'v2']) {
  test(`${version}: rename a property: same id, pages show the new name with the old value`, async () => {
    const w = await world(version);
    const s0 = await schemaOf(w.client, version, w.db);
    const oldId = s0.Old.id;
    const p = await w.item('row', { Old: { rich_text: text('kept') }, Price: { number: 3 } });
    assert.equal(p.properties.Old.id, oldId);

    const s1 = await updateSchema(w.client, version, w.db, { Old: { name: 'New' } });
    assert.ok(!('Old' in s1), 'Old is gone from the schema');
    assert.deepEqual({ id: s1.New.id, name: s1.New.name, type: s1.New.type }, { id: oldId, name: 'New', type: 'rich_text' });
    assert.deepEqual(Object.keys(s1).sort(), ['Calc', 'Gone', 'Name', 'New', 'Price']);
    assert.deepEqual(await schemaOf(w.client, version, w.db), s1);

    const g = await w.get(p.id);
    assert.ok(!('Old' in g.properties));
    assert.equal(g.properties.New.id, oldId);
    assert.equal(g.properties.New.type, 'rich_text');
    assert.equal(plain(g.properties.New.rich_text), 'kept');
    assert.equal(g.properties.Price.number, 3);

    // Writes use the new name (or the id); the old name is unknown.
    const r = await w.patch(p.id, { New: { rich_text: text('changed') } });
    assert.equal(plain(r.properties.New.rich_text), 'changed');
    const r2 = await w.patch(p.id, { [oldId]: { rich_text: text('by id') } });
    assert.equal(plain(r2.properties.New.rich_text), 'by id');
    await expectApiError(w.patch(p.id, { Old: { rich_text: text('x') } }), {
      status: 400, code: 'validation_error', message: 'Old is not a property that exists.',
    });

    // A property may be renamed through its id as the key, too.
    const s2 = await updateSchema(w.client, version, w.db, { [oldId]: { name: 'Newer' } });
    assert.equal(s2.Newer.id, oldId);
    assert.ok(!('New' in s2));
    assert.equal(plain((await w.get(p.id)).properties.Newer.rich_text), 'by id');
  });

  // The title property's id is "title": a property renamed "title" has a name equal to
  // another property's id. Values are matched with properties by id, so every value
  // stays, and writes by id and by name reach the right property (a schema change once
  // looked the old ids up by name first and dropped every page's title).
  test(`${version}: a property named like another property's id keeps both properties' values`, async () => {
    const w = await world(version);
    const s0 = await schemaOf(w.client, version, w.db);
    assert.equal(s0.Name.id, 'title');
    const oldId = s0.Old.id;
    const p = await w.item('Dune', { Old: { rich_text: text('notes') } });
    const s1 = await updateSchema(w.client, version, w.db, { Old: { name: 'title' } });
    assert.deepEqual({ id: s1.title.id, type: s1.title.type }, { id: oldId, type: 'rich_text' });
    assert.equal(s1.Name.id, 'title');
    const g = await w.get(p.id);
    assert.equal(plain(g.properties.Name.title), 'Dune');
    assert.equal(plain(g.properties.title.rich_text), 'notes');
    // The key "title" names the property called "title" (names come first); the title
    // property is still written by its own name.
    const r = await w.patch(p.id, { title: { rich_text: text('more notes') }, Name: { title: text('Dune II') } });
    assert.equal(plain(r.properties.Name.title), 'Dune II');
    assert.equal(plain(r.properties.title.rich_text), 'more notes');
    const g2 = await w.get(p.id);
    assert.equal(plain(g2.properties.Name.title), 'Dune II');
    assert.equal(plain(g2.properties.title.rich_text), 'more notes');
  });

  test(`${version}: remove a property with null; add one with a type`, async () => {
    const w = await world(version);
    const p = await w.item('row', { Gone: { checkbox: true }, Price: { number: 1 } });
    assert.equal(p.properties.Gone.checkbox, true);

    const s1 = await updateSchema(w.client, version, w.db, { Gone: null });
    assert.deepEqual(Object.keys(s1).sort(), ['Calc', 'Name', 'Old', 'Price']);
    const g = await w.get(p.id);
    assert.deepEqual(Object.keys(g.properties).sort(), ['Calc', 'Name', 'Old', 'Price']);
    await expectApiError(w.patch(p.id, { Gone: { checkbox: false } }), {
      status: 400, code: 'validation_error', message: 'Gone is not a property that exists.',
    });

    const s2 = await updateSchema(w.client, version, w.db, { Rating: { number: { format: 'percent' } } });
    assert.equal(s2.Rating.type, 'number');
    assert.equal(s2.Rating.name, 'Rating');
    assert.deepEqual(s2.Rating.number, { format: 'percent' });
    assert.equal(typeof s2.Rating.id, 'string');
    assert.deepEqual(Object.keys(s2).sort(), ['Calc', 'Name', 'Old', 'Price', 'Rating']);
    const g2 = await w.get(p.id);
    assert.deepEqual(g2.properties.Rating, { id: s2.Rating.id, type: 'number', number: null });
    const r = await w.patch(p.id, { Rating: { number: 0.5 } });
    assert.equal(r.properties.Rating.number, 0.5);
    const q = await w.item('new row', { Rating: { number: 0.25 } });
    assert.equal(q.properties.Rating.number, 0.25);
    assert.ok(!('Gone' in q.properties));

    // Re-adding a removed name makes a new, empty property.
    const s3 = await updateSchema(w.client, version, w.db, { Gone: { checkbox: {} } });
    assert.equal(s3.Gone.type, 'checkbox');
    assert.equal((await w.get(p.id)).properties.Gone.checkbox, false);
  });

  test(`${version}: rename, remove and add in one request`, async () => {
    const w = await world(version);
    const p = await w.item('row', { Old: { rich_text: text('v') } });
    const s0 = await schemaOf(w.client, version, w.db);
    const s1 = await updateSchema(w.client, version, w.db, {
      Old: { name: 'Notes' }, Gone: null, Url: { url: {} },
    });
    assert.deepEqual(Object.keys(s1).sort(), ['Calc', 'Name', 'Notes', 'Price', 'Url']);
    assert.equal(s1.Notes.id, s0.Old.id);
    const g = await w.get(p.id);
    assert.deepEqual(Object.keys(g.properties).sort(), ['Calc', 'Name', 'Notes', 'Price', 'Url']);
    assert.equal(plain(g.properties.Notes.rich_text), 'v');
    assert.deepEqual(g.properties.Url, { id: s1.Url.id, type: 'url', url: null });
  });

  test(`${version}: formula prop("Price") * 2 is computed and follows a PATCH of Price`, async () => {
    const w = await world(version);
    const s = await schemaOf(w.client, version, w.db);
    assert.equal(s.Calc.type, 'formula');
    assert.equal(s.Calc.formula.expression, 'prop("Price") * 2');
    const p = await w.item('priced', { Price: { number: 10 } });
    assert.deepEqual(p.properties.Calc, { id: s.Calc.id, type: 'formula', formula: formulaNumber(20) });
    const r = await w.patch(p.id, { Price: { number: 12.5 } });
    assert.deepEqual(r.properties.Calc.formula, formulaNumber(25));
    assert.deepEqual((await w.get(p.id)).properties.Calc.formula, formulaNumber(25));
    const r2 = await w.patch(p.id, { Price: { number: -4 } });
    assert.deepEqual(r2.properties.Calc.formula, formulaNumber(-8));
  });

  test(`${version}: a formula added later, and other result types (string, boolean)`, async () => {
    const w = await world(version);
    const s = await updateSchema(w.client, version, w.db, {
      Label: { formula: { expression: 'prop("Name") + "!"' } },
      Pricey: { formula: { expression: 'prop("Price") > 20' } },
    });
    assert.equal(s.Label.formula.expression, 'prop("Name") + "!"');
    const p = await w.item('Widget', { Price: { number: 30 } });
    assert.deepEqual(p.properties.Label.formula, { type: 'string', string: 'Widget!' });
    assert.deepEqual(p.properties.Pricey.formula, { type: 'boolean', boolean: true });
    const r = await w.patch(p.id, { Price: { number: 20 }, Name: { title: text('Gizmo') } });
    assert.deepEqual(r.properties.Pricey.formula, { type: 'boolean', boolean: false });
    assert.deepEqual(r.properties.Label.formula, { type: 'string', string: 'Gizmo!' });
  });

  test(`${version}: a formula keeps working when the property it reads is renamed`, async () => {
    const w = await world(version);
    const p = await w.item('row', { Price: { number: 7 } });
    const s = await updateSchema(w.client, version, w.db, { Price: { name: 'Cost' } });
    assert.ok(!('Price' in s));
    const g = await w.get(p.id);
    assert.deepEqual(g.properties.Calc.formula, formulaNumber(14));
    const r = await w.patch(p.id, { Cost: { number: 8 } });
    assert.deepEqual(r.properties.Calc.formula, formulaNumber(16));
  });

  test(`${version}: an invalid formula expression is refused with 400 validation_error, nothing changes`, async () => {
    const w = await world(version);
    const before0 = await schemaOf(w.client, version, w.db);
    const cases = [
      ['(1 + 2))', 'Formula expression is invalid: unexpected ")" at position 7.'],
      ['1 +', 'Formula expression is invalid: unexpected end of expression.'],
      ['prop("Nope") * 2', 'Formula expression is invalid: unknown property "Nope".'],
      ['frobnicate(1)', 'Formula expression is invalid: unknown function "frobnicate" at position 0.'],
    ];
    for (const [expression, message] of cases) {
      const body = await expectApiError(updateSchema(w.client, version, w.db, { Bad: { formula: { expression } } }), {
        status: 400, code: 'validation_error', message,
      });
      assert.ok(body.message.startsWith('Formula expression is invalid:'));
      // Changing an existing formula to an invalid one is refused as well.
      await expectApiError(updateSchema(w.client, version, w.db, { Calc: { formula: { expression } } }), {
        status: 400, code: 'validation_error', message,
      });
    }
    assert.deepEqual(await schemaOf(w.client, version, w.db), before0);

    // ... and when the database is created.
    const root = await createRootPage(w.client, 'bad formula parent');
    await expectApiError(createDatabase(w.client, version, root.id, 'Broken', {
      Name: { title: {} }, Price: { number: {} }, Calc: { formula: { expression: 'prop("Price") *' } },
    }), { status: 400, code: 'validation_error', message: 'Formula expression is invalid: unexpected end of expression.' });
  });
}
