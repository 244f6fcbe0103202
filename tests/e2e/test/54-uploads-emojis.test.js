'use strict';
// GET /v1/file_uploads with SDK 5.x fileUploads.list (?status, paging) and
// GET /v1/custom_emojis with customEmojis.list (emojis added through the admin API; an
// empty list otherwise), under 2025-09-03 and 2026-03-11.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, raw, expectApiError, expectRawError, adminCall } = require('../lib/clients');

const ADMIN = 'admin_e2e_emojis_0123456789';
let srv; let n25; let n26;
// The admin API with this file's admin token (lib/clients.js adminCall).
const admin = (method, path, body) => adminCall(srv, ADMIN, method, path, body);

before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  n25 = v5(srv, { notionVersion: '2025-09-03' });
  n26 = v5(srv, { notionVersion: '2026-03-11' });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('fileUploads.list: newest first, ?status, paging, under both versions', async () => {
  const a = await n25.fileUploads.create({ filename: 'a.txt', content_type: 'text/plain' });
  const b = await n26.fileUploads.create({ filename: 'b.txt', content_type: 'text/plain' });
  await n26.fileUploads.send({ file_upload_id: b.id, file: { filename: 'b.txt', data: new Blob(['hello'], { type: 'text/plain' }) } });
  for (const client of [n25, n26]) {
    const all = await client.fileUploads.list({});
    assert.deepEqual(all.results.map((u) => u.id), [b.id, a.id]);
    assert.equal(all.type, 'file_upload');
    const uploaded = await client.fileUploads.list({ status: 'uploaded' });
    assert.deepEqual(uploaded.results.map((u) => u.id), [b.id]);
    const pending = await client.fileUploads.list({ status: 'pending' });
    assert.deepEqual(pending.results.map((u) => u.id), [a.id]);
    const first = await client.fileUploads.list({ page_size: 1 });
    assert.equal(first.has_more, true);
    const second = await client.fileUploads.list({ page_size: 1, start_cursor: first.next_cursor });
    assert.deepEqual(second.results.map((u) => u.id), [a.id]);
    assert.equal(second.has_more, false);
  }
  for (const u of (await n26.fileUploads.list({})).results) assert.equal('archived' in u, false);
});

test('customEmojis.list: empty, then what the admin API added, by exact name and paged', async () => {
  const empty = await n26.customEmojis.list();
  assert.deepEqual(empty, { object: 'list', type: 'custom_emoji', results: [], has_more: false, next_cursor: null });
  const party = await admin('POST', 'custom_emojis', { name: 'party-parrot', url: 'https://example.com/parrot.gif' });
  assert.equal(party.status, 200, JSON.stringify(party.body));
  const ship = await admin('POST', 'custom_emojis', { name: 'shipit', url: 'https://example.com/shipit.png' });
  const dup = await admin('POST', 'custom_emojis', { name: 'shipit', url: 'https://example.com/other.png' });
  assert.equal(dup.status, 400);
  for (const client of [n25, n26]) {
    const all = await client.customEmojis.list({});
    assert.deepEqual(all.results, [party.body, ship.body]);
    const named = await client.customEmojis.list({ name: 'shipit' });
    assert.deepEqual(named.results, [ship.body]);
    assert.deepEqual((await client.customEmojis.list({ name: 'ship' })).results, [], 'name is an exact match');
    const first = await client.customEmojis.list({ page_size: 1 });
    assert.equal(first.has_more, true);
    assert.equal(first.next_cursor, ship.body.id);
    const second = await client.customEmojis.list({ page_size: 1, start_cursor: first.next_cursor });
    assert.deepEqual(second.results, [ship.body]);
  }
  expectRawError(await raw(srv, { path: '/v1/custom_emojis?page_size=0', version: '2026-03-11' }), {
    status: 400, code: 'validation_error',
    message: 'query failed validation: query.page_size should be ≥ `1` or `undefined`, instead was `0`.',
  });
  await expectApiError(n26.customEmojis.list({ page_size: 101 }), {
    status: 400, code: 'validation_error',
    message: 'query failed validation: query.page_size should be ≤ `100` or `undefined`, instead was `101`.',
  });
});

test('custom emoji icons on pages and databases: named by id, shown with name and url', async () => {
  const emoji = (await admin('POST', 'custom_emojis', { name: 'rocket-cat', url: 'https://example.com/rocket-cat.png' })).body;
  const shown = { type: 'custom_emoji', custom_emoji: { id: emoji.id, name: 'rocket-cat', url: 'https://example.com/rocket-cat.png' } };
  const page = await n26.pages.create({ parent: { type: 'workspace', workspace: true },
    icon: { type: 'custom_emoji', custom_emoji: { id: emoji.id } }, properties: { title: { title: [{ text: { content: 'Iconic' } }] } } });
  assert.deepEqual(page.icon, shown);
  assert.deepEqual((await n25.pages.retrieve({ page_id: page.id })).icon, shown);
  const db = await n25.databases.create({ parent: { type: 'page_id', page_id: page.id }, title: [{ text: { content: 'D' } }],
    icon: { custom_emoji: { id: emoji.id.replace(/-/g, '') } }, initial_data_source: { properties: { Name: { title: {} } } } });
  assert.deepEqual(db.icon, shown);
  const missing = '0d7ef2a4-6b3c-4d2e-9f1a-1c2b3d4e5f60';
  await expectApiError(n26.pages.update({ page_id: page.id, icon: { type: 'custom_emoji', custom_emoji: { id: missing } } }), {
    status: 400, code: 'validation_error',
    message: `body.icon.custom_emoji.id names no custom emoji of this workspace: ${missing}.`,
  });
  assert.deepEqual((await n26.pages.retrieve({ page_id: page.id })).icon, shown);
});

test('custom emoji icons on callouts and tab items: on append and on update; an unknown id changes nothing', async () => {
  const emoji = (await admin('POST', 'custom_emojis', { name: 'blob-wave', url: 'https://example.com/blob-wave.gif' })).body;
  const shown = { type: 'custom_emoji', custom_emoji: { id: emoji.id, name: 'blob-wave', url: 'https://example.com/blob-wave.gif' } };
  const page = await n26.pages.create({ parent: { type: 'workspace', workspace: true },
    properties: { title: { title: [{ text: { content: 'Callouts' } }] } } });
  const appended = await n26.blocks.children.append({ block_id: page.id, children: [
    { callout: { rich_text: [{ text: { content: 'Hi' } }], icon: { type: 'custom_emoji', custom_emoji: { id: emoji.id } } } },
    { tab: { children: [{ paragraph: { rich_text: [{ text: { content: 'First' } }], icon: { custom_emoji: { id: emoji.id } } } }] } },
  ] });
  const [callout, tab] = appended.results;
  assert.deepEqual(callout.callout.icon, shown);
  const items = await n26.blocks.children.list({ block_id: tab.id });
  assert.deepEqual(items.results[0].paragraph.icon, shown);
  assert.deepEqual((await n25.blocks.retrieve({ block_id: callout.id })).callout.icon, shown);

  const plain = await n26.blocks.update({ block_id: callout.id, callout: { icon: { type: 'emoji', emoji: '💡' } } });
  assert.deepEqual(plain.callout.icon, { type: 'emoji', emoji: '💡' });
  const back = await n26.blocks.update({ block_id: callout.id, callout: { icon: { custom_emoji: { id: emoji.id } } } });
  assert.deepEqual(back.callout.icon, shown);

  const missing = '0d7ef2a4-6b3c-4d2e-9f1a-1c2b3d4e5f61';
  await expectApiError(n26.blocks.update({ block_id: callout.id, callout: { icon: { custom_emoji: { id: missing } } } }), {
    status: 400, code: 'validation_error',
    message: `body.callout.icon.custom_emoji.id names no custom emoji of this workspace: ${missing}.`,
  });
  await expectApiError(n26.blocks.children.append({ block_id: page.id, children: [
    { callout: { rich_text: [], icon: { custom_emoji: { id: missing } } } }] }), {
    status: 400, code: 'validation_error',
    message: `body.children[0].callout.icon.custom_emoji.id names no custom emoji of this workspace: ${missing}.`,
  });
  assert.deepEqual((await n26.blocks.retrieve({ block_id: callout.id })).callout.icon, shown);
  assert.equal((await n26.blocks.children.list({ block_id: page.id })).results.length, 2);
});

test('fixtures keep custom emojis and the icons that name them: export, seed, the same export', async () => {
  const emoji = (await admin('POST', 'custom_emojis', { name: 'fixture-fox', url: 'https://example.com/fox.png' })).body;
  const page = await n26.pages.create({ parent: { type: 'workspace', workspace: true },
    icon: { custom_emoji: { id: emoji.id } }, properties: { title: { title: [{ text: { content: 'Foxy' } }] } } });
  const exported = await admin('GET', 'export');
  assert.equal(exported.status, 200);
  assert.ok(exported.body.custom_emojis.some((e) => e.id === emoji.id && e.name === 'fixture-fox'));
  const listBefore = await n26.customEmojis.list({});
  const seeded = await admin('POST', 'seed', exported.body);
  assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
  assert.deepEqual(await n26.customEmojis.list({}), listBefore);
  assert.deepEqual((await n26.pages.retrieve({ page_id: page.id })).icon,
    { type: 'custom_emoji', custom_emoji: { id: emoji.id, name: 'fixture-fox', url: 'https://example.com/fox.png' } });
  assert.deepEqual((await admin('GET', 'export')).body, exported.body);

  // An icon naming an emoji the fixture does not hold is refused, and the seed changes nothing.
  const broken = JSON.parse(JSON.stringify(exported.body));
  broken.custom_emojis = broken.custom_emojis.filter((e) => e.id !== emoji.id);
  const at = broken.pages.findIndex((p) => p.id === page.id);
  const refused = await admin('POST', 'seed', broken);
  assert.equal(refused.status, 400);
  assert.equal(refused.body.message, `body.pages[${at}].icon.custom_emoji.id names no custom emoji of this workspace: ${emoji.id}.`);
  assert.deepEqual(await n26.customEmojis.list({}), listBefore);
});
