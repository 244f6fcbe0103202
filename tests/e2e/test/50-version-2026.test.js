'use strict';
// Notion-Version: every value Notion accepts is served (2021-05-11 … 2026-03-11), an
// unknown one gets Notion's exact list; 2026-03-11 drops `archived` from every request
// and response, and block append takes `position` (also on 2025-09-03) and refuses
// `after`. SDK 5.x with notionVersion 2025-09-03 and 2026-03-11; raw HTTP for exact
// errors. Every body is validated against the 2026-03-11 OpenAPI (lib/schema.js), a
// 2026-03-11 body without the `archived` exemption.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, raw, expectApiError, expectRawError } = require('../lib/clients');
const { text, plain, createRootPage, createDatabase } = require('../lib/fixtures');

const VERSIONS = ['2021-05-11', '2021-05-13', '2021-08-16', '2022-02-22', '2022-06-28', '2025-09-03', '2026-03-11'];
const V = (m) => ({ status: 400, code: 'validation_error', message: `body failed validation: ${m}` });
const para = (s) => ({ paragraph: { rich_text: text(s) } });
const texts = (blocks) => blocks.map((b) => plain(b[b.type].rich_text));

let srv; let n25; let n26;
before(async () => {
  srv = await startServer();
  n25 = v5(srv, { notionVersion: '2025-09-03' });
  n26 = v5(srv, { notionVersion: '2026-03-11' });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('every version Notion accepts is served; an unknown one gets Notion\'s list', async () => {
  for (const version of VERSIONS) {
    const res = await raw(srv, { path: '/v1/users/me', version });
    assert.equal(res.status, 200, `${version}: ${res.text}`);
    assert.equal(res.json.object, 'user');
  }
  const bad = await raw(srv, { path: '/v1/users/me', version: '2024-01-01' });
  expectRawError(bad, {
    status: 400,
    code: 'missing_version',
    message: 'Notion-Version header failed validation: Notion-Version header should be `"2021-05-11"`, '
      + '`"2021-05-13"`, `"2021-08-16"`, `"2022-02-22"`, `"2022-06-28"`, `"2025-09-03"`, or `"2026-03-11"`, '
      + 'instead was `"2024-01-01"`.',
  });
});

test('versions before 2022-06-28 are shaped as 2022-06-28', async () => {
  const root = await createRootPage(n25, 'Old versions');
  const db = await createDatabase(n25, 'v5', root.id, 'Shaped', { Name: { title: {} } });
  for (const version of ['2021-05-11', '2021-08-16', '2022-02-22']) {
    const res = await raw(srv, { path: `/v1/databases/${db.databaseId}`, version });
    assert.equal(res.status, 200, res.text);
    assert.ok(res.json.properties && res.json.properties.Name, `${version}: a database has its properties`);
    assert.equal(res.json.archived, false);
    assert.equal('data_sources' in res.json, false);
    const page = await raw(srv, { path: `/v1/pages/${root.id}`, version });
    assert.equal(page.json.archived, false);
    // Data sources exist from 2025-09-03 only.
    const ds = await raw(srv, { path: `/v1/data_sources/${db.dataSourceId}`, version });
    expectRawError(ds, { status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' });
  }
});

test('2026-03-11: pages, blocks and lists carry in_trash only', async () => {
  const page = await createRootPage(n26, 'No archived');
  assert.equal('archived' in page, false);
  assert.equal(page.in_trash, false);
  const appended = await n26.blocks.children.append({ block_id: page.id, children: [para('one')] });
  assert.equal('archived' in appended.results[0], false);
  const block = await n26.blocks.retrieve({ block_id: appended.results[0].id });
  assert.equal('archived' in block, false);
  const trashed = await n26.pages.update({ page_id: page.id, in_trash: true });
  assert.equal(trashed.in_trash, true);
  assert.equal('archived' in trashed, false);
  const restored = await n26.pages.update({ page_id: page.id, in_trash: false });
  assert.equal(restored.in_trash, false);
  // The same objects under 2025-09-03 still show both.
  const old = await n25.pages.retrieve({ page_id: page.id });
  assert.equal(old.archived, false);
  assert.equal(old.in_trash, false);
  const search = await n26.search({ query: 'No archived' });
  assert.ok(search.results.length >= 1);
  for (const r of search.results) assert.equal('archived' in r, false);
});

test('2026-03-11: sending archived is "should be not present" on pages, blocks, data sources and queries', async () => {
  const root = await createRootPage(n26, 'Archived refused');
  const db = await createDatabase(n26, 'v5', root.id, 'Refusing', { Name: { title: {} } });
  const { results: [blk] } = await n26.blocks.children.append({ block_id: root.id, children: [para('x')] });
  await expectApiError(n26.pages.update({ page_id: root.id, archived: true }),
    V('body.archived should be not present, instead was `true`.'));
  await expectApiError(n26.blocks.update({ block_id: blk.id, archived: false }),
    V('body.archived should be not present, instead was `false`.'));
  await expectApiError(n26.dataSources.update({ data_source_id: db.dataSourceId, archived: true }),
    V('body.archived should be not present, instead was `true`.'));
  await expectApiError(n26.dataSources.query({ data_source_id: db.dataSourceId, archived: true }),
    V('body.archived should be not present, instead was `true`.'));
  // Nothing was trashed on the way.
  assert.equal((await n26.pages.retrieve({ page_id: root.id })).in_trash, false);
  // 2025-09-03 still takes the alias.
  const trashed = await n25.blocks.update({ block_id: blk.id, archived: true });
  assert.equal(trashed.in_trash, true);
  assert.equal(trashed.archived, true);
});

test('append position: start, end and after_block, under 2025-09-03 and 2026-03-11', async () => {
  for (const [client, name] of [[n25, '2025'], [n26, '2026']]) {
    const page = await createRootPage(client, `Positions ${name}`);
    const { results: [b] } = await client.blocks.children.append({ block_id: page.id, children: [para('b'), para('d')] });
    await client.blocks.children.append({ block_id: page.id, children: [para('a')], position: { type: 'start' } });
    await client.blocks.children.append({
      block_id: page.id, children: [para('c')], position: { type: 'after_block', after_block: { id: b.id } },
    });
    await client.blocks.children.append({ block_id: page.id, children: [para('e')], position: { type: 'end' } });
    const list = await client.blocks.children.list({ block_id: page.id });
    assert.deepEqual(texts(list.results), ['a', 'b', 'c', 'd', 'e'], name);
    await expectApiError(
      client.blocks.children.append({ block_id: page.id, children: [para('z')], position: { type: 'page_start' } }),
      V('body.position.type should be `"after_block"`, `"start"`, or `"end"`, instead was `"page_start"`.'));
  }
});

test('append `after`: works on 2025-09-03, "should be not present" on 2026-03-11, refused beside position', async () => {
  const page = await createRootPage(n25, 'After');
  const { results: [first] } = await n25.blocks.children.append({ block_id: page.id, children: [para('1'), para('3')] });
  await n25.blocks.children.append({ block_id: page.id, children: [para('2')], after: first.id });
  assert.deepEqual(texts((await n25.blocks.children.list({ block_id: page.id })).results), ['1', '2', '3']);
  await expectApiError(n26.blocks.children.append({ block_id: page.id, children: [para('x')], after: first.id }),
    V(`body.after should be not present, instead was \`"${first.id}"\`.`));
  await expectApiError(
    n25.blocks.children.append({ block_id: page.id, children: [para('x')], after: first.id, position: { type: 'end' } }),
    { status: 400, code: 'validation_error', message: 'You cannot specify both `after` and `position` in the same request.' });
  assert.deepEqual(texts((await n26.blocks.children.list({ block_id: page.id })).results), ['1', '2', '3']);
});
