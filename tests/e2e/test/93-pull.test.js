'use strict';
// `localnotion pull` (docs/fixtures.md "Pulling a workspace"), with a second localnotion
// as the remote: a token that sees part of a workspace pulls it into a fixture; the
// fixture seeded into a fresh server shows that token the same things through the SDK.
// A remote that answers 429 with Retry-After is retried; a pull killed midway resumes
// from its state file without asking again what it has. Notion-hosted files (a files
// value, an image block, a page icon and cover, a comment attachment, and a file on
// another host, like Notion's on Amazon S3) are downloaded into file uploads of the
// fixture: the seeded server serves the same bytes; a file that cannot be read stays a
// link and is reported.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { pull, visible, pullServers } = require('../lib/pull');
const { v5 } = require('../lib/clients');
const { text, createRootPage, createDatabase } = require('../lib/fixtures');

const ADMIN = 'admin_pull_token_0123456789';
const { serve, admin, stopAll } = pullServers(ADMIN);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-pull-'));
const para = (s) => ({ paragraph: { rich_text: text(s) } });

// Bytes for each use of an uploaded file, all different.
const BYTES = {
  'value.pdf': Buffer.from('%PDF-1.4 a files value'),
  'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 254, 255]),
  'icon.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 9, 9]),
  'cover.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
  'note.txt': Buffer.from('a comment attachment\n'),
};
const S3_BYTES = Buffer.from('bytes kept on another host');
async function uploaded(client, filename, type) {
  const created = await client.fileUploads.create({ filename, content_type: type });
  return client.fileUploads.send({ file_upload_id: created.id, file: { filename, data: new Blob([BYTES[filename]], { type }) } });
}

// Another host for a file, as Notion keeps files on Amazon S3: it answers its first
// request 429 with Retry-After, and notes the Authorization header of each request.
const s3 = { requests: 0, authorizations: [] };
const s3Server = http.createServer((req, res) => {
  s3.requests += 1;
  s3.authorizations.push(req.headers.authorization);
  if (s3.requests === 1) { res.writeHead(429, { 'retry-after': '1' }); res.end(); return; }
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': S3_BYTES.length });
  res.end(S3_BYTES);
});

// Hosted-file links differ by server, upload id and time: compared by the file's name.
const FILE_LINK = /\/_localnotion\/files\/|^http:\/\/127\.0\.0\.1:\d+\/s3\//;
const linkFree = (v) => JSON.parse(JSON.stringify(v, (k, x) => (k === 'expiry_time' ? undefined
  : k === 'url' && typeof x === 'string' && FILE_LINK.test(x) ? `file:${decodeURIComponent(new URL(x).pathname.split('/').pop())}` : x)));
// The file links in `v`, by where they are (a path of keys), sorted by path.
const fileLinks = (v, at = '', out = []) => {
  if (Array.isArray(v)) v.forEach((x, i) => fileLinks(x, `${at}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) fileLinks(x, `${at}.${k}`, out);
  else if (typeof v === 'string' && at.endsWith('.url') && FILE_LINK.test(v)) out.push([at, v]);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
};
const bytesAt = async (url) => {
  const res = await fetch(url);
  assert.equal(res.status, 200, url);
  return Buffer.from(await res.arrayBuffer());
};

let remote; let full; let partialToken; let shared; let hidden; let db; let s3Url;

before(async () => {
  await new Promise((resolve) => s3Server.listen(0, '127.0.0.1', resolve));
  s3Url = `http://127.0.0.1:${s3Server.address().port}/s3/ws/f1/kept%20elsewhere.bin?X-Amz-Signature=ab`;
  remote = await serve();
  full = v5(remote);
  const up = {};
  for (const [name, type] of [['value.pdf', 'application/pdf'], ['image.png', 'image/png'], ['icon.png', 'image/png'],
    ['cover.jpg', 'image/jpeg'], ['note.txt', 'text/plain']]) up[name] = await uploaded(full, name, type);
  shared = await createRootPage(full, 'Shared');
  hidden = await createRootPage(full, 'Hidden');
  await full.blocks.children.append({ block_id: hidden.id, children: [para('not for the partial token')] });
  db = await createDatabase(full, 'v5', shared.id, 'Tasks', {
    Name: { title: {} }, Points: { number: {} }, Tag: { select: { options: [{ name: 'a', color: 'red' }] } }, Done: { checkbox: {} },
    Files: { files: {} },
  });
  for (const [name, points] of [['one', 1], ['two', 2], ['three', 3]]) {
    const files = points !== 1 ? [] : [
      { name: 'the value', file_upload: { id: up['value.pdf'].id } },
      { name: 'elsewhere', type: 'file', file: { url: s3Url, expiry_time: '2030-01-01T00:00:00.000Z' } },
      { name: 'site', type: 'external', external: { url: 'https://example.com/x.pdf' } },
    ];
    await full.pages.create({ parent: { data_source_id: db.dataSourceId }, properties: { Name: { title: text(name) }, Points: { number: points }, Tag: { select: { name: 'a' } }, Done: { checkbox: points > 1 }, Files: { files } } });
  }
  const appended = await full.blocks.children.append({
    block_id: shared.id,
    children: [
      { heading_2: { rich_text: text('Notes') } },
      { toggle: { rich_text: text('more'), children: [para('inside'), { to_do: { rich_text: text('task'), checked: false } }] } },
      { synced_block: { synced_from: null, children: [para('synced text')] } },
      { code: { rich_text: text('let x = 1'), language: 'javascript' } },
      { bookmark: { url: 'https://example.com' } },
      { image: { type: 'file_upload', file_upload: { id: up['image.png'].id }, caption: text('a pixel') } },
    ],
  });
  await full.blocks.children.append({ block_id: shared.id, children: [{ synced_block: { synced_from: { block_id: appended.results[2].id } } }] });
  const child = await full.pages.create({
    parent: { page_id: shared.id }, properties: { title: { title: text('Child') } }, children: [para('child text')],
    icon: { type: 'file_upload', file_upload: { id: up['icon.png'].id } }, cover: { type: 'file_upload', file_upload: { id: up['cover.jpg'].id } },
  });
  await full.comments.create({ parent: { page_id: child.id }, rich_text: text('see the note'), attachments: [{ file_upload_id: up['note.txt'].id }] });
  const c = await full.comments.create({ parent: { page_id: shared.id }, rich_text: text('looks good') });
  await full.comments.create({ discussion_id: c.discussion_id, rich_text: text('thanks') });
  await full.comments.create({ parent: { block_id: appended.results[0].id }, rich_text: text('on the heading') });
  const created = await admin(remote, 'POST', 'integrations', { name: 'Partial' });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  partialToken = created.body.token;
  assert.equal((await admin(remote, 'POST', `integrations/${created.body.id}/shares`, { object_id: shared.id })).status, 200);
});
after(async () => {
  s3Server.close();
  await stopAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

let firstFixture; let firstRequests;

test('pull copies what the token sees, files with their bytes; seeded into a fresh server the token sees the same', async () => {
  await admin(remote, 'DELETE', 'requests');
  const out = path.join(dir, 'partial.json');
  const run = await pull(['--from', remote.baseUrl, '--out', out, '--rate', '200'], { env: { NOTION_API_KEY: partialToken } });
  assert.equal(run.code, 0, run.stderr);
  // The other host's 429 was retried after its Retry-After.
  assert.match(run.stderr, /pull: \d+ requests, 0 from the state file, 1 retried, .*\d+ pages, 6 files downloaded, 0 kept as links/);
  assert.doesNotMatch(run.stderr, /could not be downloaded/);
  assert.match(run.stderr, /localnotion pull: wrote /);
  assert.equal(fs.existsSync(`${out}.state`), false);
  assert.equal(s3.requests, 2);
  assert.deepEqual(s3.authorizations, [undefined, undefined], 'file links are fetched without the token');
  firstFixture = fs.readFileSync(out, 'utf8');
  firstRequests = (await admin(remote, 'GET', 'requests')).body.results.length;
  const fixture = JSON.parse(firstFixture);
  assert.ok(!firstFixture.includes(hidden.id), 'nothing of what the token cannot see');
  assert.equal(fixture.pages.length, 5); // Shared, Child, three rows
  assert.equal(fixture.comments.length, 4); // each once, though a sub-page is also a child_page block
  assert.ok(!firstFixture.includes('/_localnotion/files/'), 'no link to the files of the remote');
  const uploads = Object.fromEntries(fixture.file_uploads.map((u) => [u.filename, u]));
  assert.deepEqual(Object.keys(uploads).sort(), [...Object.keys(BYTES), 'kept elsewhere.bin'].sort());
  for (const [name, bytes] of Object.entries(BYTES)) assert.equal(Buffer.from(uploads[name].content_base64, 'base64').compare(bytes), 0, name);
  assert.equal(Buffer.from(uploads['kept elsewhere.bin'].content_base64, 'base64').compare(S3_BYTES), 0);
  assert.equal(uploads['icon.png'].content_type, 'image/png');
  assert.equal(uploads['icon.png'].integration_id, fixture.integrations[0].id);
  const childPage = fixture.pages.find((p) => p.icon && p.icon.type === 'file');
  assert.deepEqual(childPage.icon, { type: 'file', file: { file_upload_id: uploads['icon.png'].id, filename: 'icon.png', content_type: 'image/png' } });
  assert.equal(childPage.cover.file.file_upload_id, uploads['cover.jpg'].id);
  const attachment = fixture.comments.find((c) => c.attachments).attachments;
  assert.deepEqual(attachment, [{ category: 'productivity', file: { type: 'file', file: { file_upload_id: uploads['note.txt'].id, filename: 'note.txt', content_type: 'text/plain' } } }]);

  const copy = await serve({ token: partialToken });
  const seeded = await admin(copy, 'POST', 'seed', fixture);
  assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
  assert.equal(seeded.body.counts.file_uploads, 6);
  const there = await visible(v5({ ...remote, baseUrl: remote.baseUrl, token: partialToken }));
  const here = await visible(v5(copy));
  assert.deepEqual(linkFree(here), linkFree(there));
  // Every file the token saw on the remote is served by the copy, with the same bytes.
  const [links, copied] = [fileLinks(there), fileLinks(here)];
  // A files value (2), an image, an icon and a cover, an attachment (listed twice: visible() asks
  // the comments of Child as a page and as a child_page block).
  assert.equal(copied.length, 7);
  assert.deepEqual(copied.map(([at]) => at), links.map(([at]) => at));
  assert.ok(copied.every(([, u]) => u.startsWith(`${copy.baseUrl}/_localnotion/files/`)));
  for (let i = 0; i < links.length; i += 1) assert.equal((await bytesAt(copied[i][1])).compare(await bytesAt(links[i][1])), 0, links[i][0]);
  const listed = await v5(copy).fileUploads.list({});
  assert.deepEqual(listed.results.map((u) => u.status), Array(6).fill('uploaded'));

  // The copy's export seeds into a third server and exports back the same.
  const exported = await admin(copy, 'GET', 'export');
  assert.equal(exported.status, 200);
  const third = await serve({ token: partialToken });
  assert.equal((await admin(third, 'POST', 'seed', exported.body)).status, 200);
  assert.equal(JSON.stringify((await admin(third, 'GET', 'export')).body), JSON.stringify(exported.body));
});

test('a remote answering 429 with Retry-After is retried after the wait', async () => {
  await admin(remote, 'DELETE', 'requests');
  assert.equal((await admin(remote, 'POST', 'faults', { method: 'POST', path: '/v1/search', status: 429, count: 2, retry_after: 1 })).status, 200);
  const out = path.join(dir, 'retried.json');
  const started = Date.now();
  const run = await pull(['--from', remote.baseUrl, '--token', partialToken, '--out', out, '--rate', '200']);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(Date.now() - started >= 2000, 'waited Retry-After twice');
  assert.match(run.stderr, / 2 retried/);
  const searches = (await admin(remote, 'GET', 'requests?path=/v1/search')).body.results.map((r) => r.status);
  assert.deepEqual(searches.sort(), [200, 429, 429]);
  assert.equal(fs.readFileSync(out, 'utf8'), firstFixture);
});

test('a pull killed midway resumes from its state file without fetching again what it has', async () => {
  await admin(remote, 'DELETE', 'requests');
  const out = path.join(dir, 'resumed.json');
  const args = ['--from', remote.baseUrl, '--token', partialToken, '--out', out];
  const killed = await pull([...args, '--rate', '10'], {
    onStart: (child) => {
      const poll = setInterval(() => {
        const lines = fs.existsSync(`${out}.state`) ? fs.readFileSync(`${out}.state`, 'utf8').split('\n').filter((l) => !l.startsWith('{"key":"FILE ')).length : 0;
        if (lines > 10) { clearInterval(poll); child.kill('SIGKILL'); }
      }, 20);
    },
  });
  assert.equal(killed.signal, 'SIGKILL');
  assert.equal(fs.existsSync(out), false);
  const lines = fs.readFileSync(`${out}.state`, 'utf8').split('\n').filter((l) => l.startsWith('{"key"') && l.endsWith('}'));
  const kept = lines.filter((l) => !l.startsWith('{"key":"FILE ')).length;
  const files = lines.length - kept;
  // A line cut by the kill is ignored, and the next answer starts a line of its own.
  fs.appendFileSync(`${out}.state`, '{"key":"GET /v1/users/me","bo');
  assert.ok(kept >= 8 && kept < firstRequests, `${kept} answers kept`);
  // The other host's file, named by the query of the rows, was downloaded before the kill.
  assert.ok(lines.some((l) => l.startsWith(`{"key":"FILE ${s3Url.split('?')[0]}","file":`)), 'the file is in the state file');
  const s3Before = s3.requests;
  const before = (await admin(remote, 'GET', 'requests')).body.results.length;
  const resumed = await pull([...args, '--rate', '200']);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, new RegExp(`pull: \\d+ requests, ${kept + files} from the state file`));
  const after = (await admin(remote, 'GET', 'requests')).body.results.length;
  assert.equal(after - before, firstRequests - kept);
  assert.equal(s3.requests, s3Before, 'what the state file has is not downloaded again');
  assert.equal(fs.readFileSync(out, 'utf8'), firstFixture);
  assert.equal(fs.existsSync(`${out}.state`), false);
});

test('pull without a token, or from a state file of another remote, says why', async () => {
  const env = { ...process.env };
  delete env.NOTION_API_KEY;
  const none = await pull(['--from', remote.baseUrl, '--out', path.join(dir, 'x.json')], { env: { NOTION_API_KEY: '' } });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /localnotion pull: give --token or set NOTION_API_KEY/);
  const other = path.join(dir, 'other.json');
  fs.writeFileSync(`${other}.state`, '{"format":"localnotion-pull-state/1","from":"http://127.0.0.1:1"}\n');
  const refused = await pull(['--from', remote.baseUrl, '--token', partialToken, '--out', other]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, new RegExp(`the state file ${other}\\.state is not of a pull from ${remote.baseUrl}: remove it to start again`));
});

test('a file that cannot be downloaded, or is over --max-file-bytes, stays a link and is reported', async () => {
  const forged = `${remote.baseUrl}/_localnotion/files/00000000-0000-4000-8000-000000000000/gone.png?expires=1&signature=00`;
  const gone = await full.pages.create({
    parent: { data_source_id: db.dataSourceId },
    properties: { Name: { title: text('gone') }, Files: { files: [{ name: 'gone', type: 'file', file: { url: forged, expiry_time: '2030-01-01T00:00:00.000Z' } }] } },
  });
  const escaped = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const out = path.join(dir, 'gone.json');
  const run = await pull(['--from', remote.baseUrl, '--token', partialToken, '--out', out, '--rate', '200']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /, 6 files downloaded, 1 kept as links/);
  // The remote answers a link with a bad signature 403 restricted_resource, as Notion's expired links are refused.
  assert.match(run.stderr, new RegExp(`\\nlocalnotion pull: 1 file could not be downloaded and stays a link:\\n  ${escaped(forged.split('?')[0])} \\(HTTP 403\\)\\nlocalnotion pull: wrote `));
  const fixture = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.deepEqual(fixture.pages.find((p) => p.id === gone.id).properties.Files.files, [{ name: 'gone', type: 'external', external: { url: forged } }]);
  assert.equal(fixture.file_uploads.length, 6);

  // 6 bytes at most: only the icon (6 bytes) is downloaded; the others stay links, and the
  // comment attachment, which cannot be a link, is left out.
  const small = path.join(dir, 'small.json');
  const bounded = await pull(['--from', remote.baseUrl, '--token', partialToken, '--out', small, '--rate', '200', '--max-file-bytes', '6']);
  assert.equal(bounded.code, 0, bounded.stderr);
  assert.match(bounded.stderr, /, 1 files downloaded, 6 kept as links/);
  assert.match(bounded.stderr, /localnotion pull: 6 files could not be downloaded and stay links:\n/);
  assert.equal(bounded.stderr.match(/ \(over 6 bytes\)\n/g).length, 5);
  const f = JSON.parse(fs.readFileSync(small, 'utf8'));
  assert.deepEqual(f.file_uploads.map((u) => u.filename), ['icon.png']);
  const image = f.blocks.find((b) => b.type === 'image').image;
  assert.equal(image.type, 'external');
  assert.match(image.external.url, /\/_localnotion\/files\/.*\/image\.png\?expires=/);
  assert.equal(f.comments.find((c) => c.rich_text[0].plain_text === 'see the note').attachments, undefined);
  const copy = await serve({ token: partialToken });
  assert.equal((await admin(copy, 'POST', 'seed', f)).status, 200);
});
