'use strict';
// Where blocks, file uploads, comments and sharing meet, with both SDKs:
//   - an image and a file block made from a file upload come back as Notion-hosted files
//     whose signed URL serves the uploaded bytes, on append, on read and after an update;
//   - comments on a block get a block_id parent and are listed by that block;
//   - an integration that the page is not shared with gets 404 for the page's blocks and
//     their comments, and sees them once the page is shared.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, expectApiError, adminCall, notFound } = require('../lib/clients');
const { text, plain, createRootPage } = require('../lib/fixtures');
const { collectPaginatedAPI } = require('@notionhq/client');

const ADMIN = 'admin_secret_for_27';
let srv; let n5; let n2;
before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  n5 = v5(srv);
  n2 = v2(srv);
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

// The admin API with this file's admin token (lib/clients.js adminCall).
const admin = (method, path, body) => adminCall(srv, ADMIN, method, path, body);

async function upload(content, filename, type) {
  const created = await n5.fileUploads.create({ filename, content_type: type });
  const sent = await n5.fileUploads.send({ file_upload_id: created.id, file: { filename, data: new Blob([content], { type }) } });
  assert.equal(sent.status, 'uploaded');
  return sent;
}

async function bytesAt(url) {
  const res = await fetch(url);
  assert.equal(res.status, 200, url);
  return Buffer.from(await res.arrayBuffer());
}


test('media blocks made from file uploads are Notion-hosted files serving the bytes', async () => {
  const page = await createRootPage(n5, 'Media');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
  const image = await upload(png, 'pixel.png', 'image/png');
  const doc = await upload('hello from a file block', 'notes.txt', 'text/plain');
  const appended = await n5.blocks.children.append({
    block_id: page.id,
    children: [
      { image: { type: 'file_upload', file_upload: { id: image.id } } },
      { file: { type: 'file_upload', file_upload: { id: doc.id }, caption: text('the notes') } },
    ],
  });
  assert.equal(appended.results.length, 2);
  const [img, file] = appended.results;
  assert.equal(img.type, 'image');
  assert.equal(img.image.type, 'file');
  assert.deepEqual(img.image.caption, []);
  assert.match(img.image.file.url, new RegExp(`^${srv.baseUrl}/_localnotion/files/${image.id}/pixel\\.png\\?expires=\\d+&signature=[0-9a-f]+$`));
  assert.ok(Date.parse(img.image.file.expiry_time) > Date.now());
  assert.deepEqual(await bytesAt(img.image.file.url), png);
  assert.equal(file.file.type, 'file');
  assert.equal(plain(file.file.caption), 'the notes');
  assert.equal((await bytesAt(file.file.file.url)).toString(), 'hello from a file block');

  // Read back with the 2.x client: the same hosted form.
  const listed = await n2.blocks.children.list({ block_id: page.id });
  assert.deepEqual(listed.results.map((b) => [b.type, b[b.type].type]), [['image', 'file'], ['file', 'file']]);
  assert.deepEqual(await bytesAt(listed.results[0].image.file.url), png);

  // Updating the image to another upload switches the bytes.
  const other = await upload(Buffer.from([9, 9, 9]), 'other.png', 'image/png');
  const updated = await n5.blocks.update({ block_id: img.id, image: { type: 'file_upload', file_upload: { id: other.id } } });
  assert.deepEqual(await bytesAt(updated.image.file.url), Buffer.from([9, 9, 9]));

  // An upload that was never sent cannot be used.
  const pending = await n5.fileUploads.create({ filename: 'late.png' });
  await expectApiError(n5.blocks.children.append({
    block_id: page.id, children: [{ image: { type: 'file_upload', file_upload: { id: pending.id } } }],
  }), {
    status: 400,
    code: 'validation_error',
    message: `File upload with ID ${pending.id} has status \`pending\`. Only file uploads with status \`uploaded\` can be attached.`,
  });
  const after = await collectPaginatedAPI(n5.blocks.children.list, { block_id: page.id });
  assert.equal(after.length, 2, 'the failed append added nothing');
});

test('comments on a block have a block_id parent and are listed by the block', async () => {
  const page = await createRootPage(n5, 'Discussed');
  const { results: [para] } = await n5.blocks.children.append({
    block_id: page.id, children: [{ paragraph: { rich_text: text('a paragraph to discuss') } }],
  });
  const first = await n5.comments.create({ parent: { block_id: para.id }, rich_text: text('about this paragraph') });
  assert.deepEqual(first.parent, { type: 'block_id', block_id: para.id });
  const reply = await n2.comments.create({ discussion_id: first.discussion_id, rich_text: text('agreed') });
  assert.deepEqual(reply.parent, { type: 'block_id', block_id: para.id });
  const listed = await collectPaginatedAPI(n5.comments.list, { block_id: para.id });
  assert.deepEqual(listed.map((c) => plain(c.rich_text)), ['about this paragraph', 'agreed']);
  const onPage = await n5.comments.list({ block_id: page.id });
  assert.equal(onPage.results.length, 0, 'the page itself has no comments');
});

test('blocks and comments of a page not shared with an integration are not found, until it is shared', async () => {
  const page = await createRootPage(n5, 'Private content');
  const { results: [para] } = await n5.blocks.children.append({
    block_id: page.id, children: [{ toggle: { rich_text: text('secret'), children: [{ paragraph: { rich_text: text('deeper') } }] } }],
  });
  const deeper = (await n5.blocks.children.list({ block_id: para.id })).results[0];
  const comment = await n5.comments.create({ parent: { block_id: para.id }, rich_text: text('hidden remark') });

  const created = await admin('POST', 'integrations', { name: 'Outsider', capabilities: 'all' });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const as = { token: created.body.token, baseUrl: srv.baseUrl, port: srv.port };
  const o5 = v5(as);
  const o2 = v2(as);
  await expectApiError(o5.blocks.retrieve({ block_id: para.id }), notFound('block', para.id));
  await expectApiError(o2.blocks.retrieve({ block_id: deeper.id }), notFound('block', deeper.id));
  await expectApiError(o5.blocks.children.list({ block_id: page.id }), notFound('block', page.id));
  await expectApiError(o5.blocks.children.append({ block_id: para.id, children: [{ paragraph: { rich_text: text('x') } }] }),
    notFound('block', para.id));
  await expectApiError(o5.comments.list({ block_id: para.id }), notFound('block', para.id));
  await expectApiError(o5.comments.retrieve({ comment_id: comment.id }), notFound('comment', comment.id));
  await expectApiError(o2.comments.create({ parent: { block_id: para.id }, rich_text: text('x') }), notFound('block', para.id));

  const shared = await admin('POST', `integrations/${created.body.id}/shares`, { object_id: page.id });
  assert.equal(shared.status, 200, JSON.stringify(shared.body));
  assert.equal((await o2.blocks.retrieve({ block_id: deeper.id })).id, deeper.id);
  const comments = await o5.comments.list({ block_id: para.id });
  assert.deepEqual(comments.results.map((c) => c.id), [comment.id]);
  assert.equal((await o5.comments.retrieve({ comment_id: comment.id })).id, comment.id);
});
