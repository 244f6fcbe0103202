'use strict';
// A database with rows in its own workspace; its query counts only its own rows.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useWorkspace } = require('../workspace');

const ws = useWorkspace('database');

test('a query counts only this workspace\'s rows', async () => {
  const root = await ws.notion.pages.create({
    parent: { type: 'workspace', workspace: true },
    properties: { title: { title: [{ text: { content: 'Shared title' } }] } },
  });
  const db = await ws.notion.databases.create({
    parent: { type: 'page_id', page_id: root.id },
    title: [{ text: { content: 'Rows' } }],
    initial_data_source: { properties: { Name: { title: {} }, Done: { checkbox: {} } } },
  });
  const dataSourceId = db.data_sources[0].id;
  for (let i = 0; i < 3; i += 1) {
    await ws.notion.pages.create({
      parent: { data_source_id: dataSourceId },
      properties: { Name: { title: [{ text: { content: `Row ${i}` } }] }, Done: { checkbox: i === 0 } },
    });
  }
  const done = await ws.notion.dataSources.query({ data_source_id: dataSourceId, filter: { property: 'Done', checkbox: { equals: true } } });
  assert.equal(done.results.length, 1);
  assert.equal((await ws.notion.search({ query: 'Shared title' })).results.length, 1);
});
