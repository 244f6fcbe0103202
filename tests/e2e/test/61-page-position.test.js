'use strict';
// `position` on pages.create (SDK 5.x, changelog 2026-01-15): where a new page goes in its
// parent page's content: page_start, page_end (the default) or after a given block.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, expectApiError } = require('../lib/clients');
const { text, createRootPage } = require('../lib/fixtures');

let srv; let n26;
before(async () => {
  srv = await startServer({});
  n26 = v5(srv, { notionVersion: '2026-03-11' });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const titled = (title) => ({ title: { title: text(title) } });
const listing = async (id) => (await n26.blocks.children.list({ block_id: id })).results
  .map((b) => (b.type === 'child_page' ? b.child_page.title : b.type));

test('page_start, page_end and after_block place the child page block', async () => {
  const root = await createRootPage(n26, 'Positions');
  const [first, second] = (await n26.blocks.children.append({ block_id: root.id, children: [
    { paragraph: { rich_text: text('one') } }, { divider: {} }] })).results;
  await n26.pages.create({ parent: { page_id: root.id }, properties: titled('End'), position: { type: 'page_end' } });
  await n26.pages.create({ parent: { page_id: root.id }, properties: titled('Start'), position: { type: 'page_start' } });
  await n26.pages.create({ parent: { page_id: root.id }, properties: titled('Middle'),
    position: { type: 'after_block', after_block: { id: first.id } } });
  assert.deepEqual(await listing(root.id), ['Start', 'paragraph', 'Middle', 'divider', 'End']);
  assert.ok(second.id);

  const other = await createRootPage(n26, 'Elsewhere');
  await expectApiError(n26.pages.create({ parent: { page_id: other.id }, properties: titled('Lost'),
    position: { type: 'after_block', after_block: { id: first.id } } }),
  { status: 400, code: 'validation_error', message: `Block ${first.id} is not a child of ${other.id}.` });
  assert.deepEqual(await listing(other.id), []);
  // The failed create left nothing behind.
  assert.deepEqual((await n26.search({ query: 'Lost' })).results, []);
  await expectApiError(n26.pages.create({ parent: { page_id: root.id }, properties: titled('Bad'),
    position: { type: 'middle' } }),
  { status: 400, code: 'validation_error',
    message: 'body failed validation: body.position.type should be `"after_block"`, `"page_start"`, or `"page_end"`, instead was `"middle"`.' });
});
