'use strict';
// Creates pages titled "Shared title" in its own workspace: the other files create pages
// with the same title at the same time, and search still finds only this file's.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useWorkspace } = require('../workspace');

const ws = useWorkspace('tasks');

test('search sees only this workspace, while other workers write the same titles', async () => {
  for (let i = 0; i < 5; i += 1) {
    await ws.notion.pages.create({
      parent: { type: 'workspace', workspace: true },
      properties: { title: { title: [{ text: { content: 'Shared title' } }] } },
    });
  }
  const found = await ws.notion.search({ query: 'Shared title' });
  assert.equal(found.results.length, 5);
});

test('reset empties this workspace only', async () => {
  await ws.reset();
  assert.equal((await ws.notion.search({})).results.length, 0);
});
