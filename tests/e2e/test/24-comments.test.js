'use strict';
// Comments: a thread on a page (create with parent.page_id, reply with discussion_id),
// list with collectPaginatedAPI, retrieve; display_name; attachments from file uploads;
// error cases. SDK 5.x and 2.x (2.x has comments.create and comments.list).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { collectPaginatedAPI } = require('@notionhq/client');
const { startServer } = require('../lib/server');
const { v5, v2, expectApiError } = require('../lib/clients');
const { text, plain, createRootPage, undash } = require('../lib/fixtures');
const { UUID_RE } = require('../lib/schema');

const MINUTE_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/;

let srv; let n5; let n2; let page; let me;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  n2 = v2(srv);
  page = await createRootPage(n5, 'Discussed');
  me = await n5.users.me({});
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('a thread: comment on a page, reply by discussion_id, list and retrieve', async () => {
  const first = await n5.comments.create({ parent: { page_id: page.id }, rich_text: text('First!') });
  assert.equal(first.object, 'comment');
  assert.match(first.id, UUID_RE);
  assert.deepEqual(first.parent, { type: 'page_id', page_id: page.id });
  assert.match(first.discussion_id, UUID_RE);
  assert.match(first.created_time, MINUTE_TS);
  assert.equal(first.last_edited_time, first.created_time);
  assert.deepEqual(first.created_by, { object: 'user', id: me.id });
  assert.equal(plain(first.rich_text), 'First!');
  assert.deepEqual(first.display_name, { type: 'integration', resolved_name: me.name });
  assert.equal('attachments' in first, false);

  const reply = await n2.comments.create({ discussion_id: first.discussion_id, rich_text: text('A reply (2.x)') });
  assert.equal(reply.discussion_id, first.discussion_id);
  assert.deepEqual(reply.parent, { type: 'page_id', page_id: page.id });
  const other = await n5.comments.create({ parent: { page_id: undash(page.id) }, rich_text: text('New thread') });
  assert.notEqual(other.discussion_id, first.discussion_id);

  const all5 = await collectPaginatedAPI(n5.comments.list, { block_id: page.id, page_size: 2 });
  assert.deepEqual(all5.map((c) => c.id), [first.id, reply.id, other.id]);
  const firstPage = await n2.comments.list({ block_id: page.id, page_size: 2 });
  assert.equal(firstPage.has_more, true);
  assert.equal(firstPage.type, 'comment');
  assert.deepEqual(firstPage.comment, {});
  const rest = await n2.comments.list({ block_id: page.id, page_size: 2, start_cursor: firstPage.next_cursor });
  assert.deepEqual(rest.results.map((c) => c.id), [other.id]);
  assert.equal(rest.has_more, false);
  assert.equal(rest.next_cursor, null);

  const got = await n5.comments.retrieve({ comment_id: reply.id });
  assert.deepEqual(got, reply);
});

test('display_name: custom and user; rich text annotations come back complete', async () => {
  const custom = await n5.comments.create({
    parent: { page_id: page.id },
    rich_text: [{ text: { content: 'bold' }, annotations: { bold: true } }],
    display_name: { type: 'custom', custom: { name: 'Release bot' } },
  });
  assert.deepEqual(custom.display_name, { type: 'custom', resolved_name: 'Release bot' });
  assert.equal(custom.rich_text[0].annotations.bold, true);
  assert.equal(custom.rich_text[0].annotations.italic, false);
  const user = await n5.comments.create({ parent: { page_id: page.id }, rich_text: text('as user'), display_name: { type: 'user' } });
  assert.equal(user.display_name.type, 'user');
  assert.equal(user.display_name.resolved_name, 'Workspace Owner');
});

test('attachments: uploaded files, shown as hosted files with a category', async () => {
  const png = Buffer.from('89504e470d0a1a0a', 'hex');
  const created = await n5.fileUploads.create({ filename: 'shot.png' });
  await n5.fileUploads.send({ file_upload_id: created.id, file: { data: new Blob([png], { type: 'image/png' }) } });
  const c2 = await n5.fileUploads.create({ filename: 'doc.txt' });
  await n5.fileUploads.send({ file_upload_id: c2.id, file: { data: new Blob(['doc'], { type: 'text/plain' }) } });
  const comment = await n5.comments.create({
    parent: { page_id: page.id },
    rich_text: text('see attached'),
    attachments: [{ file_upload_id: created.id }, { type: 'file_upload', file_upload_id: c2.id }],
  });
  assert.deepEqual(comment.attachments.map((a) => a.category), ['image', 'productivity']);
  const res = await fetch(comment.attachments[0].file.url);
  assert.equal(res.status, 200);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(png));
  const again = await n5.comments.retrieve({ comment_id: comment.id });
  assert.equal((await (await fetch(again.attachments[1].file.url)).text()), 'doc');
  assert.equal((await n5.fileUploads.retrieve({ file_upload_id: c2.id })).expiry_time, null);
});

test('errors: parent and discussion_id, unknown ids, bad bodies, trashed pages; nothing is written', async () => {
  const missing = '0c0c0c0c-0c0c-4c0c-8c0c-0c0c0c0c0c0c';
  await expectApiError(n5.comments.create({ rich_text: text('x') }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation. Fix one:\nbody.parent should be defined, instead was `undefined`.\nbody.discussion_id should be defined, instead was `undefined`.',
  });
  await expectApiError(n2.comments.create({ parent: { page_id: page.id } }), {
    status: 400, code: 'validation_error', message: 'body failed validation: body.rich_text should be defined, instead was `undefined`.',
  });
  await expectApiError(n5.comments.create({ parent: { page_id: missing }, rich_text: text('x') }), {
    status: 404, code: 'object_not_found',
    message: `Could not find page with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  await expectApiError(n5.comments.create({ parent: { block_id: missing }, rich_text: text('x') }), {
    status: 404, code: 'object_not_found',
    message: `Could not find block with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  await expectApiError(n2.comments.create({ discussion_id: missing, rich_text: text('x') }), {
    status: 404, code: 'object_not_found',
    message: `Could not find discussion with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  await expectApiError(n5.comments.create({ parent: { page_id: 'abc' }, rich_text: text('x') }), {
    status: 400, code: 'validation_error', message: 'body failed validation: body.parent.page_id should be a valid uuid, instead was `"abc"`.',
  });
  const pending = await n5.fileUploads.create({ filename: 'p.txt' });
  await expectApiError(n5.comments.create({ parent: { page_id: page.id }, rich_text: text('x'), attachments: [{ file_upload_id: pending.id }] }), {
    status: 400, code: 'validation_error',
    message: `File upload with ID ${pending.id} has status \`pending\`. Only file uploads with status \`uploaded\` can be attached.`,
  });
  await expectApiError(n5.comments.create({
    parent: { page_id: page.id }, rich_text: text('x'),
    attachments: [1, 2, 3, 4].map(() => ({ file_upload_id: pending.id })),
  }), {
    status: 400, code: 'validation_error', message: 'body failed validation: body.attachments.length should be ≤ `3`, instead was `4`.',
  });
  await expectApiError(n5.comments.list({ block_id: missing }), {
    status: 404, code: 'object_not_found',
    message: `Could not find block with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  await expectApiError(n5.comments.retrieve({ comment_id: missing }), {
    status: 404, code: 'object_not_found',
    message: `Could not find comment with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  const trashed = await n5.pages.create({ parent: { page_id: page.id }, properties: { title: { title: text('gone') } } });
  await n5.comments.create({ parent: { page_id: trashed.id }, rich_text: text('before') });
  await n5.pages.update({ page_id: trashed.id, in_trash: true });
  await expectApiError(n5.comments.create({ parent: { page_id: trashed.id }, rich_text: text('after') }), {
    status: 400, code: 'validation_error',
    message: "Can't edit block that is archived. You must unarchive the block before editing.",
  });
  // The comments of a trashed page can still be read; the failed requests wrote nothing.
  const left = await n5.comments.list({ block_id: trashed.id });
  assert.deepEqual(left.results.map((c) => plain(c.rich_text)), ['before']);
});

test('GET /v1/users pages with start_cursor and page_size; the 2.x literal start_cursor=null is no cursor', async () => {
  const everyone = await collectPaginatedAPI(n5.users.list, { page_size: 1 });
  assert.ok(everyone.length >= 2, 'owner and bot');
  const first = await n5.users.list({ page_size: 1 });
  assert.equal(first.results.length, 1);
  assert.equal(first.has_more, true);
  const second = await n2.users.list({ page_size: 1, start_cursor: first.next_cursor });
  assert.equal(second.results[0].id, everyone[1].id);
  const nullCursor = await n2.users.list({ start_cursor: null });
  assert.deepEqual(nullCursor.results.map((u) => u.id), everyone.map((u) => u.id));
});
