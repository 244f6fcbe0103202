'use strict';
// e2e-runs-alone: it bounds how long an import takes (run.sh).
// Importing external files (mode "external_url",
// https://developers.notion.com/guides/data-apis/importing-external-files): create answers
// `pending` at once, the server downloads the URL in the background, and the upload
// becomes `uploaded` (attachable like any other) or `failed` with file_import_result.
// The files come from a real loopback HTTP server (node:http) that the server is allowed
// to import from with `serve --allow-import-from`; any other URL keeps Notion's rule
// (public https only). HTTPS downloads are tested against a loopback node:https server
// with a certificate made for the test (`--import-ca-file`) and without it.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startServer } = require('../lib/server');
const { v5, raw, expectApiError, expectRawError } = require('../lib/clients');
const { createRootPage } = require('../lib/fixtures');

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const REFUSED = 'external_url must be a publicly accessible HTTPS URL.';
const PNG = crypto.randomBytes(4096);
const BIG = Buffer.alloc(2 * 1024 * 1024, 7);

let files; let prefix; let srv; let n5; let root; let requests = [];
let releaseSlow = () => {};
before(async () => {
  files = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.url === '/files/photo.png') {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': PNG.length });
      res.end(PNG);
    } else if (req.url === '/files/notes') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('plain notes');
    } else if (req.url === '/files/big.bin') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': BIG.length });
      res.end(BIG);
    } else if (req.url === '/files/big-chunked.bin') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' }); // no length: chunked
      res.write(BIG.subarray(0, 1024 * 1024));
      res.end(BIG.subarray(1024 * 1024));
    } else if (req.url === '/files/slow.png') {
      releaseSlow = () => {
        releaseSlow = () => {};
        res.writeHead(200, { 'Content-Type': 'image/png' });
        res.end(PNG);
      };
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => files.listen(0, '127.0.0.1', resolve));
  prefix = `http://127.0.0.1:${files.address().port}/files/`;
  srv = await startServer({ extraArgs: ['--allow-import-from', prefix, '--max-upload-part-bytes', String(1024 * 1024)] });
  n5 = v5(srv);
  root = await createRootPage(n5);
});
after(async () => {
  releaseSlow();
  if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); }
  if (files) { files.closeAllConnections(); await new Promise((resolve) => files.close(resolve)); }
});

// Retrieves the upload until it is no longer pending (the import runs in the background).
async function settled(id, ms = 10000) {
  const end = Date.now() + ms;
  for (;;) {
    const u = await n5.fileUploads.retrieve({ file_upload_id: id });
    if (u.status !== 'pending' || Date.now() > end) return u;
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('an allowed URL is pending at once, then uploaded; it is attached to an image block and served', async () => {
  const created = await n5.fileUploads.create({ mode: 'external_url', external_url: `${prefix}photo.png`, filename: 'photo.png' });
  assert.equal(created.object, 'file_upload');
  assert.equal(created.status, 'pending');
  assert.equal(created.filename, 'photo.png');
  assert.equal(created.content_type, 'image/png');
  assert.equal(created.content_length, null);
  assert.equal('upload_url' in created, false);
  assert.equal('file_import_result' in created, false);
  assert.match(created.expiry_time, ISO);

  const done = await settled(created.id);
  assert.equal(done.status, 'uploaded');
  assert.equal(done.content_length, PNG.length);
  assert.equal(done.content_type, 'image/png');
  assert.equal(done.file_import_result.type, 'success');
  assert.deepEqual(done.file_import_result.success, {});
  assert.match(done.file_import_result.imported_time, ISO);
  assert.ok(requests.includes('GET /files/photo.png'));
  const listed = await n5.fileUploads.list({ status: 'uploaded' });
  assert.ok(listed.results.some((u) => u.id === created.id));

  const appended = await n5.blocks.children.append({
    block_id: root.id,
    children: [{ type: 'image', image: { type: 'file_upload', file_upload: { id: created.id } } }],
  });
  const block = await n5.blocks.retrieve({ block_id: appended.results[0].id });
  assert.equal(block.type, 'image');
  assert.equal(block.image.type, 'file');
  const served = await fetch(block.image.file.url);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), PNG);
  // Attached: it never expires.
  assert.equal((await n5.fileUploads.retrieve({ file_upload_id: created.id })).expiry_time, null);
});

test('without a content type or extension, the response\'s type names the file', async () => {
  const created = await n5.fileUploads.create({ mode: 'external_url', external_url: `${prefix}notes`, filename: 'notes' });
  const done = await settled(created.id);
  assert.equal(done.status, 'uploaded');
  assert.deepEqual([done.filename, done.content_type, done.content_length], ['notes.txt', 'text/plain', 11]);
});

test('a 404 from the file server fails the upload with a download_error, which cannot be attached', async () => {
  const created = await n5.fileUploads.create({ mode: 'external_url', external_url: `${prefix}missing.png`, filename: 'm.png' });
  assert.equal(created.status, 'pending');
  const done = await settled(created.id);
  assert.equal(done.status, 'failed');
  assert.equal(done.content_length, null);
  assert.equal(done.file_import_result.type, 'error');
  assert.match(done.file_import_result.imported_time, ISO);
  assert.deepEqual(done.file_import_result.error, {
    type: 'download_error',
    code: 'file_download_failed',
    message: 'The file could not be downloaded from the external URL: the server answered with HTTP status 404.',
    parameter: null,
    status_code: 404,
  });
  const failed = await n5.fileUploads.list({ status: 'failed' });
  assert.ok(failed.results.some((u) => u.id === created.id));
  await expectApiError(n5.blocks.children.append({
    block_id: root.id,
    children: [{ type: 'image', image: { type: 'file_upload', file_upload: { id: created.id } } }],
  }), {
    status: 400, code: 'validation_error',
    message: `File upload with ID ${created.id} has status \`failed\`. Only file uploads with status \`uploaded\` can be attached.`,
  });
});

test('a file over the single-part limit fails with Notion\'s file_upload_invalid_size', async () => {
  for (const name of ['big.bin', 'big-chunked.bin']) {
    const created = await n5.fileUploads.create({ mode: 'external_url', external_url: `${prefix}${name}`, filename: name });
    const done = await settled(created.id);
    assert.equal(done.status, 'failed', name);
    assert.deepEqual(done.file_import_result.error, {
      type: 'validation_error',
      code: 'file_upload_invalid_size',
      message: 'The file size is not within the allowed limit of 1 MiB. Please try again with a new file upload.',
      parameter: null,
      status_code: null,
    }, name);
  }
});

test('a public https URL is taken and downloaded over TLS; unreachable here, it fails with the reason', async () => {
  // `.invalid` names never resolve (RFC 6761), so the download fails at once on any machine.
  const created = await n5.fileUploads.create({ mode: 'external_url', external_url: 'https://files.example.invalid/image.png', filename: 'image.png' });
  assert.equal(created.status, 'pending');
  const done = await settled(created.id, 40000);
  assert.equal(done.status, 'failed');
  const { error } = done.file_import_result;
  assert.deepEqual({ ...error, message: undefined }, {
    type: 'download_error', code: 'file_download_failed', message: undefined, parameter: null, status_code: null,
  });
  assert.match(error.message, /^The file could not be downloaded from the external URL: \S/);
});

test('URLs outside the allowed prefixes and not public https are refused at create (raw HTTP)', async () => {
  const port = files.address().port;
  const count = async () => (await raw(srv, { method: 'GET', path: '/v1/file_uploads?page_size=100' })).json.results.length;
  const before = await count();
  for (const url of [
    `http://localhost:${port}/files/photo.png`, // another spelling of the same server
    `http://127.0.0.1:${port}/other/photo.png`,
    'http://example.com/image.png',
    'https://127.0.0.1/image.png',
    'https://localhost/image.png',
    'https://192.168.1.10/image.png',
    'https://[::1]/image.png',
    'https://169.254.169.254/latest/meta-data',
  ]) {
    const res = await raw(srv, {
      method: 'POST', path: '/v1/file_uploads', version: '2026-03-11',
      body: { mode: 'external_url', external_url: url, filename: 'image.png' },
    });
    expectRawError(res, { status: 400, code: 'validation_error', message: REFUSED });
  }
  await expectApiError(n5.fileUploads.create({ mode: 'external_url', external_url: 'ftp://example.com/a.png', filename: 'a.png' }),
    { status: 400, code: 'validation_error', message: REFUSED });
  // Nothing was created by the refusals.
  assert.equal(await count(), before);
  // send does not apply to external_url uploads.
  const ext = await n5.fileUploads.create({ mode: 'external_url', external_url: `${prefix}photo.png`, filename: 'p.png' });
  await expectApiError(n5.fileUploads.send({
    file_upload_id: ext.id, file: { filename: 'p.png', data: new Blob([PNG], { type: 'image/png' }) },
  }), { status: 400, code: 'validation_error', message: 'File uploads with mode external_url do not accept file contents.' });
});

test('an import in flight does not hold the API: other requests are answered meanwhile', async () => {
  const created = await n5.fileUploads.create({ mode: 'external_url', external_url: `${prefix}slow.png`, filename: 'slow.png' });
  // The file server holds the answer: the download is in flight.
  for (let i = 0; i < 400 && !requests.includes('GET /files/slow.png'); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(requests.includes('GET /files/slow.png'));
  const t0 = Date.now();
  const me = await n5.users.me({});
  assert.equal(me.object, 'user');
  assert.ok(Date.now() - t0 < 2000);
  assert.equal((await n5.fileUploads.retrieve({ file_upload_id: created.id })).status, 'pending');
  releaseSlow();
  assert.equal((await settled(created.id)).status, 'uploaded');
});

describe('https:// downloads (node:https with a certificate made for the test)', () => {
  let dir; let tlsServer; let tlsPrefix; let trusting; let untrusting;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
    { stdio: 'ignore' });
    tlsServer = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) },
      (req, res) => {
        if (req.url === '/files/secure.png') {
          res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': PNG.length });
          res.end(PNG);
        } else {
          res.writeHead(404, { 'Content-Type': 'text/plain' });
          res.end('not found');
        }
      });
    await new Promise((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    tlsPrefix = `https://127.0.0.1:${tlsServer.address().port}/files/`;
    trusting = await startServer({ extraArgs: ['--allow-import-from', tlsPrefix, '--import-ca-file', path.join(dir, 'cert.pem')] });
    untrusting = await startServer({ extraArgs: ['--allow-import-from', tlsPrefix] });
  });
  after(async () => {
    for (const s of [trusting, untrusting]) if (s) { await s.stop().catch(() => {}); await s.dispose(); }
    if (tlsServer) { tlsServer.closeAllConnections(); await new Promise((resolve) => tlsServer.close(resolve)); }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const settle = async (client, id) => {
    const end = Date.now() + 20000;
    for (;;) {
      const u = await client.fileUploads.retrieve({ file_upload_id: id });
      if (u.status !== 'pending' || Date.now() > end) return u;
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  test('with the certificate trusted (--import-ca-file) the file is imported byte for byte', async () => {
    const client = v5(trusting);
    const created = await client.fileUploads.create({ mode: 'external_url', external_url: `${tlsPrefix}secure.png`, filename: 'secure.png' });
    const done = await settle(client, created.id);
    assert.equal(done.status, 'uploaded', JSON.stringify(done.file_import_result));
    assert.equal(done.content_length, PNG.length);
    assert.equal(done.file_import_result.type, 'success');
    const page = await createRootPage(client, 'Secure');
    const appended = await client.blocks.children.append({ block_id: page.id,
      children: [{ image: { type: 'file_upload', file_upload: { id: created.id } } }] });
    const served = await fetch(appended.results[0].image.file.url);
    assert.equal(served.status, 200);
    assert.ok(Buffer.from(await served.arrayBuffer()).equals(PNG));

    const missing = await client.fileUploads.create({ mode: 'external_url', external_url: `${tlsPrefix}gone.png`, filename: 'gone.png' });
    const failed = await settle(client, missing.id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.file_import_result.error.status_code, 404);
  });

  test('without it the certificate is not trusted: the import fails, nothing is stored', async () => {
    const client = v5(untrusting);
    const created = await client.fileUploads.create({ mode: 'external_url', external_url: `${tlsPrefix}secure.png`, filename: 'secure.png' });
    const done = await settle(client, created.id);
    assert.equal(done.status, 'failed');
    assert.equal(done.content_length, null);
    const { error } = done.file_import_result;
    assert.equal(error.code, 'file_download_failed');
    assert.equal(error.status_code, null);
    assert.match(error.message, /^The file could not be downloaded from the external URL: .*certificate verify failed/);
  });
});
