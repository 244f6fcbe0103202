'use strict';
// Seeding never locks out the server's own token (issue 16): a server started without
// --token keeps answering to the token it printed after --seed or POST /_localnotion/seed,
// prints the same token at its next start, and an export of it seeds back unchanged.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startServer } = require('../lib/server');
const { v5 } = require('../lib/clients');

const GROCERY = path.resolve(__dirname, '../../../examples/grocery.json');

function printedToken(srv) {
  const m = srv.stdout.map((l) => l.match(/^localnotion token: (\S+)$/)).find(Boolean);
  assert.ok(m, srv.stdout.join('\n'));
  return m[1];
}

function printedAdminToken(srv) {
  const m = srv.stdout.map((l) => l.match(/^localnotion admin token: (\S+)$/)).find(Boolean);
  assert.ok(m, srv.stdout.join('\n'));
  return m[1];
}

async function admin(srv, method, route, body) {
  const res = await fetch(`${srv.baseUrl}/_localnotion/${route}`, {
    method,
    headers: { Authorization: `Bearer ${printedAdminToken(srv)}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return text;
}

test('serve --seed without --token: the printed token sees the seeded workspace, and stays the same', async () => {
  const srv = await startServer({ token: null, extraArgs: ['--seed', GROCERY] });
  try {
    srv.token = printedToken(srv);
    const notion = v5(srv);
    assert.equal((await notion.users.me({})).type, 'bot');
    const page = await notion.pages.retrieve({ page_id: '59833787-2cf9-4fdf-8782-e53db20768a5' });
    assert.equal(page.properties.Name.title[0].plain_text, 'Tuscan kale');
    const found = await notion.search({ query: 'Grocery' });
    assert.ok(found.results.length >= 1);

    await srv.restart();
    assert.equal(printedToken(srv), srv.token, 'the next start prints the same token');
    assert.equal((await v5(srv).pages.retrieve({ page_id: '59833787-2cf9-4fdf-8782-e53db20768a5' })).id,
      '59833787-2cf9-4fdf-8782-e53db20768a5');
  } finally {
    await srv.stop().catch(() => {});
    await srv.dispose();
  }
});

test('export, then seed the export into the server that made it: same export, the printed token still works',
  async () => {
    const srv = await startServer({ token: null });
    try {
      srv.token = printedToken(srv);
      const notion = v5(srv);
      await notion.pages.create({
        parent: { type: 'workspace', workspace: true },
        properties: { title: { title: [{ text: { content: 'Kept' } }] } },
      });
      const first = await admin(srv, 'GET', 'export');
      await admin(srv, 'POST', 'seed', JSON.parse(first));
      assert.equal(await admin(srv, 'GET', 'export'), first);
      const found = await notion.search({ query: 'Kept' });
      assert.equal(found.results.length, 1);
    } finally {
      await srv.stop().catch(() => {});
      await srv.dispose();
    }
  });

test('shares survive export and seed: an integration sees the same pages afterwards', async () => {
  const srv = await startServer({ token: null });
  try {
    srv.token = printedToken(srv);
    const root = await v5(srv).pages.create({
      parent: { type: 'workspace', workspace: true },
      properties: { title: { title: [{ text: { content: 'Shared root' } }] } },
    });
    const other = await v5(srv).pages.create({
      parent: { type: 'workspace', workspace: true },
      properties: { title: { title: [{ text: { content: 'Not shared' } }] } },
    });
    const created = JSON.parse(await admin(srv, 'POST', 'integrations', { name: 'Partial', capabilities: 'read' }));
    await admin(srv, 'POST', `integrations/${created.id}/shares`, { object_id: root.id });
    const partial = v5({ ...srv, baseUrl: srv.baseUrl, token: created.token });
    const first = await admin(srv, 'GET', 'export');
    const exported = JSON.parse(first).integrations.find((i) => i.name === 'Partial');
    assert.deepEqual(exported.shares, [root.id]);
    await admin(srv, 'POST', 'seed', JSON.parse(first));
    assert.equal(await admin(srv, 'GET', 'export'), first);
    assert.equal((await partial.pages.retrieve({ page_id: root.id })).id, root.id);
    await assert.rejects(partial.pages.retrieve({ page_id: other.id }), (e) => e.status === 404);
  } finally {
    await srv.stop().catch(() => {});
    await srv.dispose();
  }
});
