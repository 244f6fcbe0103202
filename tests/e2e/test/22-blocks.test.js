'use strict';
// Page content: GET /v1/blocks/{id}, GET and PATCH /v1/blocks/{id}/children, PATCH and
// DELETE /v1/blocks/{id}, POST /v1/pages with children, child_page / child_database
// blocks, with both SDKs (5.x sends 2025-09-03, 2.x sends 2022-06-28). Every body is
// validated against blockObjectResponse by lib/schema.js.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, raw, expectApiError, expectRawError } = require('../lib/clients');
const { text, plain, createRootPage, createDatabase } = require('../lib/fixtures');
const { collectPaginatedAPI: collect5, iteratePaginatedAPI: iterate5 } = require('@notionhq/client');
const { collectPaginatedAPI: collect2, iteratePaginatedAPI: iterate2 } = require('notion-v2');

const ARCHIVED = {
  status: 400, code: 'validation_error',
  message: "Can't edit block that is archived. You must unarchive the block before editing.",
};
// Notion's block request union, in the order its "Fix one:" message lists the types
// (@notionhq/client 5.26's BlockObjectRequest, without `template`, which localnotion
// does not serve).
const UNION = ['embed', 'bookmark', 'image', 'video', 'pdf', 'file', 'audio', 'code', 'equation', 'divider',
  'breadcrumb', 'tab', 'table_of_contents', 'link_to_page', 'table_row', 'table', 'column_list', 'column', 'heading_1',
  'heading_2', 'heading_3', 'heading_4', 'paragraph', 'bulleted_list_item', 'numbered_list_item', 'quote', 'to_do',
  'toggle', 'callout', 'synced_block'];

const para = (s) => ({ paragraph: { rich_text: text(s) } });
const paras = (n, prefix = 'p') => Array.from({ length: n }, (_, i) => para(`${prefix}${i}`));
const texts = (blocks) => blocks.map((b) => plain(b[b.type].rich_text));

let srv; let n5; let n2;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  n2 = v2(srv);
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('append nested blocks with 5.x, read them back with both SDKs and their pagination helpers', async () => {
  const page = await createRootPage(n5, 'Content');
  const res = await n5.blocks.children.append({
    block_id: page.id,
    children: [
      { heading_1: { rich_text: text('Title'), is_toggleable: false } },
      { toggle: { rich_text: text('More'), children: [para('inside 1'), para('inside 2')] } },
      { to_do: { rich_text: text('task'), checked: true } },
      { code: { rich_text: text('x = 1'), language: 'python' } },
      { callout: { rich_text: text('note'), icon: { type: 'emoji', emoji: '💡' }, color: 'gray_background' } },
      { divider: {} },
      { equation: { expression: 'e=mc^2' } },
      { bulleted_list_item: { rich_text: text('b') } },
      { numbered_list_item: { rich_text: text('n') } },
      { quote: { rich_text: text('q') } },
      { table: { table_width: 2, has_column_header: true, children: [
        { table_row: { cells: [text('a'), text('b')] } }, { table_row: { cells: [text('c'), []] } }] } },
      { column_list: { children: [{ column: { children: [para('left')] } }, { column: { children: [para('right')] } }] } },
    ],
  });
  // The answer lists only the new top-level blocks.
  assert.equal(res.object, 'list');
  assert.equal(res.results.length, 12);
  assert.equal(res.has_more, false);
  assert.equal(res.next_cursor, null);
  const toggle = res.results[1];
  assert.equal(toggle.type, 'toggle');
  assert.equal(toggle.has_children, true);
  assert.deepEqual(toggle.parent, { type: 'page_id', page_id: page.id });
  assert.equal(res.results[0].has_children, false);

  const all5 = await collect5(n5.blocks.children.list, { block_id: page.id });
  assert.deepEqual(all5.map((b) => b.type), ['heading_1', 'toggle', 'to_do', 'code', 'callout', 'divider', 'equation',
    'bulleted_list_item', 'numbered_list_item', 'quote', 'table', 'column_list']);
  assert.deepEqual(all5.map((b) => b.id), res.results.map((b) => b.id));
  assert.equal(all5[2].to_do.checked, true);
  assert.equal(all5[3].code.language, 'python');
  assert.deepEqual(all5[3].code.caption, []);
  assert.deepEqual(all5[4].callout.icon, { type: 'emoji', emoji: '💡' });
  assert.equal(all5[4].callout.color, 'gray_background');
  assert.deepEqual(all5[5].divider, {});
  assert.equal(all5[6].equation.expression, 'e=mc^2');
  assert.deepEqual(all5[10].table, { has_column_header: true, has_row_header: false, table_width: 2 });

  const inside = [];
  for await (const b of iterate2(n2.blocks.children.list, { block_id: toggle.id })) inside.push(b);
  assert.deepEqual(texts(inside), ['inside 1', 'inside 2']);
  assert.deepEqual(inside[0].parent, { type: 'block_id', block_id: toggle.id });
  const rows = await collect2(n2.blocks.children.list, { block_id: all5[10].id });
  assert.deepEqual(rows.map((r) => r.table_row.cells.map(plain)), [['a', 'b'], ['c', '']]);
  const cols = await collect5(n5.blocks.children.list, { block_id: all5[11].id });
  assert.deepEqual(cols.map((c) => c.type), ['column', 'column']);
  const right = await collect5(n5.blocks.children.list, { block_id: cols[1].id });
  assert.deepEqual(texts(right), ['right']);

  const got = await n2.blocks.retrieve({ block_id: toggle.id });
  assert.equal(got.id, toggle.id);
  assert.equal(plain(got.toggle.rich_text), 'More');
  assert.equal(got.archived, false);
  assert.equal(got.in_trash, false);
});

test('children are paginated (page_size, start_cursor) in order', async () => {
  const page = await createRootPage(n2, 'Long');
  await n2.blocks.children.append({ block_id: page.id, children: paras(100, 'a') });
  await n5.blocks.children.append({ block_id: page.id, children: paras(5, 'b') });
  const first = await n5.blocks.children.list({ block_id: page.id, page_size: 40 });
  assert.equal(first.results.length, 40);
  assert.equal(first.has_more, true);
  const second = await n5.blocks.children.list({ block_id: page.id, page_size: 40, start_cursor: first.next_cursor });
  assert.equal(second.results[0].id, first.next_cursor);
  const all = await collect5(n5.blocks.children.list, { block_id: page.id, page_size: 40 });
  assert.equal(all.length, 105);
  assert.deepEqual(texts(all), [...paras(100, 'a'), ...paras(5, 'b')].map((b) => b.paragraph.rich_text[0].text.content));
  const dflt = await n2.blocks.children.list({ block_id: page.id });
  assert.equal(dflt.results.length, 100);
  assert.equal(dflt.has_more, true);
  await expectApiError(n5.blocks.children.list({ block_id: page.id, page_size: 101 }), {
    status: 400, code: 'validation_error',
    message: 'query failed validation: query.page_size should be ≤ `100` or `undefined`, instead was `101`.',
  });
  const bad = await raw(srv, { path: `/v1/blocks/${page.id}/children?start_cursor=bogus` });
  expectRawError(bad, {
    status: 400, code: 'validation_error',
    message: 'query failed validation: query.start_cursor should be a valid uuid or `undefined`, instead was `"bogus"`.',
  });
});

test('after: new blocks go right after the given sibling, in request order', async () => {
  const page = await createRootPage(n5, 'Order');
  const base = await n5.blocks.children.append({ block_id: page.id, children: [para('one'), para('four')] });
  const mid = await n5.blocks.children.append({
    block_id: page.id, after: base.results[0].id, children: [para('two'), para('three')],
  });
  assert.deepEqual(texts(mid.results), ['two', 'three']);
  await n2.blocks.children.append({ block_id: page.id, after: base.results[1].id, children: [para('five')] });
  await n2.blocks.children.append({ block_id: page.id, children: [para('six')] });
  const all = await collect2(n2.blocks.children.list, { block_id: page.id });
  assert.deepEqual(texts(all), ['one', 'two', 'three', 'four', 'five', 'six']);
  const other = await createRootPage(n5, 'Other');
  await expectApiError(n5.blocks.children.append({ block_id: other.id, after: base.results[0].id, children: [para('x')] }), {
    status: 400, code: 'validation_error',
    message: `Block ${base.results[0].id} is not a child of ${other.id}.`,
  });
});

test('update: content fields merge, the type never changes', async () => {
  const page = await createRootPage(n5, 'Edits');
  const { results: [todo, head] } = await n5.blocks.children.append({
    block_id: page.id,
    children: [{ to_do: { rich_text: text('buy milk') } }, { heading_2: { rich_text: text('H2') } }],
  });
  assert.equal(todo.to_do.checked, false);
  const checked = await n5.blocks.update({ block_id: todo.id, to_do: { checked: true } });
  assert.equal(checked.to_do.checked, true);
  assert.equal(plain(checked.to_do.rich_text), 'buy milk');
  const renamed = await n2.blocks.update({ block_id: todo.id, to_do: { rich_text: text('buy oat milk'), color: 'red' } });
  assert.equal(plain(renamed.to_do.rich_text), 'buy oat milk');
  assert.equal(renamed.to_do.checked, true);
  assert.equal(renamed.to_do.color, 'red');
  const toggled = await n5.blocks.update({ block_id: head.id, heading_2: { is_toggleable: true } });
  assert.equal(toggled.heading_2.is_toggleable, true);
  await expectApiError(n5.blocks.update({ block_id: head.id, paragraph: { rich_text: text('p') } }), {
    status: 400, code: 'validation_error', message: 'Expected block type heading_2 in request body',
  });
  const still = await n5.blocks.retrieve({ block_id: head.id });
  assert.equal(still.type, 'heading_2');
  assert.equal(plain(still.heading_2.rich_text), 'H2');
});

test('delete moves a block to the trash; children lists skip it; restore brings it back', async () => {
  const page = await createRootPage(n5, 'Trash');
  const { results: [a, b] } = await n5.blocks.children.append({
    block_id: page.id,
    children: [para('a'), { toggle: { rich_text: text('b'), children: [para('b1')] } }],
  });
  const del = await n5.blocks.delete({ block_id: b.id });
  assert.equal(del.in_trash, true);
  assert.equal(del.archived, true);
  assert.equal(del.type, 'toggle');
  assert.deepEqual(texts(await collect5(n5.blocks.children.list, { block_id: page.id })), ['a']);
  const got = await n2.blocks.retrieve({ block_id: b.id });
  assert.equal(got.archived, true);
  // Content under a trashed block is shown as trashed and cannot be edited.
  const [child] = await collect5(n5.blocks.children.list, { block_id: b.id });
  assert.equal(child.in_trash, true);
  await expectApiError(n5.blocks.update({ block_id: child.id, paragraph: { rich_text: text('x') } }), ARCHIVED);
  await expectApiError(n5.blocks.children.append({ block_id: b.id, children: [para('x')] }), ARCHIVED);
  await expectApiError(n5.blocks.update({ block_id: b.id, toggle: { rich_text: text('x') } }), ARCHIVED);
  const back = await n2.blocks.update({ block_id: b.id, archived: false });
  assert.equal(back.in_trash, false);
  assert.deepEqual(texts(await collect5(n5.blocks.children.list, { block_id: page.id })), ['a', 'b']);
  assert.equal(a.in_trash, false);
});

test('append errors: limits, nesting, unknown type, trashed page, unknown block', async () => {
  const page = await createRootPage(n5, 'Errors');
  await expectApiError(n5.blocks.children.append({ block_id: page.id, children: paras(101) }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.children.length should be ≤ `100`, instead was `101`.',
  });
  const deep = [{ toggle: { rich_text: [], children: [{ toggle: { rich_text: [], children: [para('3')] } }] } }];
  await expectApiError(n2.blocks.children.append({ block_id: page.id, children: deep }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.children[0].toggle.children[0].toggle.children should be not present, ' +
      'instead was `[{"paragraph":{"rich_text":[{"text":{"content":"3"}}]}}]`.',
  });
  const toggles = Array.from({ length: 10 }, (_, i) => ({ toggle: { rich_text: [], children: paras(100, `t${i}-`) } }));
  await expectApiError(n5.blocks.children.append({ block_id: page.id, children: toggles }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: the number of blocks in body.children, nested ones included, should be ≤ ' +
      '`1000`, instead was `1010`.',
  });
  await expectApiError(n5.blocks.children.append({ block_id: page.id, children: [{ type: 'banana', banana: {} }] }), {
    status: 400, code: 'validation_error',
    message: `body failed validation. Fix one:\n${UNION.map((t) => `body.children[0].${t} should be defined, instead was \`undefined\`.`).join('\n')}`,
  });
  await expectApiError(n5.blocks.children.append({ block_id: page.id, children: [{ paragraph: {} }] }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.children[0].paragraph.rich_text should be defined, instead was `undefined`.',
  });
  await expectApiError(n2.blocks.children.append({ block_id: page.id, children: [{ column: { children: [para('c')] } }] }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.children[0] is a column block, which is only allowed inside a column_list block.',
  });
  // Nothing of the failed requests was written.
  assert.equal((await n5.blocks.children.list({ block_id: page.id })).results.length, 0);

  const missing = '0b7cf1e5-8a43-4f1e-9f5c-1d2e3f4a5b6c';
  await expectApiError(n5.blocks.retrieve({ block_id: missing }), {
    status: 404, code: 'object_not_found',
    message: `Could not find block with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  expectRawError(await raw(srv, { path: '/v1/blocks/nope' }), {
    status: 400, code: 'validation_error',
    message: 'path failed validation: path.block_id should be a valid uuid, instead was `"nope"`.',
  });
  // `position` is served on every version since Notion added it (2026-01-22); a type it
  // does not know is refused (50-version-2026 covers the rest).
  expectRawError(await raw(srv, { method: 'PATCH', path: `/v1/blocks/${page.id}/children`, body: { children: [], position: { type: 'top' } } }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.position.type should be `"after_block"`, `"start"`, or `"end"`, instead was `"top"`.',
  });
  const { results: [div] } = await n5.blocks.children.append({ block_id: page.id, children: [{ divider: {} }] });
  await expectApiError(n5.blocks.children.append({ block_id: div.id, children: [para('x')] }), {
    status: 400, code: 'validation_error', message: 'Block type divider does not support children.',
  });
  await n5.pages.update({ page_id: page.id, in_trash: true });
  await expectApiError(n5.blocks.children.append({ block_id: page.id, children: [para('late')] }), ARCHIVED);
  await expectApiError(n2.blocks.children.append({ block_id: page.id, children: [para('late')] }), ARCHIVED);
});

test('media blocks always carry caption, [] when none was given; an unknown file upload fails the whole append', async () => {
  const page = await createRootPage(n5, 'Media');
  const url = 'https://example.com/a.png';
  const res = await n5.blocks.children.append({
    block_id: page.id,
    children: [
      { image: { external: { url } } }, { video: { external: { url } } }, { pdf: { external: { url } } },
      { file: { external: { url } } }, { embed: { url } }, { bookmark: { url } },
      { image: { type: 'external', external: { url }, caption: text('cap') } },
    ],
  });
  for (const b of res.results.slice(0, 6)) assert.deepEqual(b[b.type].caption, [], b.type);
  assert.deepEqual(res.results[0].image, { caption: [], type: 'external', external: { url } });
  assert.deepEqual(res.results[3].file, { caption: [], type: 'external', external: { url }, name: 'a.png' });
  assert.equal(plain(res.results[6].image.caption), 'cap');
  const listed = await collect2(n2.blocks.children.list, { block_id: page.id });
  for (const b of listed) assert.ok(Array.isArray(b[b.type].caption), b.type);
  await expectApiError(n5.blocks.children.append({
    block_id: page.id,
    children: [{ image: { external: { url } } },
      { image: { type: 'file_upload', file_upload: { id: '0b7cf1e5-8a43-4f1e-9f5c-1d2e3f4a5b6c' } } }],
  }), {
    status: 400, code: 'validation_error',
    message: 'Could not find file upload with ID: 0b7cf1e5-8a43-4f1e-9f5c-1d2e3f4a5b6c.',
  });
  // The request failed after its first block was stored: the whole request is undone.
  assert.equal((await collect5(n5.blocks.children.list, { block_id: page.id })).length, 7);
});

test('pages are blocks: child_page and child_database in the parent, titles follow renames, trash hides them', async () => {
  const root = await createRootPage(n5, 'Parent');
  await n5.blocks.children.append({ block_id: root.id, children: [para('first')] });
  const kid = await n5.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('Kid') } } });
  const db5 = await createDatabase(n5, 'v5', root.id, 'Tasks', { Name: { title: {} } });
  const db2 = await createDatabase(n2, 'v2', root.id, 'Notes', { Name: { title: {} } });
  await n2.blocks.children.append({ block_id: root.id, children: [para('last')] });

  const children = await collect5(n5.blocks.children.list, { block_id: root.id });
  assert.deepEqual(children.map((b) => b.type), ['paragraph', 'child_page', 'child_database', 'child_database', 'paragraph']);
  assert.equal(children[1].id, kid.id);
  assert.deepEqual(children[1].child_page, { title: 'Kid' });
  assert.equal(children[2].id, db5.databaseId);
  assert.deepEqual(children[2].child_database, { title: 'Tasks' });
  assert.deepEqual(children[3].child_database, { title: 'Notes' });

  const self = await n2.blocks.retrieve({ block_id: root.id });
  assert.equal(self.type, 'child_page');
  assert.deepEqual(self.child_page, { title: 'Parent' });
  assert.deepEqual(self.parent, { type: 'workspace', workspace: true });
  assert.equal(self.has_children, true);

  await n5.pages.update({ page_id: kid.id, properties: { title: { title: text('Renamed') } } });
  assert.deepEqual((await n5.blocks.retrieve({ block_id: kid.id })).child_page, { title: 'Renamed' });

  // Content of the child page; then trash the child page: it leaves the parent's list,
  // and what is below it shows as trashed.
  const { results: [inner] } = await n5.blocks.children.append({ block_id: kid.id, children: [para('inner')] });
  const grandchild = await n5.pages.create({ parent: { page_id: kid.id }, properties: { title: { title: text('GC') } } });
  await n5.pages.update({ page_id: kid.id, in_trash: true });
  const after1 = await collect2(n2.blocks.children.list, { block_id: root.id });
  assert.deepEqual(after1.map((b) => b.type), ['paragraph', 'child_database', 'child_database', 'paragraph']);
  assert.equal((await n5.blocks.retrieve({ block_id: inner.id })).in_trash, true);
  const gc = await n5.pages.retrieve({ page_id: grandchild.id });
  assert.equal(gc.in_trash, true);
  await expectApiError(n5.pages.update({ page_id: grandchild.id, properties: { title: { title: text('x') } } }), ARCHIVED);
  await expectApiError(n5.pages.create({ parent: { page_id: kid.id }, properties: { title: { title: text('no') } } }), ARCHIVED);

  // Restoring the page brings everything back.
  await n5.pages.update({ page_id: kid.id, in_trash: false });
  assert.equal((await n5.blocks.retrieve({ block_id: inner.id })).in_trash, false);
  assert.equal((await n5.pages.retrieve({ page_id: grandchild.id })).in_trash, false);

  // DELETE of a child_page block trashes the page; trashing a database hides its block.
  const gone = await n5.blocks.delete({ block_id: kid.id });
  assert.equal(gone.type, 'child_page');
  assert.equal(gone.in_trash, true);
  assert.equal((await n5.pages.retrieve({ page_id: kid.id })).in_trash, true);
  await n5.databases.update({ database_id: db5.databaseId, in_trash: true });
  const after2 = await collect5(n5.blocks.children.list, { block_id: root.id });
  assert.deepEqual(after2.map((b) => b.type), ['paragraph', 'child_database', 'paragraph']);
  assert.equal(after2[1].id, db2.databaseId);
});

test('POST /v1/pages with children creates the content in the same request (both versions)', async () => {
  const root = await createRootPage(n5, 'Holder');
  const p5 = await n5.pages.create({
    parent: { page_id: root.id },
    properties: { title: { title: text('With content') } },
    children: [{ heading_2: { rich_text: text('Intro') } },
      { bulleted_list_item: { rich_text: text('one'), children: [para('nested')] } }],
  });
  const c5 = await collect5(n5.blocks.children.list, { block_id: p5.id });
  assert.deepEqual(c5.map((b) => b.type), ['heading_2', 'bulleted_list_item']);
  assert.equal(c5[1].has_children, true);
  assert.deepEqual(texts(await collect5(n5.blocks.children.list, { block_id: c5[1].id })), ['nested']);

  const { databaseId } = await createDatabase(n2, 'v2', root.id, 'Rows', { Name: { title: {} } });
  const p2 = await n2.pages.create({
    parent: { database_id: databaseId },
    properties: { Name: { title: text('row') } },
    children: [para('row body')],
  });
  const c2 = await collect2(n2.blocks.children.list, { block_id: p2.id });
  assert.deepEqual(texts(c2), ['row body']);
  const asBlock = await n2.blocks.retrieve({ block_id: p2.id });
  assert.deepEqual(asBlock.parent, { type: 'database_id', database_id: databaseId });
  assert.deepEqual(asBlock.child_page, { title: 'row' });
  // 2025-09-03 names the data source too, as page objects do.
  const db = await n5.databases.retrieve({ database_id: databaseId });
  const asBlock5 = await n5.blocks.retrieve({ block_id: p2.id });
  assert.deepEqual(asBlock5.parent, { type: 'data_source_id', data_source_id: db.data_sources[0].id, database_id: databaseId });

  await expectApiError(n5.pages.create({
    parent: { page_id: root.id }, properties: { title: { title: text('too many') } }, children: paras(101),
  }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.children.length should be ≤ `100`, instead was `101`.',
  });
  const toggles = Array.from({ length: 11 }, () => ({ toggle: { rich_text: [], children: paras(100) } }));
  await expectApiError(n5.pages.create({
    parent: { page_id: root.id }, properties: { title: { title: text('too big') } }, children: toggles,
  }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: the number of blocks in body.children, nested ones included, should be ≤ ' +
      '`1000`, instead was `1111`.',
  });
  // The failed creations left no page behind.
  const listed = await collect5(n5.blocks.children.list, { block_id: root.id });
  assert.deepEqual(listed.map((b) => b.type), ['child_page', 'child_database']);
});

test('appended content survives kill -9 right after the 200, in order', async () => {
  const page = await createRootPage(n5, 'Durable content');
  await n5.blocks.children.append({ block_id: page.id, children: [para('one'), para('three')] });
  const [first] = await collect5(n5.blocks.children.list, { block_id: page.id });
  await n2.blocks.children.append({ block_id: page.id, after: first.id, children: [para('two')] });
  await srv.kill9();
  await srv.restart();
  n5 = v5(srv);
  n2 = v2(srv);
  assert.deepEqual(texts(await collect2(n2.blocks.children.list, { block_id: page.id })), ['one', 'two', 'three']);
  const root = await n5.blocks.retrieve({ block_id: page.id });
  assert.equal(root.has_children, true);
});
