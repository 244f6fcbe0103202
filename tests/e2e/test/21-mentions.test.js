'use strict';
// Mentions in rich text come back with plain_text filled in as Notion fills it on read:
// "@Name" for users, the current title for pages and databases.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2 } = require('../lib/clients');
const { text, createRootPage, createDatabase } = require('../lib/fixtures');

let srv; let n5; let n2; let root; let inv; let me;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  n2 = v2(srv);
  me = await n5.users.me({});
  root = await createRootPage(n5, 'Kitchen');
  inv = await createDatabase(n5, 'v5', root.id, 'Pantry', { Name: { title: {} }, Notes: { rich_text: {} } });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('user, page and database mentions show current names (5.x and 2.x)', async () => {
  const page = await n5.pages.create({
    parent: { data_source_id: inv.dataSourceId },
    properties: {
      Name: { title: text('Shopping') },
      Notes: {
        rich_text: [
          { mention: { user: { id: me.id } } },
          { text: { content: ' see ' } },
          { mention: { page: { id: root.id } } },
          { text: { content: ' in ' } },
          { mention: { database: { id: inv.databaseId } } },
        ],
      },
    },
  });
  const plain = (p) => p.properties.Notes.rich_text.map((t) => t.plain_text);
  assert.deepEqual(plain(page), [`@${me.name}`, ' see ', 'Kitchen', ' in ', 'Pantry']);
  assert.equal(page.properties.Notes.rich_text[2].href, `https://www.notion.so/${root.id.replace(/-/g, '')}`);
  await n5.pages.update({ page_id: root.id, properties: { title: { title: text('Kitchen 2') } } });
  const again = await n2.pages.retrieve({ page_id: page.id });
  assert.deepEqual(plain(again), [`@${me.name}`, ' see ', 'Kitchen 2', ' in ', 'Pantry']);
});
