'use strict';
// docs/fixtures.md: a fixture keeps everything. A workspace that uses every feature
// (nested blocks of many types, a synced block, comments in a discussion, an uploaded
// file in a page, a webhook subscription, a view, a template, a meeting note) is built
// through the official SDK; its export, seeded into a second fresh server, exports back
// byte for byte, and the second server serves the same blocks, comments and file bytes.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, expectApiError } = require('../lib/clients');
const { text, createRootPage, createDatabase } = require('../lib/fixtures');

const ADMIN = 'admin_keep_everything_0123456789';
const TOKEN = 'secret_keep_everything_token_0123456789';
const servers = [];
async function serve() {
  const srv = await startServer({ token: TOKEN, extraArgs: ['--admin-token', ADMIN] });
  servers.push(srv);
  return srv;
}
async function admin(srv, method, route, body) {
  const res = await fetch(`${srv.baseUrl}/_localnotion/${route}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}
const para = (s, extra = {}) => ({ paragraph: { rich_text: text(s), ...extra } });

// Every block under `id`, depth first, as the API shows them.
async function tree(client, id) {
  const out = [];
  let cursor;
  do {
    const page = await client.blocks.children.list({ block_id: id, start_cursor: cursor });
    for (const b of page.results) {
      out.push(b);
      if (b.has_children && b.type !== 'child_page' && b.type !== 'child_database') out.push(...(await tree(client, b.id)));
    }
    cursor = page.has_more ? page.next_cursor : undefined;
  } while (cursor);
  return out;
}
// Hosted-file links differ by server and time: compared without origin and signature.
const signatureFree = (blocks) => JSON.parse(JSON.stringify(blocks, (k, v) => (k === 'url' && typeof v === 'string'
  && v.includes('/_localnotion/files/') ? v.replace(/^http:\/\/[^/]+/, '').replace(/\?.*$/, '') : k === 'expiry_time' ? undefined : v)));

let a; let b; let n; let m; let root; let sub; let db; let upload; let discussion; let first;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 254, 255]);

before(async () => {
  a = await serve();
  n = v5(a, { notionVersion: '2026-03-11' });
  root = await createRootPage(n, 'Everything');
  db = await createDatabase(n, 'v5', root.id, 'Tasks', { Name: { title: {} }, Points: { number: {} } });
  const task = await n.pages.create({ parent: { data_source_id: db.dataSourceId }, properties: { Name: { title: text('Template') }, Points: { number: 3 } } });
  assert.equal((await admin(a, 'POST', `data_sources/${db.dataSourceId}/templates`, { page_id: task.id, is_default: true })).status, 200);
  await n.views.create({ database_id: db.databaseId, data_source_id: db.dataSourceId, name: 'By points', type: 'table', sorts: [{ property: 'Points', direction: 'descending' }] });
  const created = await n.fileUploads.create({ filename: 'pixel.png', content_type: 'image/png' });
  upload = await n.fileUploads.send({ file_upload_id: created.id, file: { filename: 'pixel.png', data: new Blob([PNG], { type: 'image/png' }) } });
  await n.fileUploads.create({ filename: 'never-sent.txt', content_type: 'text/plain' }); // pending, no bytes
  const appended = await n.blocks.children.append({
    block_id: root.id,
    children: [
      { heading_1: { rich_text: text('Title') } },
      para('plain'),
      { bulleted_list_item: { rich_text: text('outer'), children: [{ numbered_list_item: { rich_text: text('inner') } }] } },
      { toggle: { rich_text: text('toggle'), children: [{ code: { rich_text: text('x = 1'), language: 'python' } }] } },
      { callout: { rich_text: text('note'), icon: { emoji: '💡' } } },
      { quote: { rich_text: text('quoted') } },
      { divider: {} },
      { table: { table_width: 2, has_column_header: true, children: [{ table_row: { cells: [text('a'), text('b')] } }, { table_row: { cells: [text('1'), text('2')] } }] } },
      { column_list: { children: [{ column: { children: [para('left')] } }, { column: { children: [para('right')] } }] } },
      { synced_block: { synced_from: null, children: [para('shared')] } },
      { image: { type: 'file_upload', file_upload: { id: upload.id }, caption: text('a pixel') } },
      { bookmark: { url: 'https://example.com' } },
      { equation: { expression: 'e=mc^2' } },
      para('trashed later'),
    ],
  });
  const outer = await n.blocks.children.list({ block_id: appended.results[2].id });
  await n.blocks.children.append({ block_id: outer.results[0].id, children: [{ to_do: { rich_text: text('deep'), checked: true } }] });
  const synced = appended.results.find((x) => x.type === 'synced_block');
  await n.blocks.children.append({ block_id: root.id, children: [{ synced_block: { synced_from: { block_id: synced.id } } }] });
  await n.blocks.delete({ block_id: appended.results.at(-1).id });
  sub = await n.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('Sub page') } }, children: [para('inside the sub page')] });
  first = await n.comments.create({ parent: { page_id: root.id }, rich_text: text('first comment') });
  discussion = first.discussion_id;
  await n.comments.create({ discussion_id: discussion, rich_text: text('a reply'), attachments: [] });
  await n.comments.create({ parent: { block_id: appended.results[1].id }, rich_text: text('on a block') });
  const hook = await admin(a, 'POST', 'webhooks', { integration: 'localnotion', url: 'http://127.0.0.1:9/hook', event_types: ['page.created'] });
  assert.equal(hook.status, 200, hook.text);
});
after(async () => {
  for (const s of servers) { await s.stop().catch(() => {}); await s.dispose(); }
});

test('export → seed into a fresh server → export is byte-identical, and every kind is in it', async () => {
  const exported = await admin(a, 'GET', 'export');
  assert.equal(exported.status, 200);
  const fixture = JSON.parse(exported.text);
  for (const kind of ['blocks', 'comments', 'file_uploads', 'webhook_subscriptions', 'views', 'templates']) {
    assert.ok(Array.isArray(fixture[kind]) && fixture[kind].length > 0, `${kind} in the export`);
  }
  const types = new Set(fixture.blocks.map((x) => x.type));
  for (const t of ['heading_1', 'paragraph', 'bulleted_list_item', 'numbered_list_item', 'to_do', 'toggle', 'code',
    'callout', 'quote', 'divider', 'table', 'table_row', 'column_list', 'column', 'synced_block', 'image', 'bookmark',
    'equation', 'child_page', 'child_database']) assert.ok(types.has(t), `block type ${t} exported`);
  assert.equal(fixture.blocks.filter((x) => x.in_trash).length, 1);
  const pixel = fixture.file_uploads.find((u) => u.id === upload.id);
  assert.equal(Buffer.from(pixel.content_base64, 'base64').compare(PNG), 0);
  assert.equal(fixture.file_uploads.find((u) => u.status === 'pending').content_base64, null);
  assert.equal(fixture.comments.length, 3);
  assert.equal(fixture.webhook_subscriptions[0].verification_token.startsWith('secret_'), true);

  b = await serve();
  m = v5(b, { notionVersion: '2026-03-11' });
  const seeded = await admin(b, 'POST', 'seed', fixture);
  assert.equal(seeded.status, 200, seeded.text);
  const counts = JSON.parse(seeded.text).counts;
  assert.equal(counts.blocks, fixture.blocks.length);
  assert.equal(counts.comments, 3);
  assert.equal(counts.file_uploads, 2);
  assert.equal(counts.webhook_subscriptions, 1);
  const again = await admin(b, 'GET', 'export');
  assert.equal(again.text, exported.text);
});

test('the seeded server serves the same blocks, comments and file bytes', async () => {
  const before = signatureFree(await tree(n, root.id));
  const seen = await tree(m, root.id);
  assert.deepEqual(signatureFree(seen), before);
  assert.deepEqual(seen.map((x) => x.type).slice(0, 3), ['child_database', 'heading_1', 'paragraph']);
  const image = seen.find((x) => x.type === 'image');
  const res = await fetch(image.image.file.url);
  assert.equal(res.status, 200);
  assert.equal(Buffer.from(await res.arrayBuffer()).compare(PNG), 0);
  assert.deepEqual((await m.fileUploads.retrieve({ file_upload_id: upload.id })).status, 'uploaded');
  const reference = seen.filter((x) => x.type === 'synced_block')[1];
  assert.ok(reference.synced_block.synced_from.block_id);
  const subContent = await m.blocks.children.list({ block_id: sub.id });
  assert.deepEqual(subContent.results.map((x) => x.paragraph.rich_text[0].plain_text), ['inside the sub page']);
  const comments = await m.comments.list({ block_id: root.id });
  assert.deepEqual(comments.results.map((c) => [c.discussion_id, c.rich_text[0].plain_text]),
    [[discussion, 'first comment'], [discussion, 'a reply']]);
  assert.deepEqual(comments.results[0], (await n.comments.list({ block_id: root.id })).results[0]);
  const hooks = JSON.parse((await admin(b, 'GET', 'webhooks')).text);
  assert.equal(hooks.results.length, 1);
  assert.deepEqual(hooks.results[0].event_types, ['page.created']);
});

test('a bad blocks, comments, file_uploads or webhook_subscriptions entry is a validation_error and changes nothing', async () => {
  const fixture = JSON.parse((await admin(b, 'GET', 'export')).text);
  const before = (await admin(b, 'GET', 'export')).text;
  const cases = [
    [(f) => { f.blocks[1].type = 'sparkle'; },
      'body failed validation: body.blocks[1].type should be a block type such as `"paragraph"` (meeting notes go in body.meeting_notes), instead was `"sparkle"`.'],
    [(f) => { f.blocks[1].parent = { type: 'block_id', block_id: '59833787-2cf9-4fdf-8782-e53db20768a5' }; },
      'body failed validation: body.blocks[1].parent.block_id should be the id of one of body.blocks, instead was `"59833787-2cf9-4fdf-8782-e53db20768a5"`.'],
    [(f) => { f.file_uploads[0].content_base64 = 'not base64!'; },
      'body failed validation: body.file_uploads[0].content_base64 should be padded base64 text, instead was `"not base64!"`.'],
    [(f) => { f.file_uploads = f.file_uploads.filter((u) => u.id !== upload.id); },
      `body failed validation: body.blocks[${fixture.blocks.findIndex((x) => x.type === 'image')}].image names the file upload \`${upload.id}\`, which is not one of body.file_uploads.`],
    [(f) => { f.comments[0].parent = { type: 'page_id', page_id: '59833787-2cf9-4fdf-8782-e53db20768a5' }; },
      'body failed validation: body.comments[0].parent should be `{"type":"page_id","page_id":<the id of one of body.pages>}` or `{"type":"block_id","block_id":<the id of one of body.blocks>}`, instead was `{"type":"page_id","page_id":"59833787-2cf9-4fdf-8782-e53db20768a5"}`.'],
    [(f) => { f.webhook_subscriptions[0].event_types = ['page.exploded']; },
      'body failed validation: body.webhook_subscriptions[0].event_types[0] should be a webhook event type of api_version 2025-09-03, instead was `"page.exploded"`.'],
    [(f) => { delete f.webhook_subscriptions[0].verification_token; },
      'body failed validation: body.webhook_subscriptions[0].verification_token should be defined, instead was `undefined`.'],
  ];
  for (const [spoil, message] of cases) {
    const bad = JSON.parse(JSON.stringify(fixture));
    spoil(bad);
    const res = await admin(b, 'POST', 'seed', bad);
    assert.equal(res.status, 400, res.text);
    assert.deepEqual(JSON.parse(res.text), { object: 'error', status: 400, code: 'validation_error', message, request_id: JSON.parse(res.text).request_id });
  }
  assert.equal((await admin(b, 'GET', 'export')).text, before);
  await expectApiError(m.blocks.retrieve({ block_id: '59833787-2cf9-4fdf-8782-e53db20768a5' }), {
    status: 404, code: 'object_not_found',
    message: 'Could not find block with ID: 59833787-2cf9-4fdf-8782-e53db20768a5. Make sure the relevant pages and databases are shared with your integration.',
  });
  assert.equal((await m.blocks.children.list({ block_id: root.id })).results.length, 16);
});
