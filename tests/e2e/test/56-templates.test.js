'use strict';
// Data source templates: GET /v1/data_sources/{id}/templates with SDK 5.x
// dataSources.listTemplates and the helper collectDataSourceTemplates (pages marked as
// templates through the admin API), and `template` on pages.create (none, default,
// template_id) copying the template's values and content. 2025-09-03 and 2026-03-11.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { collectDataSourceTemplates } = require('@notionhq/client');
const { startServer } = require('../lib/server');
const { v5, raw, expectApiError, expectRawError, adminCall } = require('../lib/clients');
const { text, plain, createRootPage, createDatabase, updateSchema } = require('../lib/fixtures');

const ADMIN = 'admin_e2e_templates_0123456789';
const V = (message) => ({ status: 400, code: 'validation_error', message });
const texts = (blocks) => blocks.map((b) => plain(b[b.type].rich_text));

let srv; let n25; let n26; let db; let bug; let task;
// The admin API with this file's admin token (lib/clients.js adminCall).
const admin = (method, path, body) => adminCall(srv, ADMIN, method, path, body);

before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  n25 = v5(srv, { notionVersion: '2025-09-03' });
  n26 = v5(srv, { notionVersion: '2026-03-11' });
  const root = await createRootPage(n25, 'Templates');
  db = await createDatabase(n25, 'v5', root.id, 'Work', {
    Name: { title: {} }, Kind: { select: { options: [{ name: 'Bug' }, { name: 'Task' }] } }, Points: { number: {} },
  });
  bug = await n25.pages.create({
    parent: { data_source_id: db.dataSourceId },
    properties: { Name: { title: text('New Bug Report') }, Kind: { select: { name: 'Bug' } }, Points: { number: 3 } },
    children: [{ heading_2: { rich_text: text('Steps') } }, { toggle: { rich_text: text('Details'), children: [{ paragraph: { rich_text: text('inside') } }] } }],
  });
  task = await n25.pages.create({
    parent: { data_source_id: db.dataSourceId },
    properties: { Name: { title: text('New Task') }, Kind: { select: { name: 'Task' } } },
  });
  assert.equal((await admin('POST', `data_sources/${db.dataSourceId}/templates`, { page_id: bug.id })).status, 200);
  const marked = await admin('POST', `data_sources/${db.dataSourceId}/templates`, { page_id: task.id, is_default: true });
  assert.equal(marked.status, 200, JSON.stringify(marked.body));
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('listTemplates, name filter, paging, and collectDataSourceTemplates', async () => {
  for (const client of [n25, n26]) {
    const all = await client.dataSources.listTemplates({ data_source_id: db.dataSourceId });
    assert.deepEqual(all, {
      templates: [{ id: bug.id, name: 'New Bug Report', is_default: false }, { id: task.id, name: 'New Task', is_default: true }],
      has_more: false, next_cursor: null,
    });
    const named = await client.dataSources.listTemplates({ data_source_id: db.dataSourceId, name: 'bug' });
    assert.deepEqual(named.templates.map((t) => t.id), [bug.id]);
    const first = await client.dataSources.listTemplates({ data_source_id: db.dataSourceId, page_size: 1 });
    assert.equal(first.has_more, true);
    assert.equal(first.next_cursor, task.id);
    const collected = await collectDataSourceTemplates(client, { data_source_id: db.dataSourceId, page_size: 1 });
    assert.deepEqual(collected.map((t) => t.name), ['New Bug Report', 'New Task']);
  }
  const missing = '59833787-2cf9-4fdf-8782-e53db20768a5';
  await expectApiError(n26.dataSources.listTemplates({ data_source_id: missing }), {
    status: 404, code: 'object_not_found',
    message: `Could not find data source with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
});

test('create from a template: template_id copies values and content; request values win', async () => {
  const page = await n26.pages.create({
    parent: { data_source_id: db.dataSourceId },
    properties: { Name: { title: text('Crash on start') } },
    template: { type: 'template_id', template_id: bug.id.replace(/-/g, '') },
  });
  assert.equal(plain(page.properties.Name.title), 'Crash on start');
  assert.equal(page.properties.Kind.select.name, 'Bug');
  assert.equal(page.properties.Points.number, 3);
  const content = await n26.blocks.children.list({ block_id: page.id });
  assert.deepEqual(texts(content.results), ['Steps', 'Details']);
  const inner = await n26.blocks.children.list({ block_id: content.results[1].id });
  assert.deepEqual(texts(inner.results), ['inside']);
  // The template itself is unchanged.
  assert.equal((await n26.blocks.children.list({ block_id: bug.id })).results.length, 2);
});

test('default and none', async () => {
  const d = await n25.pages.create({ parent: { data_source_id: db.dataSourceId }, properties: {}, template: { type: 'default', timezone: 'Europe/Paris' } });
  assert.equal(plain(d.properties.Name.title), 'New Task');
  assert.equal(d.properties.Kind.select.name, 'Task');
  const n = await n25.pages.create({ parent: { data_source_id: db.dataSourceId }, properties: { Name: { title: text('Plain') } }, template: { type: 'none' }, children: [{ divider: {} }] });
  assert.equal(n.properties.Kind.select, null);
  assert.equal((await n25.blocks.children.list({ block_id: n.id })).results.length, 1);
});

test('template errors', async () => {
  await expectApiError(n26.pages.create({
    parent: { data_source_id: db.dataSourceId }, properties: {}, template: { type: 'default' }, children: [{ divider: {} }],
  }), V('body failed validation: body.children should be not present, instead was `[{"divider":{}}]`.'));
  await expectApiError(n26.pages.create({ parent: { data_source_id: db.dataSourceId }, properties: {}, template: { type: 'blank' } }),
    V('body failed validation: body.template.type should be `"none"`, `"default"`, or `"template_id"`, instead was `"blank"`.'));
  const missing = '59833787-2cf9-4fdf-8782-e53db20768a5';
  await expectApiError(n26.pages.create({
    parent: { data_source_id: db.dataSourceId }, properties: {}, template: { type: 'template_id', template_id: missing },
  }), V(`Could not find template with ID: ${missing}.`));
  const other = await createDatabase(n25, 'v5', (await createRootPage(n25, 'No templates')).id, 'Empty', { Name: { title: {} } });
  await expectApiError(n25.pages.create({ parent: { data_source_id: other.dataSourceId }, properties: {}, template: { type: 'default' } }),
    V('This data source has no default template.'));
  expectRawError(await raw(srv, { path: `/v1/data_sources/${db.dataSourceId}/templates?page_size=0`, version: '2026-03-11' }), {
    status: 400, code: 'validation_error',
    message: 'query failed validation: query.page_size should be ≥ `1` or `undefined`, instead was `0`.',
  });
});

test('template and erase_content on pages.update: appended, or replacing the content', async () => {
  const page = await n26.pages.create({
    parent: { data_source_id: db.dataSourceId }, properties: { Name: { title: text('Existing') } },
    children: [{ paragraph: { rich_text: text('old content') } }],
  });
  // Appended after the existing content; values the page lacks come from the template.
  const updated = await n26.pages.update({ page_id: page.id, template: { type: 'template_id', template_id: bug.id } });
  assert.equal(updated.properties.Kind.select.name, 'Bug');
  assert.equal(updated.properties.Points.number, 3);
  assert.equal(plain(updated.properties.Name.title), 'Existing');
  let content = (await n26.blocks.children.list({ block_id: page.id })).results;
  assert.deepEqual(content.map((b) => b.type), ['paragraph', 'heading_2', 'toggle']);
  const oldId = content[0].id;
  // erase_content with the default template: the template's content replaces the old.
  await n25.pages.update({ page_id: page.id, template: { type: 'default' }, erase_content: true });
  content = (await n25.blocks.children.list({ block_id: page.id })).results;
  assert.deepEqual(content, []);  // the default template (New Task) has no content
  assert.equal((await n25.blocks.retrieve({ block_id: oldId })).in_trash, true);
  // erase_content alone empties a page.
  await n25.blocks.children.append({ block_id: page.id, children: [{ divider: {} }] });
  await n25.pages.update({ page_id: page.id, erase_content: true });
  assert.deepEqual((await n25.blocks.children.list({ block_id: page.id })).results, []);
  // An update's template is default or template_id.
  await expectApiError(n26.pages.update({ page_id: page.id, template: { type: 'none' } }),
    V('body failed validation: body.template.type should be `"default"` or `"template_id"`, instead was `"none"`.'));
  await expectApiError(n26.pages.update({ page_id: page.id, erase_content: 'yes' }),
    V('body failed validation: body.erase_content should be a boolean or `undefined`, instead was `"yes"`.'));
});

test('fixtures keep the template marks: export lists them, a seed of the export lists the same templates', async () => {
  const exported = await admin('GET', 'export');
  assert.equal(exported.status, 200);
  assert.deepEqual(exported.body.templates, [
    { data_source_id: db.dataSourceId, page_id: bug.id, is_default: false },
    { data_source_id: db.dataSourceId, page_id: task.id, is_default: true },
  ]);
  const before = await n25.dataSources.listTemplates({ data_source_id: db.dataSourceId });
  const seeded = await admin('POST', 'seed', exported.body);
  assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
  assert.deepEqual(await n25.dataSources.listTemplates({ data_source_id: db.dataSourceId }), before);
  assert.deepEqual((await admin('GET', 'export')).body, exported.body);

  // An entry is checked as the admin call is, and names its place in the fixture.
  const wrong = { ...exported.body, templates: [{ data_source_id: db.dataSourceId, page_id: db.databaseId }] };
  const refused = await admin('POST', 'seed', wrong);
  assert.equal(refused.status, 400);
  assert.equal(refused.body.message,
    `body.templates[0]: Page ${db.databaseId} is not a page of data source ${db.dataSourceId}.`);
  const extra = await admin('POST', 'seed', { ...exported.body, templates: [{ data_source_id: db.dataSourceId, page_id: bug.id, color: 'red' }] });
  assert.equal(extra.status, 400);
  assert.equal(extra.body.message, 'body failed validation: body.templates[0].color should be not present, instead was `"red"`.');
  // A refused seed changes nothing.
  assert.deepEqual(await n25.dataSources.listTemplates({ data_source_id: db.dataSourceId }), before);
});

// Last in the file: the template it marks would show in the fixtures test's export.
// Values are carried by property id. A data source whose rich text property is named
// "title" (the title property's id): the request's title still wins over the template's,
// and the template's rich text is carried (the carry once looked the ids up by name
// first, took the title for the rich text, and overwrote the request's title).
test('create from a template: a property named like the title property\'s id', async () => {
  const root = await createRootPage(n25, 'Templates, named like an id');
  const d = await createDatabase(n25, 'v5', root.id, 'Odd', { Name: { title: {} }, Notes: { rich_text: {} } });
  const schema = await updateSchema(n25, 'v5', d, { Notes: { name: 'title' } });
  assert.equal(schema.title.type, 'rich_text');
  const tpl = await n25.pages.create({
    parent: { data_source_id: d.dataSourceId },
    properties: { Name: { title: text('Template title') }, title: { rich_text: text('template notes') } },
  });
  assert.equal((await admin('POST', `data_sources/${d.dataSourceId}/templates`, { page_id: tpl.id })).status, 200);
  const page = await n26.pages.create({
    parent: { data_source_id: d.dataSourceId },
    properties: { Name: { title: text('Mine') } },
    template: { type: 'template_id', template_id: tpl.id },
  });
  assert.equal(plain(page.properties.Name.title), 'Mine');
  assert.equal(plain(page.properties.title.rich_text), 'template notes');
  const read = await n26.pages.retrieve({ page_id: page.id });
  assert.equal(plain(read.properties.Name.title), 'Mine');
  assert.equal(plain(read.properties.title.rich_text), 'template notes');
});
