'use strict';
// The CLI contract: tokens (--token, repeated, LOCALNOTION_TOKEN, generated and printed), --help.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, BIN, runCli, withServer } = require('../lib/server');
const { v5, v2 } = require('../lib/clients');
const { createRootPage } = require('../lib/fixtures');

const TOKEN_RE = /\b(ntn_[A-Za-z0-9]{20,}|secret_[A-Za-z0-9_]{10,})\b/;

const run = runCli;


test('with no token at all, the first start creates one and prints it; later starts print it again', async () => {
  await withServer({ token: null }, async (srv) => {
    const m = srv.stdout.join('\n').match(TOKEN_RE);
    assert.ok(m, `a token is printed: ${srv.stdout.join(' | ')}`);
    srv.token = m[1];
    const me = await v5(srv).users.me({});
    assert.equal(me.type, 'bot');
    await srv.restart();
    const m2 = srv.stdout.join('\n').match(TOKEN_RE);
    assert.ok(m2, 'the token is printed again');
    assert.equal(m2[1], m[1]);
    const me2 = await v2(srv).users.me({});
    assert.equal(me2.id, me.id);
  });
});

test('LOCALNOTION_TOKEN in the environment makes an integration with that secret', async () => {
  const secret = `secret_env_${Date.now()}`;
  await withServer({ token: null, env: { LOCALNOTION_TOKEN: secret } }, async (srv) => {
    srv.token = secret;
    const me = await v5(srv).users.me({});
    assert.equal(me.type, 'bot');
  });
});

test('each --token is its own integration with its own bot, all with access to the whole workspace', async () => {
  const second = `secret_second_${Date.now()}`;
  await withServer({ extraArgs: ['--token', second] }, async (srv) => {
    const a = v5(srv);
    const b = v5(srv, { auth: second });
    const meA = await a.users.me({});
    const meB = await b.users.me({});
    assert.notEqual(meA.id, meB.id);
    const page = await createRootPage(a, 'Shared');
    const seen = await b.pages.retrieve({ page_id: page.id });
    assert.equal(seen.id, page.id);
    const edited = await b.pages.update({ page_id: page.id, properties: { title: { title: [{ text: { content: 'by B' } }] } } });
    assert.deepEqual(edited.last_edited_by, { object: 'user', id: meB.id });
    assert.deepEqual(edited.created_by, { object: 'user', id: meA.id });
    const users = await a.users.list({});
    const ids = users.results.map((u) => u.id);
    assert.ok(ids.includes(meA.id) && ids.includes(meB.id));
  });
});

test('--help and serve --help describe every flag', async () => {
  const top = await run(['--help']);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /serve/);
  const serve = await run(['serve', '--help']);
  assert.equal(serve.code, 0);
  for (const flag of ['--host', '--port', '--db', '--token']) assert.ok(serve.stdout.includes(flag), flag);
});
