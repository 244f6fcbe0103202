'use strict';
// The File Upload API: create, send (multipart/form-data), complete, retrieve, list;
// using an upload in a files property, as icon and cover (pages and databases); the
// Notion-hosted URL that serves the bytes; survival across a restart; error cases.
// SDK 5.x has fileUploads.*; SDK 2.x has none, so 2022-06-28 uploads go through raw
// fetch (Notion serves the File Upload API on every version).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const http = require('node:http');
const { startServer } = require('../lib/server');
const { v5, v2, expectApiError, checkResponse } = require('../lib/clients');
const { text, createRootPage, createDatabase } = require('../lib/fixtures');
const { UUID_RE } = require('../lib/schema');

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let srv; let n5; let n2; let root; let db5;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  n2 = v2(srv);
  root = await createRootPage(n5);
  db5 = await createDatabase(n5, 'v5', root.id, 'Docs', { Name: { title: {} }, Files: { files: {} } });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

// POST /v1/file_uploads/{id}/send with fetch + FormData (undici, like SDK 5.x), for any
// Notion-Version; the response is validated like every other.
async function rawSend(server, id, { data, filename, type, partNumber, version = '2022-06-28', field = 'file' }) {
  const form = new FormData();
  if (partNumber !== undefined) form.append('part_number', String(partNumber));
  if (data !== undefined) form.append(field, new Blob([data], type ? { type } : {}), filename);
  const url = `${server.baseUrl}/v1/file_uploads/${id}/send`;
  const res = await fetch(url, {
    method: 'POST', body: form, headers: { Authorization: `Bearer ${server.token}`, 'Notion-Version': version },
  });
  const textBody = await res.text();
  const json = checkResponse({ method: 'POST', url, status: res.status, headers: res.headers, text: textBody, version });
  return { status: res.status, json };
}

async function rawJson(server, method, path, body, version = '2022-06-28') {
  const url = `${server.baseUrl}${path}`;
  const headers = { Authorization: `Bearer ${server.token}`, 'Notion-Version': version };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const textBody = await res.text();
  const json = checkResponse({ method, url, status: res.status, headers: res.headers, text: textBody, version });
  return { status: res.status, json };
}

async function download(url) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

async function uploadText(client, content, filename = 'notes.txt') {
  const created = await client.fileUploads.create({ filename, content_type: 'text/plain' });
  return client.fileUploads.send({ file_upload_id: created.id, file: { filename, data: new Blob([content], { type: 'text/plain' }) } });
}

test('single_part: create is pending with an upload_url, send makes it uploaded (SDK 5.x)', async () => {
  const created = await n5.fileUploads.create({});
  assert.equal(created.object, 'file_upload');
  assert.match(created.id, UUID_RE);
  assert.equal(created.status, 'pending');
  assert.equal(created.upload_url, `${srv.baseUrl}/v1/file_uploads/${created.id}/send`);
  assert.equal('complete_url' in created, false);
  assert.deepEqual([created.filename, created.content_type, created.content_length], [null, null, null]);
  assert.match(created.expiry_time, ISO);
  const hour = Date.parse(created.expiry_time) - Date.now();
  assert.ok(hour > 59 * 60 * 1000 && hour <= 60 * 60 * 1000, `expires an hour after creation, got ${hour} ms`);

  const bytes = crypto.randomBytes(3000);
  const sent = await n5.fileUploads.send({
    file_upload_id: created.id, file: { filename: 'photo.png', data: new Blob([bytes], { type: 'image/png' }) },
  });
  assert.equal(sent.status, 'uploaded');
  assert.equal(sent.filename, 'photo.png');
  assert.equal(sent.content_type, 'image/png');
  assert.equal(sent.content_length, 3000);
  assert.equal('upload_url' in sent, false);
  const again = await n5.fileUploads.retrieve({ file_upload_id: created.id });
  assert.deepEqual(again, sent);
});

test('the filename gains the extension of the content type; the type follows the extension', async () => {
  const a = await n5.fileUploads.create({ filename: 'report', content_type: 'application/pdf' });
  assert.deepEqual([a.filename, a.content_type], ['report.pdf', 'application/pdf']);
  const b = await n5.fileUploads.create({ filename: 'data.csv' });
  assert.deepEqual([b.filename, b.content_type], ['data.csv', 'text/csv']);
});

test('an upload in a files property, as page icon and cover; the hosted URL serves the bytes', async () => {
  const content = 'hello from localnotion\n'.repeat(50);
  const up = await uploadText(n5, content);
  const img = crypto.randomBytes(2048);
  const c = await n5.fileUploads.create({ filename: 'cover.png' });
  const cover = await n5.fileUploads.send({ file_upload_id: c.id, file: { data: new Blob([img], { type: 'image/png' }) } });
  const i = await n5.fileUploads.create({ filename: 'icon.png' });
  const icon = await n5.fileUploads.send({ file_upload_id: i.id, file: { data: new Blob([img], { type: 'image/png' }) } });

  const page = await n5.pages.create({
    parent: { data_source_id: db5.dataSourceId },
    properties: { Name: { title: text('with files') }, Files: { files: [{ type: 'file_upload', file_upload: { id: up.id } }] } },
    icon: { type: 'file_upload', file_upload: { id: icon.id } },
    cover: { type: 'file_upload', file_upload: { id: cover.id } },
  });
  const files = page.properties.Files.files;
  assert.equal(files.length, 1);
  assert.equal(files[0].name, 'notes.txt');
  assert.equal(files[0].type, 'file');
  assert.match(files[0].file.expiry_time, ISO);
  assert.ok(files[0].file.url.startsWith(`${srv.baseUrl}/_localnotion/files/${up.id}/notes.txt?`));
  assert.equal(page.icon.type, 'file');
  assert.equal(page.cover.type, 'file');

  const got = await download(files[0].file.url);
  assert.equal(got.status, 200);
  assert.equal(got.type, 'text/plain');
  assert.equal(got.bytes.toString('utf8'), content);
  const gotCover = await download(page.cover.file.url);
  assert.ok(gotCover.bytes.equals(img));
  assert.equal(gotCover.type, 'image/png');
  assert.ok((await download(page.icon.file.url)).bytes.equals(img));

  // Attached: no expiry any more.
  const attached = await n5.fileUploads.retrieve({ file_upload_id: up.id });
  assert.equal(attached.status, 'uploaded');
  assert.equal(attached.expiry_time, null);

  // A custom name, and re-sending the value read keeps the file.
  const named = await n5.pages.update({
    page_id: page.id,
    properties: { Files: { files: [...files, { name: 'Second copy', file_upload: { id: up.id } }] } },
  });
  assert.deepEqual(named.properties.Files.files.map((f) => f.name), ['notes.txt', 'Second copy']);
  const read = await n5.pages.retrieve({ page_id: page.id });
  const urls = read.properties.Files.files.map((f) => f.file.url);
  for (const u of urls) assert.equal((await download(u)).bytes.toString('utf8'), content);
});

test('2022-06-28: upload through raw fetch, attach as cover with the 2.x client and to a database icon', async () => {
  const created = await rawJson(srv, 'POST', '/v1/file_uploads', { filename: 'v2.txt' });
  assert.equal(created.status, 200);
  assert.equal(created.json.status, 'pending');
  const sent = await rawSend(srv, created.json.id, { data: 'version two', type: 'text/plain' });
  assert.equal(sent.status, 200);
  assert.equal(sent.json.status, 'uploaded');
  assert.equal(sent.json.content_length, 11);
  const page = await n2.pages.create({
    parent: { page_id: root.id },
    properties: { title: { title: text('v2 cover') } },
    cover: { type: 'file_upload', file_upload: { id: created.json.id } },
  });
  assert.equal(page.cover.type, 'file');
  assert.equal((await download(page.cover.file.url)).bytes.toString(), 'version two');

  const ic = await uploadText(n5, 'db icon', 'icon.txt');
  const db = await n2.databases.update({ database_id: db5.databaseId, icon: { type: 'file_upload', file_upload: { id: ic.id } } });
  assert.equal(db.icon.type, 'file');
  assert.equal((await download(db.icon.file.url)).bytes.toString(), 'db icon');
});

test('multi_part: parts in any order, complete, then attach and read back every byte', async () => {
  const part1 = crypto.randomBytes(5 * 1024 * 1024);
  const part2 = crypto.randomBytes(1234);
  const created = await n5.fileUploads.create({ mode: 'multi_part', number_of_parts: 2, filename: 'big.bin' });
  assert.equal(created.status, 'pending');
  assert.equal(created.complete_url, `${srv.baseUrl}/v1/file_uploads/${created.id}/complete`);
  assert.deepEqual(created.number_of_parts, { total: 2, sent: 0 });
  const s2 = await n5.fileUploads.send({ file_upload_id: created.id, part_number: '2', file: { data: new Blob([part2]) } });
  assert.equal(s2.status, 'pending');
  assert.deepEqual(s2.number_of_parts, { total: 2, sent: 1 });
  await expectApiError(n5.fileUploads.complete({ file_upload_id: created.id }), {
    status: 400, code: 'validation_error',
    message: 'Expected 2 parts to be sent before completing the file upload, but received 1.',
  });
  await n5.fileUploads.send({ file_upload_id: created.id, part_number: '1', file: { data: new Blob([part1]) } });
  const done = await n5.fileUploads.complete({ file_upload_id: created.id });
  assert.equal(done.status, 'uploaded');
  assert.equal(done.content_length, part1.length + part2.length);
  assert.deepEqual(done.number_of_parts, { total: 2, sent: 2 });
  const page = await n5.pages.create({
    parent: { data_source_id: db5.dataSourceId },
    properties: { Name: { title: text('big') }, Files: { files: [{ file_upload: { id: created.id }, name: 'Big one' }] } },
  });
  const got = await download(page.properties.Files.files[0].file.url);
  assert.ok(got.bytes.equals(Buffer.concat([part1, part2])), 'bytes round-trip');
});

test('list: newest first, status filter, pagination (SDK 5.x)', async () => {
  const fresh = await startServer();
  try {
    const c = v5(fresh);
    const a = await c.fileUploads.create({ filename: 'a.txt' });
    const b = await uploadText(c, 'b', 'b.txt');
    const d = await c.fileUploads.create({ filename: 'd.txt' });
    const all = await c.fileUploads.list({});
    assert.deepEqual(all.results.map((u) => u.id), [d.id, b.id, a.id]);
    assert.equal(all.has_more, false);
    const pending = await c.fileUploads.list({ status: 'pending' });
    assert.deepEqual(pending.results.map((u) => u.id), [d.id, a.id]);
    const uploaded = await c.fileUploads.list({ status: 'uploaded' });
    assert.deepEqual(uploaded.results.map((u) => u.id), [b.id]);
    const first = await c.fileUploads.list({ page_size: 2 });
    assert.deepEqual(first.results.map((u) => u.id), [d.id, b.id]);
    assert.equal(first.has_more, true);
    assert.equal(first.next_cursor, a.id);
    const second = await c.fileUploads.list({ page_size: 2, start_cursor: first.next_cursor });
    assert.deepEqual(second.results.map((u) => u.id), [a.id]);
    await expectApiError(c.fileUploads.list({ status: 'done' }), {
      status: 400, code: 'validation_error',
      message: 'body failed validation: query.status should be `"pending"`, `"uploaded"`, `"expired"`, `"failed"`, or `undefined`, instead was `"done"`.'.replace('body failed validation', 'query failed validation'),
    });
  } finally {
    await fresh.stop().catch(() => {});
    await fresh.dispose();
  }
});

test('uploads, their bytes and their links survive a restart', async () => {
  const fresh = await startServer();
  try {
    const c = v5(fresh);
    const root2 = await createRootPage(c);
    const up = await uploadText(c, 'durable bytes', 'keep.txt');
    const page = await c.pages.update({ page_id: root2.id, icon: { file_upload: { id: up.id } } });
    const oldUrl = page.icon.file.url;
    await fresh.restart();
    const c2 = v5(fresh);
    const again = await c2.fileUploads.retrieve({ file_upload_id: up.id });
    assert.equal(again.status, 'uploaded');
    assert.equal(again.content_length, 13);
    const read = await c2.pages.retrieve({ page_id: root2.id });
    assert.equal((await download(read.icon.file.url)).bytes.toString(), 'durable bytes');
    // Same port, same signing key: a link handed out before the restart still works.
    if (oldUrl.startsWith(fresh.baseUrl)) assert.equal((await download(oldUrl)).bytes.toString(), 'durable bytes');
  } finally {
    await fresh.stop().catch(() => {});
    await fresh.dispose();
  }
});

test('errors: attaching a pending upload, unknown uploads, wrong modes and states', async () => {
  const pending = await n5.fileUploads.create({ filename: 'p.txt' });
  await expectApiError(n5.pages.update({ page_id: root.id, icon: { type: 'file_upload', file_upload: { id: pending.id } } }), {
    status: 400, code: 'validation_error',
    message: `File upload with ID ${pending.id} has status \`pending\`. Only file uploads with status \`uploaded\` can be attached.`,
  });
  const missing = '0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b';
  await expectApiError(n2.pages.update({ page_id: root.id, cover: { type: 'file_upload', file_upload: { id: missing } } }), {
    status: 400, code: 'validation_error', message: `Could not find file upload with ID: ${missing}.`,
  });
  await expectApiError(n5.fileUploads.retrieve({ file_upload_id: missing }), {
    status: 404, code: 'object_not_found',
    message: `Could not find file upload with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  await expectApiError(n5.fileUploads.retrieve({ file_upload_id: 'nope' }), {
    status: 400, code: 'validation_error',
    message: 'path failed validation: path.file_upload_id should be a valid uuid, instead was `"nope"`.',
  });
  await expectApiError(n5.fileUploads.create({ mode: 'chunked' }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.mode should be `"single_part"`, `"multi_part"`, or `"external_url"`, instead was `"chunked"`.',
  });
  await expectApiError(n5.fileUploads.create({ mode: 'multi_part', filename: 'x.bin' }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.number_of_parts should be defined, instead was `undefined`.',
  });
  await expectApiError(n5.fileUploads.create({ mode: 'multi_part', number_of_parts: 1001, filename: 'x.bin' }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.number_of_parts should be ≤ `1000`, instead was `1001`.',
  });
  await expectApiError(n5.fileUploads.complete({ file_upload_id: pending.id }), {
    status: 400, code: 'validation_error', message: 'Only multi_part file uploads can be completed.',
  });
  const up = await uploadText(n5, 'once');
  await expectApiError(n5.fileUploads.send({ file_upload_id: up.id, file: { data: 'twice' } }), {
    status: 400, code: 'validation_error',
    message: `File upload with ID ${up.id} is uploaded: only a pending upload accepts file contents.`,
  });
  const mp = await n5.fileUploads.create({ mode: 'multi_part', number_of_parts: 2, filename: 'm.bin' });
  await expectApiError(n5.fileUploads.send({ file_upload_id: mp.id, part_number: '3', file: { data: 'x' } }), {
    status: 400, code: 'validation_error',
    message: 'The part_number must be between 1 and 2 (the number_of_parts of the file upload), instead was 3.',
  });
  await expectApiError(n5.fileUploads.send({ file_upload_id: mp.id, file: { data: 'x' } }), {
    status: 400, code: 'validation_error', message: 'body failed validation: body.part_number should be defined, instead was `undefined`.',
  });
  // No file field at all.
  const none = await rawSend(srv, pending.id, { version: '2025-09-03' });
  assert.equal(none.status, 400);
  assert.equal(none.json.message, 'body failed validation: body.file should be defined, instead was `undefined`.');
  // A body that claims to be multipart/form-data but is not.
  const garbled = await fetch(`${srv.baseUrl}/v1/file_uploads/${pending.id}/send`, {
    method: 'POST', body: 'no boundary here',
    headers: { Authorization: `Bearer ${srv.token}`, 'Notion-Version': '2025-09-03', 'Content-Type': 'multipart/form-data; boundary=B' },
  });
  const garbledBody = checkResponse({
    method: 'POST', url: garbled.url, status: garbled.status, headers: garbled.headers, text: await garbled.text(), version: '2025-09-03',
  });
  assert.deepEqual([garbled.status, garbledBody.code, garbledBody.message],
    [400, 'invalid_request', 'Failed to parse the multipart/form-data request body.']);
  const typed = await n5.fileUploads.create({ filename: 'x.png' });
  const wrongType = await rawSend(srv, typed.id, { data: 'x', type: 'text/plain', filename: 'x.png', version: '2025-09-03' });
  assert.equal(wrongType.status, 400);
  assert.equal(wrongType.json.message, 'The content type of the file part (text/plain) does not match the content type of the file upload (image/png).');
  // external_url: pending at once; localnotion cannot reach the internet, so the import
  // then fails (59-file-import.test.js imports from a loopback server).
  const ext = await n5.fileUploads.create({ mode: 'external_url', external_url: 'https://example.com/a.pdf', filename: 'a.pdf' });
  assert.equal(ext.status, 'pending');
  let settled = ext;
  for (let i = 0; i < 400 && settled.status === 'pending'; i++) {
    await new Promise((r) => setTimeout(r, 25));
    settled = await n5.fileUploads.retrieve({ file_upload_id: ext.id });
  }
  assert.equal(settled.status, 'failed');
  assert.equal(settled.file_import_result.type, 'error');
  assert.equal(settled.file_import_result.error.type, 'download_error');
  // Nothing was attached by the failed requests.
  assert.equal((await n5.fileUploads.retrieve({ file_upload_id: pending.id })).status, 'pending');
});

test('hosted links: a bad or missing signature is refused with 403, another upload id with 403', async () => {
  const up = await uploadText(n5, 'secret bytes', 's.txt');
  const page = await n5.pages.update({ page_id: root.id, cover: { file_upload: { id: up.id } } });
  const url = new URL(page.cover.file.url);
  const tampered = new URL(url);
  tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
  const r1 = await fetch(tampered);
  assert.equal(r1.status, 403);
  const body = await r1.json();
  assert.deepEqual([body.code, body.message], ['restricted_resource', 'The link is invalid or has expired.']);
  const bare = new URL(url);
  bare.search = '';
  assert.equal((await fetch(bare)).status, 403);
  const other = await n5.fileUploads.create({});
  const swapped = url.href.replace(up.id, other.id);
  assert.equal((await fetch(swapped)).status, 403);
  assert.equal((await fetch(url)).status, 200);
});

test('the part size limit is configurable: over it 400, far over it 413', async () => {
  const small = await startServer({ extraArgs: ['--max-upload-part-bytes', '1024'] });
  try {
    const c = v5(small);
    const u = await c.fileUploads.create({ filename: 'x.bin' });
    await expectApiError(c.fileUploads.send({ file_upload_id: u.id, file: { data: new Blob([Buffer.alloc(2000)]) } }), {
      status: 400, code: 'validation_error', message: 'The file part is 2000 bytes; the maximum size of a part is 1024 bytes.',
    });
    // Far over the limit the server answers as soon as it has the header (the body is
    // never read), so the request announces a large Content-Length and sends nothing.
    const res = await new Promise((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1', port: small.port, method: 'POST', path: `/v1/file_uploads/${u.id}/send`, agent: false,
        headers: {
          Authorization: `Bearer ${small.token}`, 'Notion-Version': '2025-09-03',
          'Content-Type': 'multipart/form-data; boundary=X', 'Content-Length': 3 * 1024 * 1024,
        },
      }, (r) => {
        const chunks = [];
        r.on('data', (d) => chunks.push(d));
        r.on('end', () => resolve({ status: r.statusCode, body: JSON.parse(Buffer.concat(chunks).toString()) }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    assert.equal(res.status, 413);
    assert.deepEqual([res.body.code, res.body.message], ['payload_too_large', 'Request body too large. The maximum size is 1KB.']);
    const ok = await c.fileUploads.send({ file_upload_id: u.id, file: { data: new Blob([Buffer.alloc(1024)]) } });
    assert.equal(ok.status, 'uploaded');
  } finally {
    await small.stop().catch(() => {});
    await small.dispose();
  }
});
