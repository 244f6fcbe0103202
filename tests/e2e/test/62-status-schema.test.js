'use strict';
// Status properties through the API (changelog 2026-03-19): `{"status": {}}` makes the
// default options and groups, `{"status": {"options": [...]}}` its own options (in the
// To-do group); a data source update adds options (To-do) and renames or recolors
// existing ones by id or name. Groups are not set through the API.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, expectApiError } = require('../lib/clients');
const { createRootPage, createDatabase } = require('../lib/fixtures');

let srv; let n25;
before(async () => {
  srv = await startServer({});
  n25 = v5(srv, { notionVersion: '2025-09-03' });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const statusOf = async (id) => (await n25.dataSources.retrieve({ data_source_id: id })).properties.Stage.status;
const names = (status) => status.options.map((o) => o.name);
const group = (status, name) => status.groups.find((g) => g.name === name).option_ids
  .map((id) => status.options.find((o) => o.id === id).name);

test('status options on create and on update', async () => {
  const root = await createRootPage(n25, 'Status');
  const plainDb = await createDatabase(n25, 'v5', root.id, 'Default', { Name: { title: {} }, Stage: { status: {} } });
  const def = await statusOf(plainDb.dataSourceId);
  assert.deepEqual(names(def), ['Not started', 'In progress', 'Done']);
  assert.deepEqual(def.groups.map((g) => g.name), ['To-do', 'In progress', 'Complete']);

  const db = await createDatabase(n25, 'v5', root.id, 'Own', {
    Name: { title: {} }, Stage: { status: { options: [{ name: 'Backlog', color: 'gray' }, { name: 'Doing' }] } },
  });
  let st = await statusOf(db.dataSourceId);
  assert.deepEqual(names(st), ['Backlog', 'Doing']);
  assert.equal(st.options[0].color, 'gray');
  assert.deepEqual(group(st, 'To-do'), ['Backlog', 'Doing']);

  await n25.dataSources.update({ data_source_id: db.dataSourceId, properties: { Stage: { status: { options: [
    { name: 'Review', color: 'purple' }, { id: st.options[1].id, name: 'In flight' }, { name: 'Backlog', color: 'brown' }] } } } });
  st = await statusOf(db.dataSourceId);
  assert.deepEqual(names(st), ['Backlog', 'In flight', 'Review']);
  assert.deepEqual(st.options.map((o) => o.color), ['brown', 'gray', 'purple']);
  assert.deepEqual(group(st, 'To-do'), ['Backlog', 'In flight', 'Review']);
  // A page can now take the new option.
  const page = await n25.pages.create({ parent: { data_source_id: db.dataSourceId }, properties: { Stage: { status: { name: 'Review' } } } });
  assert.equal(page.properties.Stage.status.name, 'Review');

  await expectApiError(n25.dataSources.update({ data_source_id: db.dataSourceId, properties: { Stage: { status: { options: [{ id: 'nope' }] } } } }),
    { status: 400, code: 'validation_error', message: 'body.properties.Stage.status.options[0].id names no option of this status property: "nope".' });
  await expectApiError(n25.dataSources.update({ data_source_id: db.dataSourceId, properties: { Stage: { status: { options: [{ color: 'red' }] } } } }),
    { status: 400, code: 'validation_error', message: 'body failed validation: body.properties.Stage.status.options[0].name should be defined, instead was `undefined`.' });
});
