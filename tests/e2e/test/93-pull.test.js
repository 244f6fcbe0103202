'use strict';
// `localnotion pull` (docs/fixtures.md "Pulling a workspace"), with a second localnotion
// as the remote: a token that sees part of a workspace pulls it into a fixture; the
// fixture seeded into a fresh server shows that token the same things through the SDK.
// A remote that answers 429 with Retry-After is retried; a pull killed midway resumes
// from its state file without asking again what it has.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer } = require('../lib/server');
const { pull, visible } = require('../lib/pull');
const { v5, adminCall } = require('../lib/clients');
const { text, createRootPage, createDatabase } = require('../lib/fixtures');

const ADMIN = 'admin_pull_token_0123456789';
const servers = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-pull-'));
async function serve(opts = {}) {
  const srv = await startServer({ ...opts, extraArgs: ['--admin-token', ADMIN] });
  servers.push(srv);
  return srv;
}
const admin = (srv, method, route, body) => adminCall(srv, ADMIN, method, route, body);
const para = (s) => ({ paragraph: { rich_text: text(s) } });

let remote; let full; let partialToken; let shared; let hidden; let db;

before(async () => {
  remote = await serve();
  full = v5(remote);
  shared = await createRootPage(full, 'Shared');
  hidden = await createRootPage(full, 'Hidden');
  await full.blocks.children.append({ block_id: hidden.id, children: [para('not for the partial token')] });
  db = await createDatabase(full, 'v5', shared.id, 'Tasks', {
    Name: { title: {} }, Points: { number: {} }, Tag: { select: { options: [{ name: 'a', color: 'red' }] } }, Done: { checkbox: {} },
  });
  for (const [name, points] of [['one', 1], ['two', 2], ['three', 3]]) {
    await full.pages.create({ parent: { data_source_id: db.dataSourceId }, properties: { Name: { title: text(name) }, Points: { number: points }, Tag: { select: { name: 'a' } }, Done: { checkbox: points > 1 } } });
  }
  const appended = await full.blocks.children.append({
    block_id: shared.id,
    children: [
      { heading_2: { rich_text: text('Notes') } },
      { toggle: { rich_text: text('more'), children: [para('inside'), { to_do: { rich_text: text('task'), checked: false } }] } },
      { synced_block: { synced_from: null, children: [para('synced text')] } },
      { code: { rich_text: text('let x = 1'), language: 'javascript' } },
      { bookmark: { url: 'https://example.com' } },
    ],
  });
  await full.blocks.children.append({ block_id: shared.id, children: [{ synced_block: { synced_from: { block_id: appended.results[2].id } } }] });
  await full.pages.create({ parent: { page_id: shared.id }, properties: { title: { title: text('Child') } }, children: [para('child text')] });
  const c = await full.comments.create({ parent: { page_id: shared.id }, rich_text: text('looks good') });
  await full.comments.create({ discussion_id: c.discussion_id, rich_text: text('thanks') });
  await full.comments.create({ parent: { block_id: appended.results[0].id }, rich_text: text('on the heading') });
  const created = await admin(remote, 'POST', 'integrations', { name: 'Partial' });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  partialToken = created.body.token;
  assert.equal((await admin(remote, 'POST', `integrations/${created.body.id}/shares`, { object_id: shared.id })).status, 200);
});
after(async () => {
  for (const s of servers) { await s.stop().catch(() => {}); await s.dispose(); }
  fs.rmSync(dir, { recursive: true, force: true });
});

let firstFixture; let firstRequests;

test('pull copies what the token sees; seeded into a fresh server the token sees the same', async () => {
  await admin(remote, 'DELETE', 'requests');
  const out = path.join(dir, 'partial.json');
  const run = await pull(['--from', remote.baseUrl, '--out', out, '--rate', '200'], { env: { NOTION_API_KEY: partialToken } });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /pull: \d+ requests, 0 from the state file, 0 retried, .*\d+ pages/);
  assert.match(run.stderr, /localnotion pull: wrote /);
  assert.equal(fs.existsSync(`${out}.state`), false);
  firstFixture = fs.readFileSync(out, 'utf8');
  firstRequests = (await admin(remote, 'GET', 'requests')).body.results.length;
  const fixture = JSON.parse(firstFixture);
  assert.ok(!firstFixture.includes(hidden.id), 'nothing of what the token cannot see');
  assert.equal(fixture.pages.length, 5); // Shared, Child, three rows
  assert.equal(fixture.comments.length, 3);

  const copy = await serve({ token: partialToken });
  const seeded = await admin(copy, 'POST', 'seed', fixture);
  assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
  const there = await visible(v5({ ...remote, baseUrl: remote.baseUrl, token: partialToken }));
  const here = await visible(v5(copy));
  assert.deepEqual(here, there);
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
        const lines = fs.existsSync(`${out}.state`) ? fs.readFileSync(`${out}.state`, 'utf8').split('\n').length : 0;
        if (lines > 10) { clearInterval(poll); child.kill('SIGKILL'); }
      }, 20);
    },
  });
  assert.equal(killed.signal, 'SIGKILL');
  assert.equal(fs.existsSync(out), false);
  const kept = fs.readFileSync(`${out}.state`, 'utf8').split('\n').filter((l) => l.startsWith('{"key"') && l.endsWith('}')).length;
  // A line cut by the kill is ignored, and the next answer starts a line of its own.
  fs.appendFileSync(`${out}.state`, '{"key":"GET /v1/users/me","bo');
  assert.ok(kept >= 8 && kept < firstRequests, `${kept} answers kept`);
  const before = (await admin(remote, 'GET', 'requests')).body.results.length;
  const resumed = await pull([...args, '--rate', '200']);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, new RegExp(`pull: \\d+ requests, ${kept} from the state file`));
  const after = (await admin(remote, 'GET', 'requests')).body.results.length;
  assert.equal(after - before, firstRequests - kept);
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
