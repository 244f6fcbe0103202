'use strict';
// synced_block through the block type registry, with SDK 5.x under 2025-09-03 and
// 2026-03-11: an original holds children; a reference (synced_from.block_id) shows the
// original's children as its own (has_children, children.list), takes none of its own,
// and needs a visible original.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, expectApiError } = require('../lib/clients');
const { text, plain, createRootPage } = require('../lib/fixtures');

const para = (s) => ({ paragraph: { rich_text: text(s) } });
const texts = (blocks) => blocks.map((b) => plain(b[b.type].rich_text));

let srv; let n25; let n26;
before(async () => {
  srv = await startServer();
  n25 = v5(srv, { notionVersion: '2025-09-03' });
  n26 = v5(srv, { notionVersion: '2026-03-11' });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('an original with children, a reference on another page reading them', async () => {
  for (const [client, name] of [[n25, '2025'], [n26, '2026']]) {
    const a = await createRootPage(client, `Synced source ${name}`);
    const b = await createRootPage(client, `Synced copy ${name}`);
    const { results: [original] } = await client.blocks.children.append({
      block_id: a.id,
      children: [{ synced_block: { synced_from: null, children: [para('shared 1'), para('shared 2')] } }],
    });
    assert.equal(original.type, 'synced_block');
    assert.deepEqual(original.synced_block, { synced_from: null });
    assert.equal(original.has_children, true);
    const { results: [reference] } = await client.blocks.children.append({
      block_id: b.id,
      children: [{ type: 'synced_block', synced_block: { synced_from: { block_id: original.id.replace(/-/g, '') } } }],
    });
    assert.deepEqual(reference.synced_block, { synced_from: { type: 'block_id', block_id: original.id } });
    assert.equal(reference.has_children, true);
    const fromRef = await client.blocks.children.list({ block_id: reference.id });
    assert.deepEqual(texts(fromRef.results), ['shared 1', 'shared 2']);
    // Content added to the original shows through the reference.
    await client.blocks.children.append({ block_id: original.id, children: [para('shared 3')] });
    const again = await client.blocks.children.list({ block_id: reference.id, page_size: 2 });
    assert.equal(again.has_more, true);
    const rest = await client.blocks.children.list({ block_id: reference.id, start_cursor: again.next_cursor });
    assert.deepEqual([...texts(again.results), ...texts(rest.results)], ['shared 1', 'shared 2', 'shared 3']);
    const got = await client.blocks.retrieve({ block_id: reference.id });
    assert.deepEqual(got.synced_block, { synced_from: { type: 'block_id', block_id: original.id } });
  }
});

test('a reference takes no children and needs a visible original', async () => {
  const page = await createRootPage(n26, 'Synced errors');
  const { results: [original, plainBlock] } = await n26.blocks.children.append({
    block_id: page.id, children: [{ synced_block: { synced_from: null } }, para('not synced')],
  });
  assert.equal(original.has_children, false);
  const { results: [reference] } = await n26.blocks.children.append({
    block_id: page.id, children: [{ synced_block: { synced_from: { block_id: original.id } } }],
  });
  await expectApiError(n26.blocks.children.append({ block_id: reference.id, children: [para('x')] }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.children[0] cannot be added: a synced_block synced from another block takes no children.',
  });
  await expectApiError(n26.blocks.children.append({
    block_id: page.id, children: [{ synced_block: { synced_from: { block_id: original.id }, children: [para('x')] } }],
  }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.children[0].synced_block.children[0] cannot be added: a synced_block synced from another block takes no children.',
  });
  const missing = '59833787-2cf9-4fdf-8782-e53db20768a5';
  await expectApiError(n26.blocks.children.append({
    block_id: page.id, children: [{ synced_block: { synced_from: { block_id: missing } } }],
  }), {
    status: 404, code: 'object_not_found',
    message: `Could not find block with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  for (const notOriginal of [reference.id, plainBlock.id]) {
    await expectApiError(n25.blocks.children.append({
      block_id: page.id, children: [{ synced_block: { synced_from: { block_id: notOriginal } } }],
    }), { status: 400, code: 'validation_error', message: `Block ${notOriginal} is not an original synced_block block.` });
  }
  await expectApiError(n25.blocks.children.append({ block_id: page.id, children: [{ synced_block: {} }] }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.children[0].synced_block.synced_from should be defined, instead was `undefined`.',
  });
  // Nothing was added on the way.
  assert.equal((await n26.blocks.children.list({ block_id: page.id })).results.length, 3);
});
