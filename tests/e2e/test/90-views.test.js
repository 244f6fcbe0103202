'use strict';
// The Views API (https://developers.notion.com/guides/data-apis/working-with-views) with
// SDK 5.26 views.* and raw HTTP for exact errors: the default view of a new database,
// create/list/retrieve/update/delete with filters, sorts, quick filters and the shallow
// merge of configurations, dashboards and their widgets, linked databases, view queries
// (snapshot, paging, idempotent delete), and the documented validation errors. Every
// body is validated by lib/schema.js (the list shapes against the 2026-03-11 OpenAPI).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, raw, expectApiError, expectRawError } = require('../lib/clients');
const { text, createRootPage, createDatabase } = require('../lib/fixtures');

const V = (message) => ({ status: 400, code: 'validation_error', message });
const NOT_FOUND = (kind, id) => ({
  status: 404, code: 'object_not_found',
  message: `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
});

let srv; let n25; let n26; let root; let db; let props; const pages = {};

before(async () => {
  srv = await startServer();
  n25 = v5(srv, { notionVersion: '2025-09-03' });
  n26 = v5(srv, { notionVersion: '2026-03-11' });
  root = await createRootPage(n26, 'Views');
  db = await createDatabase(n26, 'v5', root.id, 'Tasks', {
    Name: { title: {} },
    Priority: { select: { options: [{ name: 'High' }, { name: 'Low' }] } },
    Points: { number: {} },
    Due: { date: {} },
    Done: { checkbox: {} },
  });
  const ds = await n26.dataSources.retrieve({ data_source_id: db.dataSourceId });
  props = Object.fromEntries(Object.entries(ds.properties).map(([name, p]) => [name, p.id]));
  const rows = [['a', 'High', 3], ['b', 'Low', 9], ['c', 'High', 7], ['d', 'High', 1], ['e', 'Low', 5]];
  for (const [name, priority, points] of rows) {
    const page = await n26.pages.create({
      parent: { data_source_id: db.dataSourceId },
      properties: { Name: { title: text(name) }, Priority: { select: { name: priority } }, Points: { number: points } },
    });
    pages[name] = page.id;
  }
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('a new database has one table view named "Default view"', async () => {
  const list = await n26.views.list({ database_id: db.databaseId });
  assert.equal(list.object, 'list');
  assert.equal(list.type, 'view');
  assert.deepEqual(list.view, {});
  assert.equal(list.results.length, 1);
  assert.equal(list.has_more, false);
  const view = await n26.views.retrieve({ view_id: list.results[0].id });
  assert.equal(view.name, 'Default view');
  assert.equal(view.type, 'table');
  assert.deepEqual(view.parent, { type: 'database_id', database_id: db.databaseId });
  assert.equal(view.data_source_id, db.dataSourceId);
  assert.equal(view.filter, null);
  assert.equal(view.sorts, null);
  assert.equal(view.quick_filters, null);
  assert.equal(view.configuration, null);
  assert.equal(view.url, `https://www.notion.so/${db.databaseId.replace(/-/g, '')}?v=${view.id.replace(/-/g, '')}`);
  // Listed by its data source as well.
  const bySource = await n25.views.list({ data_source_id: db.dataSourceId });
  assert.deepEqual(bySource.results.map((r) => r.id), [view.id]);
});

test('create, retrieve, update (shallow merge, quick filters per key) and list views', async () => {
  const created = await n26.views.create({
    database_id: db.databaseId,
    data_source_id: db.dataSourceId,
    name: 'High priority',
    type: 'table',
    filter: { property: 'Priority', select: { equals: 'High' } },
    sorts: [{ property: 'Points', direction: 'descending' }],
    quick_filters: { Done: { checkbox: { equals: false } } },
    configuration: {
      type: 'table',
      properties: [{ property_id: 'Name', visible: true, width: 300 }, { property_id: props.Points, visible: false }],
      wrap_cells: true,
      frozen_column_index: 1,
    },
  });
  assert.equal(created.name, 'High priority');
  assert.deepEqual(created.filter, { property: 'Priority', select: { equals: 'High' } });
  assert.deepEqual(created.sorts, [{ property: 'Points', direction: 'descending' }]);
  assert.deepEqual(created.quick_filters, { Done: { checkbox: { equals: false } } });
  // Property names are resolved to ids.
  assert.deepEqual(created.configuration, {
    type: 'table',
    properties: [{ property_id: props.Name, visible: true, width: 300 }, { property_id: props.Points, visible: false }],
    wrap_cells: true,
    frozen_column_index: 1,
  });
  assert.deepEqual(await n26.views.retrieve({ view_id: created.id }), created);

  // Shallow merge: named keys change, others stay; null removes a key.
  const grouped = await n26.views.update({
    view_id: created.id,
    name: 'High, grouped',
    configuration: { type: 'table', group_by: { type: 'select', property_id: 'Priority', sort: { type: 'manual' } } },
    quick_filters: { Priority: { select: { equals: 'High' } } },
  });
  assert.equal(grouped.name, 'High, grouped');
  assert.equal(grouped.configuration.wrap_cells, true);
  assert.equal(grouped.configuration.frozen_column_index, 1);
  assert.deepEqual(grouped.configuration.group_by,
    { type: 'select', property_id: props.Priority, sort: { type: 'manual' } });
  assert.deepEqual(Object.keys(grouped.quick_filters), ['Done', 'Priority']);
  const ungrouped = await n26.views.update({
    view_id: created.id,
    configuration: { type: 'table', group_by: null, wrap_cells: false },
    quick_filters: { Done: null },
  });
  assert.equal('group_by' in ungrouped.configuration, false);
  assert.equal(ungrouped.configuration.wrap_cells, false);
  assert.deepEqual(ungrouped.configuration.properties, created.configuration.properties);
  assert.deepEqual(ungrouped.quick_filters, { Priority: { select: { equals: 'High' } } });
  assert.deepEqual(ungrouped.filter, created.filter);
  const cleared = await n26.views.update({ view_id: created.id, quick_filters: null, sorts: null });
  assert.equal(cleared.quick_filters, null);
  assert.equal(cleared.sorts, null);
  assert.deepEqual(cleared.filter, created.filter);
  await n26.views.update({ view_id: created.id, sorts: [{ property: 'Points', direction: 'descending' }] });

  // Tabs in order: position start puts a view first, after_view right after another.
  const first = await n26.views.create({
    database_id: db.databaseId, data_source_id: db.dataSourceId, name: 'Board', type: 'board',
    position: { type: 'start' },
    configuration: { type: 'board', group_by: { type: 'select', property_id: 'Priority', sort: { type: 'ascending' } } },
  });
  const all = await n26.views.list({ database_id: db.databaseId });
  assert.equal(all.results[0].id, first.id);
  assert.equal(all.results.at(-1).id, created.id);
  const second = await n26.views.create({
    database_id: db.databaseId, data_source_id: db.dataSourceId, name: 'Calendar', type: 'calendar',
    position: { type: 'after_view', view_id: first.id },
    configuration: { type: 'calendar', date_property_id: 'Due', view_range: 'month' },
  });
  assert.equal(second.configuration.date_property_id, props.Due);
  const again = await n26.views.list({ database_id: db.databaseId });
  assert.deepEqual(again.results.slice(0, 2).map((r) => r.id), [first.id, second.id]);
  // Paging: next_cursor is the id of the next view.
  const p1 = await n26.views.list({ database_id: db.databaseId, page_size: 2 });
  assert.equal(p1.has_more, true);
  assert.equal(p1.next_cursor, again.results[2].id);
  const p2 = await n26.views.list({ database_id: db.databaseId, start_cursor: p1.next_cursor, page_size: 100 });
  assert.deepEqual([...p1.results, ...p2.results].map((r) => r.id), again.results.map((r) => r.id));

  // Delete answers the partial view; the view is gone.
  const deleted = await n26.views.delete({ view_id: second.id });
  assert.deepEqual(deleted, { object: 'view', id: second.id, parent: { type: 'database_id', database_id: db.databaseId }, type: 'calendar' });
  await expectApiError(n26.views.retrieve({ view_id: second.id }), NOT_FOUND('view', second.id));
});

test('a view query runs the filter, quick filters and sorts once and pages through the snapshot', async () => {
  const view = await n26.views.create({
    database_id: db.databaseId, data_source_id: db.dataSourceId, name: 'Query me', type: 'list',
    filter: { property: 'Priority', select: { equals: 'High' } },
    sorts: [{ property: 'Points', direction: 'descending' }],
  });
  const q = await n26.views.queries.create({ view_id: view.id, page_size: 2 });
  assert.equal(q.object, 'view_query');
  assert.equal(q.view_id, view.id);
  assert.equal(q.total_count, 3);
  assert.deepEqual(q.results, [{ object: 'page', id: pages.c }, { object: 'page', id: pages.a }]);
  assert.equal(q.has_more, true);
  assert.equal(q.next_cursor, pages.d);
  const expires = Date.parse(q.expires_at) - Date.now();
  assert.ok(expires > 14 * 60 * 1000 && expires <= 15 * 60 * 1000 + 5000, `expires in ${expires} ms`);

  // A page created afterwards is not in the snapshot.
  await n26.pages.create({
    parent: { data_source_id: db.dataSourceId },
    properties: { Name: { title: text('late') }, Priority: { select: { name: 'High' } }, Points: { number: 100 } },
  });
  const rest = await n26.views.queries.results({ view_id: view.id, query_id: q.id, start_cursor: q.next_cursor });
  assert.deepEqual(rest.results, [{ object: 'page', id: pages.d }]);
  assert.equal(rest.has_more, false);
  assert.equal(rest.next_cursor, null);
  assert.equal(rest.type, 'page');
  const all = await n26.views.queries.results({ view_id: view.id, query_id: q.id });
  assert.deepEqual(all.results.map((r) => r.id), [pages.c, pages.a, pages.d]);
  // A new query sees the new page.
  const fresh = await n26.views.queries.create({ view_id: view.id });
  assert.equal(fresh.total_count, 4);
  assert.equal(fresh.has_more, false);

  // Quick filters narrow the query; multi-value select conditions are allowed in views.
  await n26.views.update({ view_id: view.id, quick_filters: { Points: { number: { less_than: 6 } } } });
  const quick = await n26.views.queries.create({ view_id: view.id });
  assert.deepEqual(quick.results.map((r) => r.id), [pages.a, pages.d]);
  await n26.views.update({
    view_id: view.id, quick_filters: null, filter: { property: 'Priority', select: { equals: ['High', 'Low'] } },
  });
  assert.equal((await n26.views.queries.create({ view_id: view.id })).total_count, 6);

  // Deleting is idempotent; a deleted query is gone.
  assert.deepEqual(await n26.views.queries.delete({ view_id: view.id, query_id: q.id }),
    { object: 'view_query', id: q.id, deleted: true });
  assert.deepEqual(await n26.views.queries.delete({ view_id: view.id, query_id: q.id }),
    { object: 'view_query', id: q.id, deleted: true });
  await expectApiError(n26.views.queries.results({ view_id: view.id, query_id: q.id }), NOT_FOUND('view query', q.id));
  const never = '0d4c6f4e-7d51-4f4b-9c3e-0a0b0c0d0e0f';
  const res = await raw(srv, { method: 'DELETE', path: `/v1/views/${view.id}/queries/${never}`, version: '2026-03-11' });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { object: 'view_query', id: never, deleted: true });
  // A bad cursor.
  await expectApiError(n26.views.queries.results({ view_id: view.id, query_id: fresh.id, start_cursor: never }),
    V(`The start_cursor provided is invalid: ${never}`));
});

test('dashboards: widgets in rows of at most 4, deleting a widget removes it from the layout', async () => {
  const dash = await n26.views.create({
    database_id: db.databaseId, data_source_id: db.dataSourceId, name: 'Overview', type: 'dashboard',
  });
  assert.equal(dash.data_source_id, null);
  assert.deepEqual(dash.configuration, { type: 'dashboard', rows: [] });
  const w1 = await n26.views.create({ view_id: dash.id, data_source_id: db.dataSourceId, name: 'W1', type: 'table' });
  assert.equal(w1.dashboard_view_id, dash.id);
  assert.deepEqual(w1.parent, { type: 'database_id', database_id: db.databaseId });
  const w2 = await n26.views.create({
    view_id: dash.id, data_source_id: db.dataSourceId, name: 'W2', type: 'list', placement: { type: 'existing_row', row_index: 0 },
  });
  const w3 = await n26.views.create({
    view_id: dash.id, data_source_id: db.dataSourceId, name: 'W3', type: 'gallery', placement: { type: 'new_row', row_index: 0 },
  });
  let layout = (await n26.views.retrieve({ view_id: dash.id })).configuration.rows;
  assert.deepEqual(layout.map((r) => r.widgets.map((w) => [w.view_id, w.width, w.row_index])),
    [[[w3.id, 12, 0]], [[w1.id, 6, 1], [w2.id, 6, 1]]]);
  for (const n of [4, 5]) {
    await n26.views.create({ view_id: dash.id, data_source_id: db.dataSourceId, name: `W${n}`, type: 'list', placement: { type: 'existing_row', row_index: 1 } });
  }
  await expectApiError(n26.views.create({
    view_id: dash.id, data_source_id: db.dataSourceId, name: 'W6', type: 'list', placement: { type: 'existing_row', row_index: 1 },
  }), V('A dashboard row holds at most 4 widgets.'));
  await expectApiError(n26.views.create({ view_id: dash.id, data_source_id: db.dataSourceId, name: 'Nested', type: 'dashboard' }),
    V('A dashboard cannot be a widget of another dashboard.'));
  await expectApiError(n26.views.create({ view_id: w1.id, data_source_id: db.dataSourceId, name: 'x', type: 'list' }),
    V(`View ${w1.id} is not a dashboard view.`));
  await expectApiError(n26.views.queries.create({ view_id: dash.id }),
    V('A dashboard view cannot be queried: query the views of its widgets instead.'));
  await n26.views.delete({ view_id: w3.id });
  layout = (await n26.views.retrieve({ view_id: dash.id })).configuration.rows;
  assert.equal(layout.length, 1);
  assert.equal(layout[0].widgets.length, 4);
  assert.deepEqual(layout[0].widgets.map((w) => [w.width, w.row_index]), [[3, 0], [3, 0], [3, 0], [3, 0]]);
  // Widgets are listed with the database's views.
  const listed = (await n26.views.list({ database_id: db.databaseId })).results.map((r) => r.id);
  assert.ok(listed.includes(w1.id));
  // A dashboard's widgets go with it.
  await n26.views.delete({ view_id: dash.id });
  await expectApiError(n26.views.retrieve({ view_id: w1.id }), NOT_FOUND('view', w1.id));
});

test('create_database makes a linked database on a page with one view over the data source', async () => {
  const page = await createRootPage(n26, 'Linked here');
  const view = await n26.views.create({
    create_database: { parent: { type: 'page_id', page_id: page.id } },
    data_source_id: db.dataSourceId, name: 'Tasks overview', type: 'table',
  });
  assert.notEqual(view.parent.database_id, db.databaseId);
  assert.equal(view.data_source_id, db.dataSourceId);
  const children = await n26.blocks.children.list({ block_id: page.id });
  assert.deepEqual(children.results.map((b) => [b.type, b.id]), [['child_database', view.parent.database_id]]);
  const q = await n26.views.queries.create({ view_id: view.id });
  assert.equal(q.total_count, 6);
  // Listing by data source shows the views of both databases.
  const bySource = await n26.views.list({ data_source_id: db.dataSourceId });
  assert.ok(bySource.results.some((r) => r.id === view.id));
});

test('validation errors, exactly', async () => {
  const base = { database_id: db.databaseId, data_source_id: db.dataSourceId, name: 'x', type: 'table' };
  await expectApiError(n26.views.create({ ...base, type: 'grid' }), V('body failed validation: body.type should be `"table"`, `"board"`, `"list"`, `"calendar"`, `"timeline"`, `"gallery"`, `"form"`, `"chart"`, `"map"`, or `"dashboard"`, instead was `"grid"`.'));
  await expectApiError(n26.views.create({ data_source_id: db.dataSourceId, name: 'x', type: 'table' }), V('body failed validation. Fix one:\nbody.database_id should be defined, instead was `undefined`.\nbody.view_id should be defined, instead was `undefined`.\nbody.create_database should be defined, instead was `undefined`.'));
  await expectApiError(n26.views.create({ ...base, name: undefined }), V('body failed validation: body.name should be defined, instead was `undefined`.'));
  await expectApiError(n26.views.create({ ...base, configuration: { type: 'board', group_by: { type: 'select', property_id: 'Priority', sort: { type: 'manual' } } } }),
    V('body failed validation: body.configuration.type should be `"table"`, instead was `"board"`.'));
  await expectApiError(n26.views.create({ ...base, type: 'board', configuration: { type: 'board' } }),
    V('body failed validation: body.configuration.group_by should be defined, instead was `undefined`.'));
  await expectApiError(n26.views.create({ ...base, type: 'calendar', configuration: { type: 'calendar' } }),
    V('body failed validation: body.configuration.date_property_id should be defined, instead was `undefined`.'));
  await expectApiError(n26.views.create({ ...base, configuration: { type: 'table', properties: [{ property_id: 'Name', width: 0 }] } }),
    V('body failed validation: body.configuration.properties[0].width should be ≥ `1`, instead was `0`.'));
  await expectApiError(n26.views.create({ ...base, configuration: { type: 'table', wrap_cells: 'yes' } }),
    V('body failed validation: body.configuration.wrap_cells should be a boolean, instead was `"yes"`.'));
  await expectApiError(n26.views.create({ ...base, configuration: { type: 'dashboard', rows: [] } }),
    V('body failed validation: body.configuration.type should be `"table"`, `"board"`, `"calendar"`, `"timeline"`, `"gallery"`, `"list"`, `"map"`, `"form"`, or `"chart"`, instead was `"dashboard"`.'));
  await expectApiError(n26.views.create({ ...base, configuration: { type: 'table', properties: [{ property_id: 'Nope' }] } }),
    V('Could not find property with name or id: Nope'));
  await expectApiError(n26.views.create({ ...base, filter: { property: 'Nope', select: { equals: 'High' } } }),
    V('Could not find property with name or id: Nope'));
  await expectApiError(n26.views.create({ ...base, filter: { property: 'Priority', select: { equals: 'Urgent' } } }),
    V('Invalid select value "Urgent" for property "Priority". Available values: "High", "Low".'));
  await expectApiError(n26.views.create({ ...base, position: { type: 'after_view', view_id: db.databaseId } }),
    V(`View ${db.databaseId} is not a view of database ${db.databaseId}.`));
  await expectApiError(n26.views.create({ ...base, placement: { type: 'new_row' } }),
    V('body failed validation: body.placement should be not present, instead was `{"type":"new_row"}`.'));
  const views = (await n26.views.list({ database_id: db.databaseId })).results;
  await expectApiError(n26.views.update({ view_id: views[0].id, sorts: [{ timestamp: 'created_time', direction: 'ascending' }] }),
    V('body failed validation: body.sorts[0].property should be defined, instead was `undefined`.'));
  // The last view of a database cannot be deleted.
  const lone = await createDatabase(n26, 'v5', root.id, 'Lone', { Name: { title: {} } });
  const [only] = (await n26.views.list({ database_id: lone.databaseId })).results;
  await expectApiError(n26.views.delete({ view_id: only.id }),
    V('A database must have at least one view: the last view of a database cannot be deleted.'));

  // Raw HTTP: query parameters, path ids, versions.
  expectRawError(await raw(srv, { path: '/v1/views', version: '2026-03-11' }),
    V('At least one of database_id or data_source_id is required.'));
  expectRawError(await raw(srv, { path: '/v1/views?database_id=nope', version: '2026-03-11' }),
    V('query failed validation: query.database_id should be a valid uuid, instead was `"nope"`.'));
  expectRawError(await raw(srv, { path: '/v1/views/nope', version: '2026-03-11' }),
    V('path failed validation: path.view_id should be a valid uuid, instead was `"nope"`.'));
  const unknown = '5e0c3a53-3f8e-4c1e-9a55-7a1b2c3d4e5f';
  expectRawError(await raw(srv, { path: `/v1/views?database_id=${unknown}`, version: '2026-03-11' }), NOT_FOUND('database', unknown));
  // Notion-Version before 2025-09-03: the Views API does not exist there.
  for (const [method, path] of [['GET', `/v1/views?database_id=${db.databaseId}`], ['GET', `/v1/views/${views[0].id}`],
    ['POST', '/v1/views'], ['POST', `/v1/views/${views[0].id}/queries`]]) {
    expectRawError(await raw(srv, { method, path, version: '2022-06-28', body: method === 'POST' ? {} : undefined }),
      { status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' });
  }
});
