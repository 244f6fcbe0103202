'use strict';
// PATCH and DELETE /v1/comments/{id} with SDK 5.x comments.update / comments.delete
// (2025-09-03 and 2026-03-11): an integration edits and deletes only its own comments;
// any other is 404. Deleting a discussion's first comment deletes the discussion.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, raw, expectApiError, expectRawError, adminCall } = require('../lib/clients');
const { text, plain, createRootPage } = require('../lib/fixtures');

const ADMIN = 'admin_e2e_comments_edit_0123456789';
const notFound = (id) => ({
  status: 404, code: 'object_not_found',
  message: `Could not find comment with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
});

let srv; let n25; let n26; let page;
// The admin API with this file's admin token (lib/clients.js adminCall).
const admin = (method, path, body) => adminCall(srv, ADMIN, method, path, body);

before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  n25 = v5(srv, { notionVersion: '2025-09-03' });
  n26 = v5(srv, { notionVersion: '2026-03-11' });
  page = await createRootPage(n25, 'Edited comments');
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('update one\'s own comment with rich_text, under both versions', async () => {
  const c = await n25.comments.create({ parent: { page_id: page.id }, rich_text: text('draft') });
  const u = await n25.comments.update({ comment_id: c.id, rich_text: text('final') });
  assert.equal(u.id, c.id);
  assert.equal(u.discussion_id, c.discussion_id);
  assert.equal(plain(u.rich_text), 'final');
  const again = await n26.comments.update({ comment_id: c.id, rich_text: text('final 2026') });
  assert.equal(plain(again.rich_text), 'final 2026');
  assert.equal(plain((await n26.comments.retrieve({ comment_id: c.id })).rich_text), 'final 2026');
});

test('update body: exactly one of rich_text and markdown', async () => {
  const c = await n25.comments.create({ parent: { page_id: page.id }, rich_text: text('x') });
  await expectApiError(n25.comments.update({ comment_id: c.id }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation. Fix one:\nbody.rich_text should be defined, instead was `undefined`.\n'
      + 'body.markdown should be defined, instead was `undefined`.',
  });
  await expectApiError(n25.comments.update({ comment_id: c.id, rich_text: [], markdown: 'y' }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation. Fix one:\nbody.rich_text should be not present, instead was `[]`.\n'
      + 'body.markdown should be not present, instead was `"y"`.',
  });
  // Markdown: inline formatting, links and $math$ become rich text.
  const edited = await n26.comments.update({ comment_id: c.id, markdown: '**bold** and [link](https://example.com) $x^2$' });
  assert.deepEqual(edited.rich_text.map((t) => [t.type, t.plain_text, t.annotations.bold, t.href]), [
    ['text', 'bold', true, null], ['text', ' and ', false, null], ['text', 'link', false, 'https://example.com'],
    ['text', ' ', false, null], ['equation', 'x^2', false, null]]);
  const made = await n26.comments.create({ parent: { page_id: page.id }, markdown: '*new* comment' });
  assert.deepEqual(made.rich_text.map((t) => [t.plain_text, t.annotations.italic]), [['new', true], [' comment', false]]);
  await expectApiError(n26.comments.create({ parent: { page_id: page.id }, markdown: 'x', rich_text: [] }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation. Fix one:\nbody.rich_text should be not present, instead was `[]`.\n'
      + 'body.markdown should be not present, instead was `"x"`.',
  });
});

test('delete a reply, then a discussion\'s first comment (the whole discussion goes)', async () => {
  const first = await n25.comments.create({ parent: { page_id: page.id }, rich_text: text('thread') });
  const r1 = await n25.comments.create({ discussion_id: first.discussion_id, rich_text: text('reply 1') });
  const r2 = await n26.comments.create({ discussion_id: first.discussion_id, rich_text: text('reply 2') });
  const gone = await n26.comments.delete({ comment_id: r1.id });
  assert.equal(gone.id, r1.id);
  assert.equal(gone.object, 'comment');
  assert.equal(plain(gone.rich_text), 'reply 1');
  await expectApiError(n25.comments.retrieve({ comment_id: r1.id }), notFound(r1.id));
  await expectApiError(n25.comments.delete({ comment_id: r1.id }), notFound(r1.id));
  let list = await n25.comments.list({ block_id: page.id });
  assert.deepEqual(list.results.filter((c) => c.discussion_id === first.discussion_id).map((c) => c.id), [first.id, r2.id]);
  await n25.comments.delete({ comment_id: first.id });
  list = await n25.comments.list({ block_id: page.id });
  assert.equal(list.results.filter((c) => c.discussion_id === first.discussion_id).length, 0);
  await expectApiError(n25.comments.retrieve({ comment_id: r2.id }), notFound(r2.id));
});

test('another integration\'s comment is 404 to update and delete, even when it can read it', async () => {
  const created = await admin('POST', 'integrations', { name: 'Other commenter', capabilities: 'read,insert,comments' });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const shared = await admin('POST', `integrations/${created.body.id}/shares`, { object_id: page.id });
  assert.equal(shared.status, 200, JSON.stringify(shared.body));
  const other = v5({ token: created.body.token, baseUrl: srv.baseUrl, port: srv.port }, { notionVersion: '2026-03-11' });
  const mine = await n25.comments.create({ parent: { page_id: page.id }, rich_text: text('mine') });
  assert.equal(plain((await other.comments.retrieve({ comment_id: mine.id })).rich_text), 'mine');
  await expectApiError(other.comments.update({ comment_id: mine.id, rich_text: text('hijack') }), notFound(mine.id));
  await expectApiError(other.comments.delete({ comment_id: mine.id }), notFound(mine.id));
  assert.equal(plain((await n25.comments.retrieve({ comment_id: mine.id })).rich_text), 'mine');
  // Its own comment it may edit.
  const theirs = await other.comments.create({ parent: { page_id: page.id }, rich_text: text('theirs') });
  assert.equal(plain((await other.comments.update({ comment_id: theirs.id, rich_text: text('theirs!') })).rich_text), 'theirs!');
  await expectApiError(n25.comments.delete({ comment_id: theirs.id }), notFound(theirs.id));
});

test('bad ids and a missing capability', async () => {
  const res = await raw(srv, { method: 'DELETE', path: '/v1/comments/nope', version: '2026-03-11' });
  expectRawError(res, {
    status: 400, code: 'validation_error',
    message: 'path failed validation: path.comment_id should be a valid uuid, instead was `"nope"`.',
  });
  const created = await admin('POST', 'integrations', { name: 'Reader only', capabilities: 'read' });
  const reader = v5({ token: created.body.token, baseUrl: srv.baseUrl, port: srv.port });
  const c = await n25.comments.create({ parent: { page_id: page.id }, rich_text: text('x') });
  await expectApiError(reader.comments.delete({ comment_id: c.id }), {
    status: 403, code: 'restricted_resource', message: 'Insufficient permissions for this endpoint.',
  });
});
