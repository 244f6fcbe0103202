'use strict';
// Property validation errors: exact status, code and message.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, expectApiError } = require('../lib/clients');
const { text, buildWorld, createPageIn } = require('../lib/fixtures');

const V = (message) => ({ status: 400, code: 'validation_error', message });
const UNION_ORDER = ['title', 'rich_text', 'number', 'url', 'select', 'multi_select', 'people', 'email',
  'phone_number', 'date', 'checkbox', 'relation', 'files', 'status'];
const union = (name) => `body failed validation. Fix one:\n${UNION_ORDER
  .map((t) => `body.properties.${name}.${t} should be defined, instead was \`undefined\`.`).join('\n')}`;

let srv; let n5; let w; let item;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  w = await buildWorld(n5, 'v5');
  item = await createPageIn(n5, 'v5', w.inventory, { Name: { title: text('Target') }, Price: { number: 10 } });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const patch = (properties, page_id = item.id) => n5.pages.update({ page_id, properties });

test('unknown property key: "<key> is not a property that exists."', async () => {
  await expectApiError(patch({ Colour: { select: { name: 'Red' } } }), V('Colour is not a property that exists.'));
  await expectApiError(v2(srv).pages.update({ page_id: item.id, properties: { Colour: { rich_text: [] } } }),
    V('Colour is not a property that exists.'));
});

test('value type differs from the schema type: "<Name> is expected to be <type>."', async () => {
  await expectApiError(patch({ Price: { rich_text: text('ten') } }), V('Price is expected to be number.'));
  await expectApiError(patch({ 'In stock': { select: { name: 'yes' } } }), V('In stock is expected to be checkbox.'));
  await expectApiError(patch({ Category: { multi_select: [] } }), V('Category is expected to be select.'));
});

test('several type mismatches are joined by one space, in the order sent', async () => {
  await expectApiError(patch({ Notes: { number: 1 }, Docs: { url: 'https://x' } }),
    V('Notes is expected to be rich_text. Docs is expected to be files.'));
  await expectApiError(patch({ Docs: { url: 'https://x' }, Notes: { number: 1 } }),
    V('Docs is expected to be files. Notes is expected to be rich_text.'));
});

test('read-only types with a writable-type value: "<Name> is expected to be <type>."', async () => {
  await expectApiError(patch({ Calc: { number: 1 } }), V('Calc is expected to be formula.'));
  await expectApiError(patch({ Count: { number: 1 } }), V('Count is expected to be rollup.'));
  await expectApiError(patch({ Created: { date: { start: '2024-01-01' } } }), V('Created is expected to be created_time.'));
  await expectApiError(patch({ Creator: { people: [] } }), V('Creator is expected to be created_by.'));
  await expectApiError(patch({ Edited: { date: { start: '2024-01-01' } } }), V('Edited is expected to be last_edited_time.'));
  await expectApiError(patch({ Editor: { people: [] } }), V('Editor is expected to be last_edited_by.'));
  await expectApiError(patch({ Code: { number: 5 } }), V('Code is expected to be unique_id.'));
});

test('read-only types with their own value shape: the "Fix one:" union message', async () => {
  await expectApiError(patch({ Created: { created_time: '2024-01-01T00:00:00.000Z' } }), V(union('Created')));
  await expectApiError(patch({ Calc: { formula: { type: 'number', number: 3 } } }), V(union('Calc')));
  await expectApiError(patch({ Code: { unique_id: { prefix: 'INV', number: 1 } } }), V(union('Code')));
});

test('number that is not a number', async () => {
  await expectApiError(patch({ Price: { number: 'ten' } }),
    V('body failed validation: body.properties.Price.number should be a number or `null`, instead was `"ten"`.'));
});

test('checkbox that is not a boolean', async () => {
  await expectApiError(patch({ 'In stock': { checkbox: 'yes' } }),
    V('body failed validation: body.properties.In stock.checkbox should be a boolean, instead was `"yes"`.'));
});

test('url, email, phone_number as "": "should be populated or `null`"', async () => {
  await expectApiError(patch({ Link: { url: '' } }),
    V('body failed validation: body.properties.Link.url should be populated or `null`, instead was `""`.'));
  await expectApiError(patch({ Mail: { email: '' } }),
    V('body failed validation: body.properties.Mail.email should be populated or `null`, instead was `""`.'));
  await expectApiError(patch({ Phone: { phone_number: '' } }),
    V('body failed validation: body.properties.Phone.phone_number should be populated or `null`, instead was `""`.'));
});

test('select option with a comma', async () => {
  await expectApiError(patch({ Category: { select: { name: 'a,b' } } }), V('Invalid select option, commas not allowed: a,b'));
});

test('text content over 2000 characters', async () => {
  await expectApiError(patch({ Notes: { rich_text: [{ text: { content: 'x'.repeat(2001) } }] } }),
    V('body failed validation: body.properties.Notes.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.'));
  const ok = await patch({ Notes: { rich_text: [{ text: { content: 'y'.repeat(2000) } }] } });
  assert.equal(ok.properties.Notes.rich_text[0].plain_text.length, 2000);
});

test('more than 100 items in an array', async () => {
  const tags = Array.from({ length: 101 }, (_, i) => ({ name: `t${i}` }));
  await expectApiError(patch({ Tags: { multi_select: tags } }),
    V('body failed validation: body.properties.Tags.multi_select.length should be ≤ `100`, instead was `101`.'));
});

test('more than 100 items: rich_text, title, people, relation, files', async () => {
  const tooLong = (name, type) => V(`body failed validation: body.properties.${name}.${type}.length should be ≤ \`100\`, instead was \`101\`.`);
  const rts = Array.from({ length: 101 }, (_, i) => ({ text: { content: `r${i}` } }));
  await expectApiError(patch({ Notes: { rich_text: rts } }), tooLong('Notes', 'rich_text'));
  await expectApiError(patch({ Name: { title: rts } }), tooLong('Name', 'title'));
  const ids = Array.from({ length: 101 }, () => ({ id: w.supplierPage.id }));
  await expectApiError(patch({ Owner: { people: ids } }), tooLong('Owner', 'people'));
  await expectApiError(patch({ Supplier: { relation: ids } }), tooLong('Supplier', 'relation'));
  const files = Array.from({ length: 101 }, (_, i) => ({ name: `f${i}`, external: { url: 'https://example.com/f' } }));
  await expectApiError(patch({ Docs: { files } }), tooLong('Docs', 'files'));
});

test('a page that is not in a database accepts only title', async () => {
  await expectApiError(patch({ Price: { number: 1 } }, w.root.id), V('Price is not a property that exists.'));
  await expectApiError(patch({ Name: { title: text('x') } }, w.root.id), V('Name is not a property that exists.'));
  const r = await patch({ title: { title: text('Root renamed') } }, w.root.id);
  assert.deepEqual(Object.keys(r.properties), ['title']);
  assert.equal(r.properties.title.title[0].plain_text, 'Root renamed');
  assert.deepEqual(r.parent, { type: 'workspace', workspace: true });
});

test('after all these refusals the page is unchanged', async () => {
  const g = await n5.pages.retrieve({ page_id: item.id });
  assert.equal(g.properties.Price.number, 10);
  assert.equal(g.properties['In stock'].checkbox, false);
  assert.deepEqual(g.properties.Tags.multi_select, []);
  assert.equal(g.properties.Category.select, null);
});
