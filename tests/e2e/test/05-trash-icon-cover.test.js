'use strict';
// Trash and restore (in_trash and archived), edits refused while trashed, icon and cover,
// POST /v1/pages with a page parent.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, expectApiError } = require('../lib/clients');
const { text, plain, createRootPage, createDatabase, createPageIn } = require('../lib/fixtures');

const ARCHIVED = {
  status: 400, code: 'validation_error',
  message: "Can't edit block that is archived. You must unarchive the block before editing.",
};

let srv; let n5; let n2; let root; let inv5; let inv2;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  n2 = v2(srv);
  root = await createRootPage(n5);
  const schema = { Name: { title: {} }, Price: { number: {} }, 'In stock': { checkbox: {} } };
  inv5 = await createDatabase(n5, 'v5', root.id, 'Inventory', schema);
  inv2 = await createDatabase(n2, 'v2', root.id, 'Inventory 2', schema);
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('trash with in_trash:true, restore with in_trash:false; both fields in responses', async () => {
  const p = await createPageIn(n5, 'v5', inv5, { Name: { title: text('t1') } });
  assert.equal(p.in_trash, false);
  assert.equal(p.archived, false);
  const t = await n5.pages.update({ page_id: p.id, in_trash: true });
  assert.equal(t.in_trash, true);
  assert.equal(t.archived, true);
  const g = await n5.pages.retrieve({ page_id: p.id });
  assert.equal(g.in_trash, true);
  assert.equal(g.archived, true);
  const r = await n5.pages.update({ page_id: p.id, in_trash: false });
  assert.equal(r.in_trash, false);
  assert.equal(r.archived, false);
  const e = await n5.pages.update({ page_id: p.id, properties: { Price: { number: 2 } } });
  assert.equal(e.properties.Price.number, 2);
});

test('trash with archived:true, restore with archived:false (2.x client)', async () => {
  const p = await createPageIn(n2, 'v2', inv2, { Name: { title: text('t2') } });
  const t = await n2.pages.update({ page_id: p.id, archived: true });
  assert.equal(t.archived, true);
  assert.equal(t.in_trash, true);
  const g = await n2.pages.retrieve({ page_id: p.id });
  assert.deepEqual([g.archived, g.in_trash], [true, true]);
  const r = await n2.pages.update({ page_id: p.id, archived: false });
  assert.deepEqual([r.archived, r.in_trash], [false, false]);
  const v5view = await n5.pages.update({ page_id: p.id, archived: true });
  assert.deepEqual([v5view.archived, v5view.in_trash], [true, true]);
  const back = await n5.pages.update({ page_id: p.id, in_trash: false });
  assert.deepEqual([back.archived, back.in_trash], [false, false]);
});

test('a trashed page refuses property, icon and cover edits, and stays unchanged', async () => {
  const p = await createPageIn(n5, 'v5', inv5, { Name: { title: text('t3') }, Price: { number: 1 } });
  await n5.pages.update({ page_id: p.id, in_trash: true });
  await expectApiError(n5.pages.update({ page_id: p.id, properties: { Price: { number: 2 } } }), ARCHIVED);
  await expectApiError(n2.pages.update({ page_id: p.id, properties: { 'In stock': { checkbox: true } } }), ARCHIVED);
  await expectApiError(n5.pages.update({ page_id: p.id, icon: { type: 'emoji', emoji: '🥑' } }), ARCHIVED);
  await expectApiError(n5.pages.update({ page_id: p.id, cover: { type: 'external', external: { url: 'https://example.com/c.png' } } }), ARCHIVED);
  const g = await n5.pages.retrieve({ page_id: p.id });
  assert.equal(g.properties.Price.number, 1);
  assert.equal(g.icon, null);
  assert.equal(g.cover, null);
  assert.equal(g.in_trash, true);
  const r = await n5.pages.update({ page_id: p.id, in_trash: false });
  assert.equal(r.in_trash, false);
  const ok = await n5.pages.update({ page_id: p.id, properties: { Price: { number: 3 } } });
  assert.equal(ok.properties.Price.number, 3);
});

test('icon: emoji, external, null', async () => {
  const p = await createPageIn(n5, 'v5', inv5, { Name: { title: text('icon') } });
  assert.equal(p.icon, null);
  const a = await n5.pages.update({ page_id: p.id, icon: { type: 'emoji', emoji: '🥑' } });
  assert.deepEqual(a.icon, { type: 'emoji', emoji: '🥑' });
  const b = await n5.pages.update({ page_id: p.id, icon: { type: 'external', external: { url: 'https://example.com/i.png' } } });
  assert.deepEqual(b.icon, { type: 'external', external: { url: 'https://example.com/i.png' } });
  const c = await n2.pages.update({ page_id: p.id, icon: { emoji: '🚀' } });
  assert.deepEqual(c.icon, { type: 'emoji', emoji: '🚀' });
  const d = await n5.pages.update({ page_id: p.id, icon: null });
  assert.equal(d.icon, null);
  assert.equal((await n5.pages.retrieve({ page_id: p.id })).icon, null);
});

test('cover: external, null; icon and cover are kept by property edits', async () => {
  const p = await createPageIn(n5, 'v5', inv5, { Name: { title: text('cover') } });
  const a = await n5.pages.update({
    page_id: p.id,
    cover: { type: 'external', external: { url: 'https://example.com/c.png' } },
    icon: { type: 'emoji', emoji: '📦' },
  });
  assert.deepEqual(a.cover, { type: 'external', external: { url: 'https://example.com/c.png' } });
  const b = await n5.pages.update({ page_id: p.id, properties: { Price: { number: 1 } } });
  assert.deepEqual(b.cover, { type: 'external', external: { url: 'https://example.com/c.png' } });
  assert.deepEqual(b.icon, { type: 'emoji', emoji: '📦' });
  const c = await n5.pages.update({ page_id: p.id, cover: null });
  assert.equal(c.cover, null);
  assert.deepEqual(c.icon, { type: 'emoji', emoji: '📦' });
});

test('icon, cover and trash also work on a page outside a database', async () => {
  const p = await n5.pages.create({
    parent: { page_id: root.id }, properties: { title: { title: text('child') } },
  });
  const a = await n5.pages.update({
    page_id: p.id, icon: { type: 'emoji', emoji: '🥑' }, cover: { type: 'external', external: { url: 'https://example.com/x.jpg' } },
  });
  assert.deepEqual(a.icon, { type: 'emoji', emoji: '🥑' });
  const t = await n5.pages.update({ page_id: p.id, in_trash: true });
  assert.deepEqual([t.in_trash, t.archived], [true, true]);
  await expectApiError(n5.pages.update({ page_id: p.id, properties: { title: { title: text('nope') } } }), ARCHIVED);
  await n5.pages.update({ page_id: p.id, in_trash: false });
});

test('POST /v1/pages with a page parent (v5 and v2)', async () => {
  const a = await n5.pages.create({
    parent: { type: 'page_id', page_id: root.id },
    properties: { title: { title: text('Child v5') } },
    icon: { type: 'emoji', emoji: '📄' },
  });
  assert.deepEqual(a.parent, { type: 'page_id', page_id: root.id });
  assert.deepEqual(Object.keys(a.properties), ['title']);
  assert.equal(a.properties.title.id, 'title');
  assert.equal(plain(a.properties.title.title), 'Child v5');
  assert.deepEqual(a.icon, { type: 'emoji', emoji: '📄' });
  const b = await n2.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('Child v2') } } });
  assert.deepEqual(b.parent, { type: 'page_id', page_id: root.id });
  assert.equal(plain(b.properties.title.title), 'Child v2');
  const g = await n2.pages.retrieve({ page_id: a.id });
  assert.equal(plain(g.properties.title.title), 'Child v5');
});
