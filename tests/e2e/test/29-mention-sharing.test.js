'use strict';
// Mentions of what an integration cannot see (issue 15, defect 2). Notion's rich text
// reference: "If an integration doesn't have access to the mentioned page, then the
// mention is returned with just the ID. The plain_text value that would be a title
// appears as "Untitled" and the annotation object's values are defaults." (the same for
// databases), and a user mention reads "@Anonymous" for an integration without user
// information. Checked on every path that shows rich text: page properties (title and
// rich_text) on retrieve, query, search and property items, blocks, comments, and the
// answers to the integration's own writes. The owner (whole workspace) still reads names.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, expectApiError, adminCall } = require('../lib/clients');
const {
  text, createRootPage, createDatabase, createPageIn, propertyItemClients,
} = require('../lib/fixtures');

const ADMIN = 'admin_e2e_mentions_0123456789';
const DEFAULTS = {
  bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default',
};

let srv; let owner; let peek; let peekItems; let peek2;
let secret; let secretDb; let shared; let tasks; let row; let ownerUser;

// The admin API with this file's admin token (lib/clients.js adminCall).
const admin = (method, path, body) => adminCall(srv, ADMIN, method, path, body);

// The rich text every test writes: a bold page mention, an italic database mention, a
// user mention, around plain text.
function mentions() {
  return [
    { mention: { page: { id: secret.id } }, annotations: { bold: true, color: 'red' } },
    { text: { content: ' and ' } },
    { mention: { database: { id: secretDb.databaseId } }, annotations: { italic: true } },
    { text: { content: ' by ' } },
    { mention: { user: { id: ownerUser.id } } },
  ];
}

// As the integration that cannot see `secret` and lacks user information.
function assertHidden(richText, where) {
  assert.equal(richText.length, 5, where);
  assert.deepEqual(richText.map((t) => t.plain_text), ['Untitled', ' and ', 'Untitled', ' by ', '@Anonymous'], where);
  assert.deepEqual(richText[0].annotations, DEFAULTS, where);
  assert.deepEqual(richText[0].mention, { type: 'page', page: { id: secret.id } }, where);
  assert.equal(richText[0].href, `https://www.notion.so/${secret.id.replace(/-/g, '')}`, where);
  assert.deepEqual(richText[2].annotations, DEFAULTS, where);
  assert.deepEqual(richText[2].mention, { type: 'database', database: { id: secretDb.databaseId } }, where);
}

before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  owner = v5(srv);
  ownerUser = (await owner.users.list({})).results.find((u) => u.type === 'person');
  secret = await createRootPage(owner, 'Secret plan');
  secretDb = await createDatabase(owner, 'v5', secret.id, 'Secret ledger', { Name: { title: {} } });
  shared = await createRootPage(owner, 'Shared');
  tasks = await createDatabase(owner, 'v5', shared.id, 'Tasks', { Name: { title: {} }, Notes: { rich_text: {} } });
  row = await createPageIn(owner, 'v5', tasks, { Name: { title: mentions() }, Notes: { rich_text: mentions() } });
  await owner.blocks.children.append({ block_id: shared.id, children: [{ paragraph: { rich_text: mentions() } }] });
  await owner.comments.create({ parent: { page_id: shared.id }, rich_text: mentions() });

  const created = await admin('POST', 'integrations', { name: 'Peek', capabilities: 'read,update,insert,comments' });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const share = await admin('POST', `integrations/${created.body.id}/shares`, { object_id: shared.id });
  assert.equal(share.status, 200, JSON.stringify(share.body));
  const as = { token: created.body.token, baseUrl: srv.baseUrl, port: srv.port };
  peek = v5(as);
  peek2 = v2(as);
  peekItems = propertyItemClients(as).n5;
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('the mentioned page and database are not found for the integration', async () => {
  await expectApiError(peek.pages.retrieve({ page_id: secret.id }), {
    status: 404,
    code: 'object_not_found',
    message: `Could not find page with ID: ${secret.id}. Make sure the relevant pages and databases are shared with your integration.`,
  });
});

test('page properties: retrieve (5.x and 2.x), query, search and property items', async () => {
  const got = await peek.pages.retrieve({ page_id: row.id });
  assertHidden(got.properties.Name.title, 'retrieve title');
  assertHidden(got.properties.Notes.rich_text, 'retrieve rich_text');
  const got2 = await peek2.pages.retrieve({ page_id: row.id });
  assertHidden(got2.properties.Name.title, 'retrieve 2.x title');

  const queried = await peek.dataSources.query({ data_source_id: tasks.dataSourceId });
  assert.equal(queried.results.length, 1);
  assertHidden(queried.results[0].properties.Name.title, 'query title');
  assertHidden(queried.results[0].properties.Notes.rich_text, 'query rich_text');

  const found = await peek.search({ filter: { property: 'object', value: 'page' } });
  const hit = found.results.find((p) => p.id === row.id);
  assert.ok(hit, 'search finds the row');
  assertHidden(hit.properties.Notes.rich_text, 'search rich_text');

  const item = await peekItems.pages.properties.retrieve({ page_id: row.id, property_id: got.properties.Notes.id });
  assertHidden(item.results.map((r) => r.rich_text), 'property item rich_text');
  const titleItem = await peekItems.pages.properties.retrieve({ page_id: row.id, property_id: 'title' });
  assertHidden(titleItem.results.map((r) => r.title), 'property item title');
});

test('blocks and comments written by the owner', async () => {
  const children = await peek.blocks.children.list({ block_id: shared.id });
  const paragraph = children.results.find((b) => b.type === 'paragraph');
  assertHidden(paragraph.paragraph.rich_text, 'block children');
  const one = await peek.blocks.retrieve({ block_id: paragraph.id });
  assertHidden(one.paragraph.rich_text, 'block retrieve');

  const listed = await peek.comments.list({ block_id: shared.id });
  assert.equal(listed.results.length, 1);
  assertHidden(listed.results[0].rich_text, 'comments list');
  const oneComment = await peek.comments.retrieve({ comment_id: listed.results[0].id });
  assertHidden(oneComment.rich_text, 'comment retrieve');
});

test("the answers to the integration's own writes", async () => {
  const appended = await peek.blocks.children.append({
    block_id: shared.id, children: [{ paragraph: { rich_text: mentions() } }],
  });
  assertHidden(appended.results[0].paragraph.rich_text, 'append answer');
  const updated = await peek.blocks.update({ block_id: appended.results[0].id, paragraph: { rich_text: mentions() } });
  assertHidden(updated.paragraph.rich_text, 'block update answer');

  const created = await peek.pages.create({
    parent: { data_source_id: tasks.dataSourceId },
    properties: { Name: { title: mentions() }, Notes: { rich_text: mentions() } },
  });
  assertHidden(created.properties.Name.title, 'page create answer');
  const edited = await peek.pages.update({ page_id: created.id, properties: { Notes: { rich_text: mentions() } } });
  assertHidden(edited.properties.Notes.rich_text, 'page update answer');

  const comment = await peek.comments.create({ parent: { page_id: shared.id }, rich_text: mentions() });
  assertHidden(comment.rich_text, 'comment create answer');
});

test('the owner, who sees the whole workspace, reads current names and the annotations written', async () => {
  const got = await owner.pages.retrieve({ page_id: row.id });
  const rt = got.properties.Notes.rich_text;
  assert.deepEqual(rt.map((t) => t.plain_text), ['Secret plan', ' and ', 'Secret ledger', ' by ', `@${ownerUser.name}`]);
  assert.deepEqual(rt[0].annotations, { ...DEFAULTS, bold: true, color: 'red' });
  assert.deepEqual(rt[2].annotations, { ...DEFAULTS, italic: true });
  const comments = await owner.comments.list({ block_id: shared.id });
  assert.deepEqual(comments.results[0].rich_text.map((t) => t.plain_text),
    ['Secret plan', ' and ', 'Secret ledger', ' by ', `@${ownerUser.name}`]);
});
