'use strict';
// POST /v1/search with both SDKs: titles matched ignoring case, the object filter per
// version (database for 2022-06-28, data_source for 2025-09-03), sort, pagination,
// trashed pages left out, and the validation messages.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, expectApiError } = require('../lib/clients');
const { text, createRootPage, createDatabase, createPageIn } = require('../lib/fixtures');

let srv; let n5; let n2; let root; let inv;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  n2 = v2(srv);
  root = await createRootPage(n5, 'Pantry');
  inv = await createDatabase(n5, 'v5', root.id, 'Grocery list', { Name: { title: {} } });
  for (const name of ['Tuscan kale', 'Red kale', 'Apples']) {
    await createPageIn(n5, 'v5', inv, { Name: { title: text(name) } });
  }
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const titles = (res) => res.results.map((r) => {
  if (r.object === 'page') {
    const prop = Object.values(r.properties).find((p) => p.type === 'title');
    return prop.title.map((t) => t.plain_text).join('');
  }
  return r.title.map((t) => t.plain_text).join('');
});

test('a query matches titles ignoring case, pages only', async () => {
  const res = await n5.search({ query: 'KALE', filter: { property: 'object', value: 'page' } });
  assert.equal(res.type, 'page_or_data_source');
  assert.deepEqual(titles(res).sort(), ['Red kale', 'Tuscan kale']);
  assert.equal(res.has_more, false);
  assert.equal(res.next_cursor, null);
});

test('2025-09-03 finds data sources; 2022-06-28 finds databases', async () => {
  const r5 = await n5.search({ query: 'grocery', filter: { property: 'object', value: 'data_source' } });
  assert.deepEqual(r5.results.map((r) => [r.object, r.id]), [['data_source', inv.dataSourceId]]);
  const r2 = await n2.search({ query: 'grocery', filter: { property: 'object', value: 'database' } });
  assert.equal(r2.type, 'page_or_database');
  assert.deepEqual(r2.results.map((r) => [r.object, r.id]), [['database', inv.databaseId]]);
});

test('the object filter value is checked per version', async () => {
  await expectApiError(n5.search({ filter: { property: 'object', value: 'database' } }), {
    status: 400,
    code: 'validation_error',
    message: 'body failed validation: body.filter.value should be `"page"` or `"data_source"`, instead was `"database"`.',
  });
  await expectApiError(n2.search({ filter: { property: 'object', value: 'data_source' } }), {
    status: 400,
    code: 'validation_error',
    message: 'body failed validation: body.filter.value should be `"page"` or `"database"`, instead was `"data_source"`.',
  });
});

test('sorted by last edit, newest first by default; ascending on request', async () => {
  const all = await n5.search({ query: 'kale' });
  const first = all.results[0].id;
  const last = all.results[all.results.length - 1].id;
  await new Promise((r) => setTimeout(r, 5));
  await n5.pages.update({ page_id: last, properties: { Name: { title: text('Red kale!') } } });
  const desc = await n5.search({ query: 'kale' });
  assert.equal(desc.results[0].id, last);
  const asc = await n5.search({ query: 'kale', sort: { timestamp: 'last_edited_time', direction: 'ascending' } });
  assert.equal(asc.results[asc.results.length - 1].id, last);
  assert.ok([first, last].includes(asc.results[0].id));
});

test('pages through results with page_size and start_cursor', async () => {
  const seen = [];
  let cursor;
  do {
    const res = await n5.search({ page_size: 2, start_cursor: cursor });
    assert.ok(res.results.length <= 2);
    seen.push(...res.results.map((r) => r.id));
    cursor = res.has_more ? res.next_cursor : undefined;
  } while (cursor);
  // Pantry, the data source, three rows.
  assert.equal(seen.length, 5);
  assert.equal(new Set(seen).size, 5);
});

test('trashed pages are not found', async () => {
  const page = await createPageIn(n5, 'v5', inv, { Name: { title: text('Old bananas') } });
  assert.equal((await n5.search({ query: 'bananas' })).results.length, 1);
  await n5.pages.update({ page_id: page.id, in_trash: true });
  assert.equal((await n5.search({ query: 'bananas' })).results.length, 0);
});

test('page_size over 100 and unknown keys are refused', async () => {
  await expectApiError(n5.search({ page_size: 101 }), {
    status: 400,
    code: 'validation_error',
    message: 'body failed validation: body.page_size should be ≤ `100` or `undefined`, instead was `101`.',
  });
  await expectApiError(n5.request({ path: 'search', method: 'post', body: { bogus: 1 } }), {
    status: 400,
    code: 'validation_error',
    message: 'body failed validation: body.bogus should be not present, instead was `1`.',
  });
});

test('without a query every page is listed, newest edit first, each as GET shows it', async () => {
  const fresh = await createPageIn(n5, 'v5', inv, { Name: { title: text('Fresh figs') } });
  const stale = await createPageIn(n5, 'v5', inv, { Name: { title: text('Stale figs') } });
  await n5.pages.update({ page_id: stale.id, in_trash: true });
  const res = await n5.search({ filter: { property: 'object', value: 'page' } });
  const ids = res.results.map((r) => r.id);
  assert.ok(!ids.includes(stale.id), 'a trashed page is not listed');
  assert.equal(ids[0], fresh.id);
  // Pantry, the three rows (one renamed), "Fresh figs"; "Old bananas" and "Stale figs" are trashed.
  assert.equal(ids.length, 5);
  const edited = res.results.map((r) => Date.parse(r.last_edited_time));
  for (let i = 1; i < edited.length; i += 1) assert.ok(edited[i - 1] >= edited[i], `result ${i} is newer than ${i - 1}`);
  assert.deepEqual(res.results[0], await n5.pages.retrieve({ page_id: fresh.id }));
  const asc = await n5.search({ filter: { property: 'object', value: 'page' }, sort: { timestamp: 'last_edited_time', direction: 'ascending' } });
  assert.deepEqual(asc.results.map((r) => r.id).sort(), [...ids].sort());
  assert.equal(asc.results[asc.results.length - 1].id, fresh.id);
});
