'use strict';
// e2e-runs-alone: it bounds how long curl and the server take (run.sh).
// Issue 15: every class of bad input an integration or an abusive client can send:
// malformed HTTP, deep JSON, huge bodies, invalid UTF-8, wrong types, slow clients,
// pipelining without reading, descriptor exhaustion under a low `ulimit -n`, HEAD,
// header overflow, `Expect: 100-continue`. Each gets Notion's error envelope (or, for
// HEAD and 100-continue, the right framing); the server stays up and answers others,
// and nothing the bad requests touched has changed.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { setTimeout: sleep } = require('node:timers/promises');
const { startServer, BIN, freePort, usePostgres, LATENCY_FACTOR } = require('../lib/server');
const { v5, raw, expectRawError, ClientV5 } = require('../lib/clients');
const { text, createRootPage } = require('../lib/fixtures');

const TIMEOUT_MS = 1000;
const VERSION = '2025-09-03';
const FILE_CONTENT = 'hosted bytes\n'.repeat(40);

let srv; let client; let root; let fileUrl; let snapshot;

// What the bad requests must leave as it was: the page, its blocks, what search finds.
async function state() {
  const page = await client.pages.retrieve({ page_id: root.id });
  const blocks = await client.blocks.children.list({ block_id: root.id, page_size: 100 });
  const found = await client.search({ query: '' });
  delete page.icon; // its link's expiry moves with time
  return JSON.stringify({ page, blocks: blocks.results, found: found.results.map((r) => [r.id, r.last_edited_time]) });
}

async function alive() {
  const me = await client.users.me({});
  assert.equal(me.type, 'bot');
}

before(async () => {
  srv = await startServer({ extraArgs: ['--client-timeout-ms', String(TIMEOUT_MS)] });
  client = v5(srv);
  root = await createRootPage(client, 'Bad input');
  // 100 long paragraphs: an answer of some 250 KB, for the clients that never read.
  const long = 'x'.repeat(2000);
  for (let i = 0; i < 2; i += 1) {
    await client.blocks.children.append({
      block_id: root.id,
      children: Array.from({ length: 50 }, () => ({ paragraph: { rich_text: text(long) } })),
    });
  }
  const created = await client.fileUploads.create({ filename: 'notes.txt', content_type: 'text/plain' });
  const up = await client.fileUploads.send({
    file_upload_id: created.id, file: { filename: 'notes.txt', data: new Blob([FILE_CONTENT], { type: 'text/plain' }) },
  });
  const withIcon = await client.pages.update({ page_id: root.id, icon: { type: 'file_upload', file_upload: { id: up.id } } });
  fileUrl = new URL(withIcon.icon.file.url);
  snapshot = await state();
});

after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

// ---- raw sockets -------------------------------------------------------------------

// Writes `parts` on a new connection (a number is a pause in ms) and collects what the
// server sends until it closes the connection, or `ms` passes.
function converse(parts, { port = srv.port, ms = 10000 } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    const done = (closed) => {
      clearTimeout(timer);
      sock.destroy();
      resolve({ data: Buffer.concat(chunks), closed, ms: Date.now() - started });
    };
    const timer = setTimeout(() => done(false), ms);
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', () => {});
    sock.on('close', () => done(true));
    sock.on('connect', async () => {
      for (const p of parts) {
        if (typeof p === 'number') await sleep(p);
        else if (!sock.destroyed) sock.write(p);
      }
    });
  });
}

// The answers in a byte stream, in order; `methods[i]` is the method of the i-th request
// (a HEAD answer has no body whatever its Content-Length). 1xx answers come as they are.
function answers(buf, methods = []) {
  const out = [];
  let pos = 0;
  let i = 0;
  while (pos < buf.length) {
    const end = buf.indexOf('\r\n\r\n', pos);
    assert.ok(end >= 0, `truncated answer: ${JSON.stringify(buf.subarray(pos).toString('latin1').slice(0, 200))}`);
    const lines = buf.subarray(pos, end).toString('latin1').split('\r\n');
    assert.match(lines[0], /^HTTP\/1\.1 \d{3} /, `not a status line: ${JSON.stringify(lines[0].slice(0, 200))}`);
    const status = Number(lines[0].split(' ')[1]);
    const headers = {};
    for (const l of lines.slice(1)) headers[l.slice(0, l.indexOf(':')).toLowerCase()] = l.slice(l.indexOf(':') + 1).trim();
    pos = end + 4;
    let body = Buffer.alloc(0);
    if (status >= 200) {
      if (methods[i] !== 'HEAD') {
        body = buf.subarray(pos, pos + Number(headers['content-length'] || 0));
        pos += body.length;
      }
      i += 1;
    }
    out.push({ status, headers, body });
  }
  return out;
}

function expectEnvelope(answer, { status, code, message }) {
  assert.equal(answer.status, status, `answer: ${answer.status} ${answer.body.toString('utf8')}`);
  assert.match(answer.headers['content-type'], /^application\/json/);
  const body = JSON.parse(answer.body.toString('utf8'));
  assert.deepEqual(
    { object: body.object, status: body.status, code: body.code, message: body.message },
    { object: 'error', status, code, message },
  );
  assert.equal(body.request_id, answer.headers['x-notion-request-id']);
}

const auth = () => `Authorization: Bearer ${srv.token}\r\nNotion-Version: ${VERSION}\r\n`;

// ---- malformed HTTP, header overflow -------------------------------------------------

const MALFORMED = { status: 400, code: 'invalid_request', message: 'Malformed HTTP request.' };

test('a malformed request line or header field: 400 invalid_request, then close', async () => {
  for (const request of [
    'GARBAGE\r\n\r\n',
    'GET /v1/users/me HTTP/1.1 extra\r\nHost: x\r\n\r\n',
    'GET /v1/users/me HTTP/1.1\r\nHost: x\r\nX-Nul: a\0b\r\n\r\n',
    'GET /v1/users/me HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n',
    'POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n',
    'POST /v1/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
  ]) {
    const res = await converse([request]);
    assert.ok(res.closed, `${JSON.stringify(request)}: closed`);
    const got = answers(res.data);
    assert.equal(got.length, 1, `${JSON.stringify(request)}: one answer, got ${res.data.toString('latin1')}`);
    expectEnvelope(got[0], MALFORMED);
  }
  await alive();
});

test('a header block over 16 KB: 431; a request target over 8 KB: 414', async () => {
  const head = 'GET /v1/users/me HTTP/1.1\r\nHost: x\r\n';
  const cases = [
    [`${head}X-Big: ${'a'.repeat(20000)}\r\n\r\n`, 431, 'Request header fields too large. The maximum size is 16KB.'],
    [`${head}${Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'b'.repeat(40)}\r\n`).join('')}\r\n`, 431,
      'Request header fields too large. The maximum size is 16KB.'],
    [`GET /v1/pages/${'a'.repeat(10000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'Request URL too long. The maximum length is 8KB.'],
    [`GET /v1/pages/${'a'.repeat(40000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'Request URL too long. The maximum length is 8KB.'],
  ];
  for (const [request, status, message] of cases) {
    const res = await converse([request]);
    assert.ok(res.closed);
    const got = answers(res.data);
    assert.equal(got.length, 1);
    expectEnvelope(got[0], { status, code: 'invalid_request', message });
  }
  // Just under the limits is served.
  const ok = await converse([`GET /v1/users/me HTTP/1.1\r\nHost: x\r\n${auth()}X-Big: ${'a'.repeat(12000)}\r\nConnection: close\r\n\r\n`]);
  assert.equal(answers(ok.data)[0].status, 200);
  await alive();
});

// ---- bodies: deep, invalid UTF-8, wrong types, huge ------------------------------------

test('JSON nested 100,000 deep: 400 invalid_json, no crash', async () => {
  const deep = `{"query":${'['.repeat(100000)}${']'.repeat(100000)}}`;
  const res = await raw(srv, { method: 'POST', path: '/v1/search', body: deep });
  expectRawError(res, { status: 400, code: 'invalid_json', message: 'Error parsing JSON body.' });
  await alive();
});

test('a body that is not UTF-8: 400 invalid_json', async () => {
  const bytes = Buffer.concat([Buffer.from('{"query":"'), Buffer.from([0xff, 0xc3]), Buffer.from('"}')]);
  const res = await converse([
    `POST /v1/search HTTP/1.1\r\nHost: x\r\n${auth()}Content-Type: application/json\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
    bytes,
  ]);
  expectEnvelope(answers(res.data)[0], { status: 400, code: 'invalid_json', message: 'Error parsing JSON body.' });
});

test('wrong types: validation_error with Notion\'s message', async () => {
  const res = await raw(srv, { method: 'PATCH', path: `/v1/pages/${root.id}`, body: { properties: 'x' } });
  expectRawError(res, {
    status: 400,
    code: 'validation_error',
    message: 'body failed validation: body.properties should be an object, instead was `"x"`.',
  });
  const res2 = await raw(srv, { method: 'PATCH', path: `/v1/pages/${root.id}`, body: { in_trash: 'yes' } });
  assert.equal(res2.status, 400);
  assert.equal(res2.json.code, 'validation_error');
});

const TOO_LARGE = { status: 413, code: 'payload_too_large', message: 'Request body too large. The maximum size is 500KB.' };

test('a body over 500 KB: the official SDK gets the 413 (not EPIPE), and so does node:http', async () => {
  const huge = 'y'.repeat(600 * 1024);
  // The SDK as shipped, over fetch: the suite's validating fetch has no schema for a 413.
  const sdk = new ClientV5({ auth: srv.token, baseUrl: srv.baseUrl, retry: false, logLevel: 'error' });
  for (let i = 0; i < 5; i += 1) {
    let err;
    try {
      await sdk.pages.update({ page_id: root.id, properties: { title: { title: text(huge) } } });
    } catch (e) {
      err = e;
    }
    assert.ok(err, 'the update must fail');
    assert.equal(err.status, 413, `round ${i}: ${err.name} ${err.code} ${err.message}`);
    const body = JSON.parse(err.body);
    assert.deepEqual({ status: body.status, code: body.code, message: body.message }, TOO_LARGE);
  }
  // node:http, with a Content-Length, and chunked (refused once 500 KB have arrived).
  const send = (headers) => new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: srv.port, method: 'PATCH', path: `/v1/pages/${root.id}`, agent: false,
      headers: { Authorization: `Bearer ${srv.token}`, 'Notion-Version': VERSION, 'Content-Type': 'application/json', ...headers },
    }, (r) => {
      const chunks = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => resolve({ status: r.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    for (let i = 0; i < 12; i += 1) req.write('z'.repeat(64 * 1024));
    req.end();
  });
  for (const headers of [{ 'Content-Length': 12 * 64 * 1024 }, {}]) {
    const res = await send(headers);
    assert.deepEqual({ status: res.status, code: res.body.code, message: res.body.message },
      { status: 413, code: TOO_LARGE.code, message: TOO_LARGE.message });
  }
  await alive();
});

// ---- Expect: 100-continue -------------------------------------------------------------

test('Expect: 100-continue gets 100 Continue before the body, or the final answer at once', async () => {
  const body = '{"query":"nothing matches this"}';
  const accepted = await converse([
    `POST /v1/search HTTP/1.1\r\nHost: x\r\n${auth()}Content-Type: application/json\r\n`
      + `Content-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
    300, // a client waits for the 100 before it sends the body
    body,
  ]);
  const got = answers(accepted.data, ['POST']);
  assert.deepEqual(got.map((a) => a.status), [100, 200]);
  assert.deepEqual(JSON.parse(got[1].body.toString('utf8')).results, []);

  // curl sends `Expect: 100-continue` and, unanswered, waits a second before the body.
  const started = Date.now();
  const status = execFileSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'POST',
    `${srv.baseUrl}/v1/search`, '-H', `Authorization: Bearer ${srv.token}`, '-H', `Notion-Version: ${VERSION}`,
    '-H', 'Content-Type: application/json', '-H', 'Expect: 100-continue',
    '--data-binary', '@-'], { encoding: 'utf8', input: JSON.stringify({ query: 'q'.repeat(200000) }) });
  assert.equal(status, '200');
  assert.ok(Date.now() - started < 900, `curl took ${Date.now() - started} ms`);

  const refused = [
    [`POST /v1/search HTTP/1.1\r\nHost: x\r\nNotion-Version: ${VERSION}\r\nContent-Length: 20\r\nExpect: 100-continue\r\n\r\n`,
      { status: 401, code: 'unauthorized', message: 'Authorization header must use the format "Bearer <token>".' }],
    [`POST /v1/nowhere HTTP/1.1\r\nHost: x\r\n${auth()}Content-Length: 20\r\nExpect: 100-continue\r\n\r\n`,
      { status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' }],
    [`POST /v1/search HTTP/1.1\r\nHost: x\r\n${auth()}Content-Length: ${600 * 1024}\r\nExpect: 100-continue\r\n\r\n`,
      TOO_LARGE],
  ];
  for (const [request, expected] of refused) {
    // The body is never sent: the final answer must come without it.
    const res = await converse([request], { ms: 3000 });
    const all = answers(res.data, ['POST']);
    assert.equal(all.length, 1, `no 100 Continue for a refused request: ${res.data.toString('latin1')}`);
    expectEnvelope(all[0], expected);
  }
  await alive();
});

// ---- HEAD -------------------------------------------------------------------------------

test('HEAD answers carry no body, so keep-alive stays in sync (API and hosted files)', async () => {
  const file = `${fileUrl.pathname}${fileUrl.search}`;
  const res = await converse([
    `HEAD /v1/users/me HTTP/1.1\r\nHost: x\r\n${auth()}\r\n`,
    `HEAD ${file} HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET ${file} HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET /v1/users/me HTTP/1.1\r\nHost: x\r\n${auth()}Connection: close\r\n\r\n`,
  ]);
  const got = answers(res.data, ['HEAD', 'HEAD', 'GET', 'GET']);
  assert.deepEqual(got.map((a) => a.status), [400, 200, 200, 200]);
  const apiHead = got[0];
  assert.equal(apiHead.body.length, 0);
  assert.ok(Number(apiHead.headers['content-length']) > 0, 'Content-Length as for GET');
  assert.equal(got[1].body.length, 0);
  assert.equal(Number(got[1].headers['content-length']), Buffer.byteLength(FILE_CONTENT));
  assert.match(got[1].headers['content-type'], /^text\/plain/);
  assert.equal(got[2].body.toString('utf8'), FILE_CONTENT);
  assert.equal(JSON.parse(got[3].body.toString('utf8')).type, 'bot');
});

// ---- slow clients, pipelining without reading -------------------------------------------

const TIMED_OUT = { status: 408, code: 'invalid_request', message: 'Request timed out before it was received in full.' };

test('a request trickled in slower than --client-timeout-ms: 408, then close', async () => {
  for (const parts of [
    ['GET /v1/users/me HTTP/1.1\r\n', 300, 'Host: x\r\n', 400, 'X-Slow: 1\r\n', 5000, '\r\n'],
    [`PATCH /v1/pages/${root.id} HTTP/1.1\r\nHost: x\r\n${auth()}Content-Length: 100\r\n\r\n{"prop`, 5000, 'erties":{}}'],
  ]) {
    const res = await converse(parts);
    assert.ok(res.closed);
    assert.ok(res.ms >= TIMEOUT_MS - 50 && res.ms < TIMEOUT_MS + 2000, `closed after ${res.ms} ms`);
    const got = answers(res.data);
    assert.equal(got.length, 1);
    expectEnvelope(got[0], TIMED_OUT);
  }
  // An idle keep-alive connection is closed without an answer.
  const idle = await converse([`GET /v1/users/me HTTP/1.1\r\nHost: x\r\n${auth()}\r\n`]);
  assert.ok(idle.closed);
  assert.deepEqual(answers(idle.data).map((a) => a.status), [200]);
});

// Under LOCALNOTION_DB=postgres the server also holds its pooled connections to
// PostgreSQL, whose number changes with the load: only sockets on the server's own port
// (its listener and its clients) count then.
function ownPortInodes(pid) {
  const inodes = new Set();
  for (const table of ['tcp', 'tcp6']) {
    let text = '';
    try { text = fs.readFileSync(`/proc/${pid}/net/${table}`, 'utf8'); } catch { continue; }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && parseInt(f[1].split(':')[1], 16) === srv.port) inodes.add(f[9]);
    }
  }
  return inodes;
}

function serverSockets(pid) {
  const own = usePostgres() ? ownPortInodes(pid) : null;
  let n = 0;
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (link.startsWith('socket:') && (!own || own.has(link.slice(8, -1)))) n += 1;
    } catch { /* closed meanwhile */ }
  }
  return n;
}

function rssBytes(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) * 1024;
}

test('20 clients pipelining without reading are closed after the timeout, and their memory freed', async () => {
  const pid = srv.child.pid;
  const sockets0 = serverSockets(pid);
  const rss0 = rssBytes(pid);
  const request = `GET /v1/blocks/${root.id}/children?page_size=100 HTTP/1.1\r\nHost: x\r\n${auth()}\r\n`;
  const hogs = await Promise.all(Array.from({ length: 20 }, () => new Promise((resolve) => {
    const s = net.connect(srv.port, '127.0.0.1', () => {
      s.write(request.repeat(200));
      resolve(s);
    });
    s.on('error', () => {}); // never read: no 'data' listener, the socket stays paused
  })));
  // The server accepted and served every one: each holds the start of an answer that it
  // does not read (node reads a paused socket into its buffer, up to its high-water mark,
  // and keeps what arrived even after the server closes it). A wait for that event, not a
  // fixed pause: an ASan/UBSan server, busy answering the first ones, serves the last later.
  // Counting the server's sockets instead needed all 20 open at one poll, which a loaded
  // ASan server did not always show within the wait (CI, 2026-12-04: 4 sockets, then 3).
  const started = Date.now();
  const accepting = started + TIMEOUT_MS * LATENCY_FACTOR;
  const answered = () => hogs.filter((s) => s.readableLength > 0).length;
  let most = serverSockets(pid);
  while (answered() < 20 && Date.now() < accepting) {
    await sleep(20);
    most = Math.max(most, serverSockets(pid));
  }
  const rssPeak = rssBytes(pid);
  assert.equal(answered(), 20, `the server answered all 20 (sockets at first ${sockets0}, at most ${most} `
    + `while waiting ${Date.now() - started} ms)\n${srv.logTail(20)}`);
  const held = serverSockets(pid);
  await alive(); // others are served meanwhile
  // What is under test is that they are closed at all (before issue 15's fix they were
  // still held 45 s later), which the normal run proves within 5 timeouts; a sanitized
  // server fills their 4,000 queued answers several times slower before the writes stall
  // and time out, so its deadline is LATENCY_FACTOR times longer.
  const deadline = Date.now() + TIMEOUT_MS * 5 * LATENCY_FACTOR;
  while (serverSockets(pid) > sockets0 && Date.now() < deadline) await sleep(100);
  const left = serverSockets(pid);
  const rss1 = rssBytes(pid);
  for (const s of hogs) s.destroy();
  assert.ok(left <= sockets0, `the server closed them (${held} -> ${left}, at first ${sockets0})`);
  const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
  // An ASan server keeps what it frees in its quarantine (256 MB by default) and does not
  // hand it back to the system, so its RSS cannot show the memory freed: the normal run
  // proves that; a sanitized run proves the closing above.
  if (!process.env.LOCALNOTION_SANITIZER) {
    assert.ok(rss1 <= rss0 + 40 * 1048576, `RSS falls back: ${mb(rss0)} -> ${mb(rssPeak)} -> ${mb(rss1)}`);
  }
  await alive();
});

// ---- descriptor exhaustion --------------------------------------------------------------

function cpuTicks(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (1/100 s)
}

test('out of descriptors (ulimit -n 64): accepting does not spin, and clients are served once others close',
  async () => {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-e2e-ulimit-'));
    const token = `secret_e2e_${crypto.randomBytes(12).toString('hex')}`;
    const child = spawn('sh', ['-c', 'ulimit -n 64 && exec "$0" "$@"', BIN, 'serve', '--host', '127.0.0.1',
      '--port', String(port), '--db', `sqlite:${path.join(dir, 'ln.db')}`, '--token', token,
      '--client-timeout-ms', '30000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const hogs = [];
    try {
      await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => { out += d; if (out.includes('listening on')) resolve(); });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
        // Unref'd: a pending timer would keep this test process alive 20 s after its tests.
        setTimeout(() => reject(new Error('did not start')), 20000).unref();
      });
      const limited = v5({ token, baseUrl: `http://127.0.0.1:${port}` });
      assert.equal((await limited.users.me({})).type, 'bot');
      for (let i = 0; i < 100; i += 1) {
        hogs.push(await new Promise((resolve) => {
          const s = net.connect(port, '127.0.0.1', () => resolve(s));
          s.on('error', () => {});
        }));
      }
      const openFds = () => fs.readdirSync(`/proc/${child.pid}/fd`).length;
      for (let waited = 0; openFds() < 60 && waited < 5000; waited += 100) await sleep(100);
      await sleep(200);
      const fds = openFds();
      assert.ok(fds >= 60, `the server is out of descriptors (${fds} open)`);
      const t0 = cpuTicks(child.pid);
      await sleep(1000);
      const used = cpuTicks(child.pid) - t0;
      assert.ok(used <= 20, `the server used ${used} ticks of CPU in 1 s while out of descriptors`);
      for (const s of hogs) s.destroy();
      const me = await Promise.race([
        limited.users.me({}),
        sleep(10000, undefined, { ref: false }).then(() => { throw new Error('not served within 10 s after the others closed'); }),
      ]);
      assert.equal(me.type, 'bot');
    } finally {
      for (const s of hogs) s.destroy();
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

// ---- and after all that -------------------------------------------------------------------

test('the server is alive and nothing changed', async () => {
  await alive();
  assert.equal(await state(), snapshot);
  assert.equal(srv.child.exitCode, null);
});
