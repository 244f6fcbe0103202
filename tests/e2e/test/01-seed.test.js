'use strict';
// The seed example from Notion's docs, verbatim except baseUrl, with both SDK majors.
// The database and page it updates are created through the API with the same SDK.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2 } = require('../lib/clients');
const { assertSchema, assertDatabaseV2022 } = require('../lib/schema');
const { text, plain, expectedDbParent } = require('../lib/fixtures');

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('seed example with @notionhq/client 5.x (Notion-Version 2025-09-03)', async () => {
  const setup = v5(srv);
  const root = await setup.pages.create({
    parent: { type: 'workspace', workspace: true },
    properties: { title: { title: text('Root') } },
  });
  assert.deepEqual(root.parent, { type: 'workspace', workspace: true });
  const db = await setup.databases.create({
    parent: { type: 'page_id', page_id: root.id },
    title: text('Inventory'),
    initial_data_source: { properties: { Name: { title: {} }, 'In stock': { checkbox: {} } } },
  });
  assert.equal(db.object, 'database');
  assert.equal(db.data_sources.length, 1);
  const dataSourceId = db.data_sources[0].id;
  assert.notEqual(dataSourceId, db.id, 'the data source has its own id');
  const created = await setup.pages.create({
    parent: { data_source_id: dataSourceId },
    properties: { Name: { title: text('Widget') } },
  });
  assert.equal(created.properties['In stock'].checkbox, false);
  const pageId = created.id;

  // ---- verbatim (baseUrl aside) ----
  process.env.NOTION_API_KEY = srv.token;
  const { Client } = require('@notionhq/client');
  const notion = new Client({ auth: process.env.NOTION_API_KEY, baseUrl: srv.baseUrl });
  const response = await notion.pages.update({ page_id: pageId, properties: { 'In stock': { checkbox: true } } });
  // ----------------------------------

  assertSchema('pageObjectResponse', response); // this client has no validating fetch: check the object
  assert.equal(response.object, 'page');
  assert.equal(response.id, pageId);
  assert.deepEqual(response.properties['In stock'], { id: response.properties['In stock'].id, type: 'checkbox', checkbox: true });
  assert.equal(plain(response.properties.Name.title), 'Widget');
  assert.deepEqual(response.parent, expectedDbParent('v5', { databaseId: db.id, dataSourceId }));
  assert.equal(response.in_trash, false);
  assert.equal(response.archived, false);

  const again = await setup.pages.retrieve({ page_id: pageId });
  assert.equal(again.properties['In stock'].checkbox, true);
});

test('seed example with @notionhq/client 2.x (Notion-Version 2022-06-28)', async () => {
  const setup = v2(srv);
  const root = await setup.pages.create({
    parent: { type: 'workspace', workspace: true },
    properties: { title: { title: text('Root') } },
  });
  const db = await setup.databases.create({
    parent: { page_id: root.id },
    title: text('Inventory'),
    properties: { Name: { title: {} }, 'In stock': { checkbox: {} } },
  });
  assertDatabaseV2022(db);
  assert.equal(db.properties['In stock'].type, 'checkbox');
  const created = await setup.pages.create({
    parent: { database_id: db.id },
    properties: { Name: { title: text('Widget') } },
  });
  const pageId = created.id;

  // ---- verbatim (baseUrl aside), 2.x ----
  process.env.NOTION_API_KEY = srv.token;
  const { Client } = require('notion-v2');
  const notion = new Client({ auth: process.env.NOTION_API_KEY, baseUrl: srv.baseUrl });
  const response = await notion.pages.update({ page_id: pageId, properties: { 'In stock': { checkbox: true } } });
  // ---------------------------------------

  assertSchema('pageObjectResponse', response);
  assert.equal(response.id, pageId);
  assert.equal(response.properties['In stock'].type, 'checkbox');
  assert.equal(response.properties['In stock'].checkbox, true);
  assert.deepEqual(response.parent, { type: 'database_id', database_id: db.id });

  const again = await setup.pages.retrieve({ page_id: pageId });
  assert.equal(again.properties['In stock'].checkbox, true);
});

test('seed example with a baseUrl ending in "/" (the server collapses //)', async () => {
  const setup = v5(srv, { baseUrl: `${srv.baseUrl}/` });
  const root = await setup.pages.create({
    parent: { type: 'workspace', workspace: true },
    properties: { title: { title: text('Slash') } },
  });
  const updated = await setup.pages.update({ page_id: root.id, properties: { title: { title: text('Slash 2') } } });
  assert.equal(plain(updated.properties.title.title), 'Slash 2');
  const me = await setup.users.me({});
  assert.equal(me.type, 'bot');
});
