'use strict';
// Issue 15, defect 9: client input that is not UTF-8 (raw bytes in the path, a
// percent-encoded query value, the Notion-Version header) is echoed in error messages
// with U+FFFD for each ill-formed sequence, so the body is valid UTF-8.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const { isUtf8 } = require('node:buffer');
const { startServer } = require('../lib/server');

const FFFD = '\uFFFD';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

// One request written byte for byte on a socket (node:http refuses bytes over 0x7f in a
// path); the answer's status and raw body bytes.
function sendBytes(head) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(srv.port, '127.0.0.1');
    const chunks = [];
    sock.setTimeout(10000, () => sock.destroy(new Error('timeout')));
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const status = Number(all.subarray(0, split).toString('latin1').split(' ')[1]);
      resolve({ status, body: all.subarray(split + 4) });
    });
    sock.write(head);
  });
}

function request(path, version) {
  return Buffer.concat([
    Buffer.from('GET '), path, Buffer.from(' HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n'),
    Buffer.from(`Authorization: Bearer ${srv.token}\r\nNotion-Version: `), version, Buffer.from('\r\n\r\n'),
  ]);
}

function expectUtf8Error(res, { status, code, message }) {
  assert.ok(isUtf8(res.body), `body is not UTF-8: ${res.body.toString('latin1')}`);
  const body = JSON.parse(res.body.toString('utf8'));
  assert.deepEqual({ status: res.status, code: body.code, message: body.message }, { status, code, message });
}

test('defect 9: raw bytes in a path id are shown as U+FFFD', async () => {
  const res = await sendBytes(request(Buffer.from('/v1/pages/ab\xffcd\xc3', 'latin1'), Buffer.from('2025-09-03')));
  expectUtf8Error(res, {
    status: 400,
    code: 'validation_error',
    message: `path failed validation: path.page_id should be a valid uuid, instead was \`"ab${FFFD}cd${FFFD}"\`.`,
  });
});

test('defect 9: a percent-encoded query value that is not UTF-8 is shown as U+FFFD', async () => {
  const res = await sendBytes(request(Buffer.from('/v1/comments?block_id=%FF%FE'), Buffer.from('2025-09-03')));
  expectUtf8Error(res, {
    status: 400,
    code: 'validation_error',
    message: `query failed validation: query.block_id should be a valid uuid, instead was \`"${FFFD}${FFFD}"\`.`,
  });
});

test('defect 9: a Notion-Version header that is not UTF-8 is shown as U+FFFD', async () => {
  const res = await sendBytes(request(Buffer.from('/v1/users/me'), Buffer.from('2025\xe2\x80-09-03\xff', 'latin1')));
  expectUtf8Error(res, {
    status: 400,
    code: 'missing_version',
    message: 'Notion-Version header failed validation: Notion-Version header should be `"2021-05-11"`, '
      + '`"2021-05-13"`, `"2021-08-16"`, `"2022-02-22"`, `"2022-06-28"`, `"2025-09-03"`, or '
      + `\`"2026-03-11"\`, instead was \`"2025${FFFD}-09-03${FFFD}"\`.`,
  });
});
