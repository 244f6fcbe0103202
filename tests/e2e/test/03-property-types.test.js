'use strict';
// Every writable property type through PATCH /v1/pages/{id}: values written, values
// read back, clearing with null / [], partial updates, keys by name or by id.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, raw } = require('../lib/clients');
const { UUID_RE } = require('../lib/schema');
const {
  text, plain, undash, MINUTE_TS, buildWorld, createPageIn, expectedDbParent, TYPES, READ_ONLY,
} = require('../lib/fixtures');

const COLORS = ['default', 'gray', 'brown', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'red'];
const ANN = { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' };

let srv; let n5; let w; let me; let owner;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  w = await buildWorld(n5, 'v5');
  me = await n5.users.me({});
  const users = await n5.users.list({});
  owner = users.results.find((u) => u.type === 'person');
  assert.ok(owner, 'the store has a person user (the owner)');
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const newItem = (name, props = {}) => createPageIn(n5, 'v5', w.inventory, { Name: { title: text(name) }, ...props });
const patch = (page_id, properties) => n5.pages.update({ page_id, properties });

test('a page in a database has every schema property, keyed by name, each {id, type, value}', async () => {
  const p = await newItem('Everything');
  assert.deepEqual(Object.keys(p.properties).sort(), Object.keys(TYPES).sort());
  for (const [name, type] of Object.entries(TYPES)) {
    const v = p.properties[name];
    assert.equal(v.type, type, `${name}.type`);
    assert.equal(typeof v.id, 'string', `${name}.id`);
    assert.ok(type in v, `${name} carries its ${type} value`);
  }
  assert.equal(p.properties.Name.id, 'title');
  assert.deepEqual(p.properties.Notes.rich_text, []);
  assert.equal(p.properties.Price.number, null);
  assert.equal(p.properties.Category.select, null);
  assert.deepEqual(p.properties.Tags.multi_select, []);
  assert.equal(p.properties.Due.date, null);
  assert.deepEqual(p.properties.Owner.people, []);
  assert.deepEqual(p.properties.Docs.files, []);
  assert.equal(p.properties.Link.url, null);
  assert.equal(p.properties.Mail.email, null);
  assert.equal(p.properties.Phone.phone_number, null);
  assert.equal(p.properties['In stock'].checkbox, false);
  assert.deepEqual(p.properties.Supplier.relation, []);
  assert.equal(p.properties.Created.created_time, p.created_time);
  assert.deepEqual(p.properties.Creator.created_by.id, me.id);
  assert.equal(p.properties.Code.unique_id.prefix, 'INV');
  assert.equal(typeof p.properties.Code.unique_id.number, 'number');
  assert.match(p.created_time, MINUTE_TS);
  assert.match(p.last_edited_time, MINUTE_TS);
  for (const name of Object.keys(READ_ONLY)) assert.ok(name in p.properties);
});

test('title: rich text items come back complete (annotations, plain_text, href)', async () => {
  const p = await newItem('x');
  const r = await patch(p.id, {
    Name: {
      title: [
        { text: { content: 'Big ' }, annotations: { bold: true } },
        { type: 'text', text: { content: 'link', link: { url: 'https://example.com/x' } } },
      ],
    },
  });
  assert.deepEqual(r.properties.Name, {
    id: 'title', type: 'title',
    title: [
      { type: 'text', text: { content: 'Big ', link: null }, annotations: { ...ANN, bold: true }, plain_text: 'Big ', href: null },
      {
        type: 'text', text: { content: 'link', link: { url: 'https://example.com/x' } }, annotations: ANN,
        plain_text: 'link', href: 'https://example.com/x',
      },
    ],
  });
  const cleared = await patch(p.id, { Name: { title: [] } });
  assert.deepEqual(cleared.properties.Name.title, []);
});

test('rich_text: set with annotations and color, then [] clears', async () => {
  const p = await newItem('rt');
  const r = await patch(p.id, {
    Notes: { rich_text: [{ text: { content: 'hello' }, annotations: { italic: true, code: true, color: 'red_background' } }] },
  });
  assert.deepEqual(r.properties.Notes.rich_text, [{
    type: 'text', text: { content: 'hello', link: null },
    annotations: { ...ANN, italic: true, code: true, color: 'red_background' }, plain_text: 'hello', href: null,
  }]);
  const c = await patch(p.id, { Notes: { rich_text: [] } });
  assert.deepEqual(c.properties.Notes.rich_text, []);
});

test('number: integers and decimals written as Notion writes them (2.5, not 2.5E0); null clears', async () => {
  const p = await newItem('num');
  const res = await raw(srv, { method: 'PATCH', path: `/v1/pages/${p.id}`, body: { properties: { Price: { number: 2.5 } } } });
  assert.equal(res.status, 200);
  assert.equal(res.json.properties.Price.number, 2.5);
  assert.match(res.text, /"number":2\.5[,}]/);
  assert.doesNotMatch(res.text, /2\.5E0/i);
  for (const n of [42, -0.125, 1234567890123, 0]) {
    const r = await patch(p.id, { Price: { number: n } });
    assert.equal(r.properties.Price.number, n);
  }
  const res2 = await raw(srv, { method: 'PATCH', path: `/v1/pages/${p.id}`, body: { properties: { Price: { number: 42 } } } });
  assert.match(res2.text, /"number":42[,}]/);
  const c = await patch(p.id, { Price: { number: null } });
  assert.equal(c.properties.Price.number, null);
});

test('number: the JSON text of a number is what JavaScript (Notion) writes', async () => {
  const p = await newItem('num-text');
  for (const n of [0.1, 1 / 3, 123456.789, -2.5, 1e-7, 1e21, 0.30000000000000004, 9007199254740991]) {
    const res = await raw(srv, { method: 'PATCH', path: `/v1/pages/${p.id}`, body: { properties: { Price: { number: n } } } });
    assert.equal(res.status, 200);
    assert.equal(res.json.properties.Price.number, n);
    const m = res.text.match(/"Price":\{[^}]*"number":([^,}]+)/);
    assert.ok(m, 'Price value found in the response text');
    assert.equal(m[1], JSON.stringify(n), `number ${n} written as ${m[1]}`);
  }
});

test('select: by name, by id, null clears', async () => {
  const ds = await n5.dataSources.retrieve({ data_source_id: w.inventory.dataSourceId });
  const toys = ds.properties.Category.select.options.find((o) => o.name === 'Toys');
  const tools = ds.properties.Category.select.options.find((o) => o.name === 'Tools');
  assert.equal(toys.color, 'red');
  const p = await newItem('sel');
  const a = await patch(p.id, { Category: { select: { name: 'Tools' } } });
  assert.deepEqual(a.properties.Category.select, { id: tools.id, name: 'Tools', color: 'blue' });
  const b = await patch(p.id, { Category: { select: { id: toys.id } } });
  assert.deepEqual(b.properties.Category.select, { id: toys.id, name: 'Toys', color: 'red' });
  const c = await patch(p.id, { Category: { select: null } });
  assert.equal(c.properties.Category.select, null);
});

test('select: an unknown name creates the option, with a color, in the schema', async () => {
  const p = await newItem('sel-new');
  const r = await patch(p.id, { Category: { select: { name: 'Gadgets' } } });
  const opt = r.properties.Category.select;
  assert.equal(opt.name, 'Gadgets');
  assert.equal(typeof opt.id, 'string');
  assert.ok(COLORS.includes(opt.color), `color ${opt.color}`);
  const ds = await n5.dataSources.retrieve({ data_source_id: w.inventory.dataSourceId });
  const inSchema = ds.properties.Category.select.options.find((o) => o.name === 'Gadgets');
  assert.deepEqual({ id: inSchema.id, name: inSchema.name, color: inSchema.color }, opt);
  const q = await newItem('sel-new-2');
  const r2 = await patch(q.id, { Category: { select: { name: 'Gadgets' } } });
  assert.deepEqual(r2.properties.Category.select, opt, 'the same option is reused');
});

test('multi_select: names (new ones created), arrays replace, [] clears', async () => {
  const p = await newItem('ms');
  const a = await patch(p.id, { Tags: { multi_select: [{ name: 'new' }, { name: 'fresh' }] } });
  assert.deepEqual(a.properties.Tags.multi_select.map((o) => o.name), ['new', 'fresh']);
  assert.equal(a.properties.Tags.multi_select[0].color, 'green');
  assert.ok(COLORS.includes(a.properties.Tags.multi_select[1].color));
  const b = await patch(p.id, { Tags: { multi_select: [{ name: 'sale' }] } });
  assert.deepEqual(b.properties.Tags.multi_select.map((o) => [o.name, o.color]), [['sale', 'yellow']]);
  const c = await patch(p.id, { Tags: { multi_select: [] } });
  assert.deepEqual(c.properties.Tags.multi_select, []);
});

test('status: by name and by id from the default options; null clears', async () => {
  const ds = await n5.dataSources.retrieve({ data_source_id: w.inventory.dataSourceId });
  const names = ds.properties.Stage.status.options.map((o) => o.name);
  assert.deepEqual(names, ['Not started', 'In progress', 'Done']);
  const done = ds.properties.Stage.status.options.find((o) => o.name === 'Done');
  const p = await newItem('st');
  const a = await patch(p.id, { Stage: { status: { name: 'In progress' } } });
  assert.equal(a.properties.Stage.status.name, 'In progress');
  assert.ok(COLORS.includes(a.properties.Stage.status.color));
  const b = await patch(p.id, { Stage: { status: { id: done.id } } });
  assert.deepEqual(b.properties.Stage.status, { id: done.id, name: 'Done', color: done.color });
  const c = await patch(p.id, { Stage: { status: null } });
  assert.equal(c.properties.Stage.status, null);
});

test('date: start, start+end, date-time; always {start, end, time_zone:null}; null clears', async () => {
  const p = await newItem('date');
  const a = await patch(p.id, { Due: { date: { start: '2024-03-01' } } });
  assert.deepEqual(a.properties.Due.date, { start: '2024-03-01', end: null, time_zone: null });
  const b = await patch(p.id, { Due: { date: { start: '2024-03-01', end: '2024-03-05' } } });
  assert.deepEqual(b.properties.Due.date, { start: '2024-03-01', end: '2024-03-05', time_zone: null });
  const c = await patch(p.id, { Due: { date: { start: '2024-03-01T10:30:00.000Z' } } });
  // The exact rendering of a date-time is not fixed by the contract: compare instants.
  assert.equal(Date.parse(c.properties.Due.date.start), Date.parse('2024-03-01T10:30:00.000Z'));
  assert.equal(c.properties.Due.date.end, null);
  assert.equal(c.properties.Due.date.time_zone, null);
  const d = await patch(p.id, { Due: { date: null } });
  assert.equal(d.properties.Due.date, null);
});

test('people: a workspace user; [] clears', async () => {
  const p = await newItem('people');
  const a = await patch(p.id, { Owner: { people: [{ object: 'user', id: owner.id }] } });
  assert.equal(a.properties.Owner.people.length, 1);
  assert.equal(a.properties.Owner.people[0].object, 'user');
  assert.equal(a.properties.Owner.people[0].id, owner.id);
  const b = await patch(p.id, { Owner: { people: [{ id: owner.id }, { id: me.id }] } });
  assert.deepEqual(b.properties.Owner.people.map((u) => u.id), [owner.id, me.id]);
  const c = await patch(p.id, { Owner: { people: [] } });
  assert.deepEqual(c.properties.Owner.people, []);
});

test('files: external files with names; arrays replace; [] clears', async () => {
  const p = await newItem('files');
  const a = await patch(p.id, {
    Docs: { files: [{ name: 'Spec', external: { url: 'https://example.com/spec.pdf' } }, { name: 'Pic', type: 'external', external: { url: 'https://example.com/p.png' } }] },
  });
  assert.deepEqual(a.properties.Docs.files, [
    { name: 'Spec', type: 'external', external: { url: 'https://example.com/spec.pdf' } },
    { name: 'Pic', type: 'external', external: { url: 'https://example.com/p.png' } },
  ]);
  const b = await patch(p.id, { Docs: { files: [{ name: 'Only', external: { url: 'https://example.com/o' } }] } });
  assert.deepEqual(b.properties.Docs.files, [{ name: 'Only', type: 'external', external: { url: 'https://example.com/o' } }]);
  const c = await patch(p.id, { Docs: { files: [] } });
  assert.deepEqual(c.properties.Docs.files, []);
});

test('checkbox: true then false', async () => {
  const p = await newItem('cb');
  const a = await patch(p.id, { 'In stock': { checkbox: true } });
  assert.equal(a.properties['In stock'].checkbox, true);
  const b = await patch(p.id, { 'In stock': { checkbox: false } });
  assert.equal(b.properties['In stock'].checkbox, false);
});

test('url, email, phone_number: set, then null clears', async () => {
  const p = await newItem('contact');
  const a = await patch(p.id, {
    Link: { url: 'https://example.com/a?b=c' }, Mail: { email: 'a@example.com' }, Phone: { phone_number: '+1 (555) 010-2030' },
  });
  assert.equal(a.properties.Link.url, 'https://example.com/a?b=c');
  assert.equal(a.properties.Mail.email, 'a@example.com');
  assert.equal(a.properties.Phone.phone_number, '+1 (555) 010-2030');
  const b = await patch(p.id, { Link: { url: null }, Mail: { email: null }, Phone: { phone_number: null } });
  assert.equal(b.properties.Link.url, null);
  assert.equal(b.properties.Mail.email, null);
  assert.equal(b.properties.Phone.phone_number, null);
});

test('relation: ids (undashed accepted, dashed returned), replace, [] clears', async () => {
  const p = await newItem('rel');
  const a = await patch(p.id, { Supplier: { relation: [{ id: w.supplierPage.id }] } });
  assert.deepEqual(a.properties.Supplier.relation, [{ id: w.supplierPage.id }]);
  if ('has_more' in a.properties.Supplier) assert.equal(a.properties.Supplier.has_more, false);
  const b = await patch(p.id, { Supplier: { relation: [{ id: undash(w.supplierPage2.id) }, { id: w.supplierPage.id }] } });
  assert.deepEqual(b.properties.Supplier.relation, [{ id: w.supplierPage2.id }, { id: w.supplierPage.id }]);
  const c = await patch(p.id, { Supplier: { relation: [] } });
  assert.deepEqual(c.properties.Supplier.relation, []);
});

test('properties may be keyed by property id; responses are keyed by name', async () => {
  const ds = await n5.dataSources.retrieve({ data_source_id: w.inventory.dataSourceId });
  const priceId = ds.properties.Price.id;
  const p = await newItem('by-id');
  assert.equal(p.properties.Price.id, priceId);
  const r = await patch(p.id, { [priceId]: { number: 7 }, title: { title: text('renamed by id') } });
  assert.equal(r.properties.Price.number, 7);
  assert.equal(plain(r.properties.Name.title), 'renamed by id');
  assert.ok(!(priceId in r.properties) || priceId === 'Price');
});

test('partial update keeps every key that is not sent', async () => {
  const p = await newItem('partial', {
    Notes: { rich_text: text('keep me') }, Price: { number: 3 }, 'In stock': { checkbox: true },
    Category: { select: { name: 'Toys' } }, Mail: { email: 'keep@example.com' },
  });
  const r = await patch(p.id, { Price: { number: 4 } });
  assert.equal(r.properties.Price.number, 4);
  assert.equal(plain(r.properties.Notes.rich_text), 'keep me');
  assert.equal(r.properties['In stock'].checkbox, true);
  assert.equal(r.properties.Category.select.name, 'Toys');
  assert.equal(r.properties.Mail.email, 'keep@example.com');
  assert.equal(plain(r.properties.Name.title), 'partial');
  const g = await n5.pages.retrieve({ page_id: p.id });
  assert.deepEqual(g.properties, r.properties);
});

test('last_edited_by is the bot from users.me; created_by unchanged; parent unchanged', async () => {
  const p = await newItem('who');
  const r = await patch(p.id, { Price: { number: 1 } });
  assert.deepEqual(r.last_edited_by, { object: 'user', id: me.id });
  assert.deepEqual(r.created_by, { object: 'user', id: me.id });
  assert.equal(r.created_time, p.created_time);
  assert.deepEqual(r.parent, expectedDbParent('v5', w.inventory));
  assert.deepEqual(r.properties.Editor.last_edited_by.id, me.id);
  assert.match(r.last_edited_time, MINUTE_TS);
});

test('a failing request changes nothing (one transaction)', async () => {
  const p = await newItem('atomic', { Price: { number: 5 } });
  await assert.rejects(patch(p.id, { Price: { number: 6 }, Colour: { select: { name: 'Red' } } }));
  await assert.rejects(patch(p.id, { Price: { number: 6 }, Category: { select: { name: 'a,b' } } }));
  const g = await n5.pages.retrieve({ page_id: p.id });
  assert.equal(g.properties.Price.number, 5);
  const ds = await n5.dataSources.retrieve({ data_source_id: w.inventory.dataSourceId });
  assert.ok(!ds.properties.Category.select.options.some((o) => o.name.includes('a,b')));
});

test('@notionhq/client 2.x: all writable types in one PATCH on a 2022-06-28 database', async () => {
  const n2 = v2(srv);
  const w2 = await buildWorld(n2, 'v2');
  const p = await createPageIn(n2, 'v2', w2.inventory, { Name: { title: text('v2 item') } });
  const r = await n2.pages.update({
    page_id: p.id,
    properties: {
      Name: { title: text('v2 renamed') },
      Notes: { rich_text: text('notes') },
      Price: { number: 9.75 },
      Category: { select: { name: 'Tools' } },
      Tags: { multi_select: [{ name: 'sale' }] },
      Stage: { status: { name: 'Done' } },
      Due: { date: { start: '2025-01-02' } },
      Owner: { people: [{ id: owner.id }] },
      Docs: { files: [{ name: 'f', external: { url: 'https://example.com/f' } }] },
      Link: { url: 'https://example.com' },
      Mail: { email: 'v2@example.com' },
      Phone: { phone_number: '123' },
      'In stock': { checkbox: true },
      Supplier: { relation: [{ id: w2.supplierPage.id }] },
    },
  });
  const P = r.properties;
  assert.equal(plain(P.Name.title), 'v2 renamed');
  assert.equal(plain(P.Notes.rich_text), 'notes');
  assert.equal(P.Price.number, 9.75);
  assert.deepEqual([P.Category.select.name, P.Category.select.color], ['Tools', 'blue']);
  assert.deepEqual(P.Tags.multi_select.map((o) => o.name), ['sale']);
  assert.equal(P.Stage.status.name, 'Done');
  assert.deepEqual(P.Due.date, { start: '2025-01-02', end: null, time_zone: null });
  assert.deepEqual(P.Owner.people.map((u) => u.id), [owner.id]);
  assert.deepEqual(P.Docs.files, [{ name: 'f', type: 'external', external: { url: 'https://example.com/f' } }]);
  assert.equal(P.Link.url, 'https://example.com');
  assert.equal(P.Mail.email, 'v2@example.com');
  assert.equal(P.Phone.phone_number, '123');
  assert.equal(P['In stock'].checkbox, true);
  assert.deepEqual(P.Supplier.relation, [{ id: w2.supplierPage.id }]);
  assert.deepEqual(r.parent, { type: 'database_id', database_id: w2.inventory.databaseId });
  assert.match(r.id, UUID_RE);
});
