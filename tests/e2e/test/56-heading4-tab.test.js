'use strict';
// The 2026 block types heading_4 (2026-03-30) and tab (2026-03-25), with SDK 5.x under
// 2025-09-03 and 2026-03-11, SDK 2.x under 2022-06-28 (every version shows them), and
// raw HTTP for the exact errors. A tab is `tab: {}`; its children are paragraphs, the
// tabs: rich_text is the label, `icon` the tab's icon (null when none), children the
// tab's content. `icon` on any other paragraph is refused. Every body is validated
// against the 2026-03-11 OpenAPI by lib/schema.js (heading_4 as heading_3, see there).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, raw, expectApiError, expectRawError } = require('../lib/clients');
const { text, plain, createRootPage } = require('../lib/fixtures');
const { collectPaginatedAPI } = require('@notionhq/client');

const para = (s) => ({ paragraph: { rich_text: text(s) } });
const item = (label, icon, children) => ({
  paragraph: { rich_text: text(label), ...(icon !== undefined ? { icon } : {}), ...(children ? { children } : {}) },
});
const texts = (blocks) => blocks.map((b) => plain(b[b.type].rich_text));
const invalid = (message) => ({ status: 400, code: 'validation_error', message });
const ICON_OUTSIDE = (path) => `body failed validation: ${path} is only allowed on a paragraph block inside a tab block.`;

let srv; let n25; let n26; let n22; let n22v5;
before(async () => {
  srv = await startServer();
  n25 = v5(srv, { notionVersion: '2025-09-03' });
  n26 = v5(srv, { notionVersion: '2026-03-11' });
  n22 = v2(srv);
  // SDK 2.x predates both types: its blocks.update drops the heading_4 and tab keys from
  // the body, so updates under 2022-06-28 go through SDK 5.x with that version.
  n22v5 = v5(srv, { notionVersion: '2022-06-28' });
});
const VERSIONS = () => [[n25, n25, '2025-09-03'], [n26, n26, '2026-03-11'], [n22, n22v5, '2022-06-28']];
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('heading_4: create, retrieve, list, update and delete, shaped as heading_3 in every version', async () => {
  for (const [client, updater, version] of VERSIONS()) {
    const page = await createRootPage(client, `H4 ${version}`);
    const { results: [h4, toggleable] } = await client.blocks.children.append({
      block_id: page.id,
      children: [
        { type: 'heading_4', heading_4: { rich_text: text('Small') } },
        { heading_4: { rich_text: text('Open me'), is_toggleable: true, color: 'blue', children: [para('inside')] } },
      ],
    });
    assert.equal(h4.type, 'heading_4');
    assert.deepEqual(Object.keys(h4.heading_4), ['rich_text', 'color', 'is_toggleable']);
    assert.equal(plain(h4.heading_4.rich_text), 'Small');
    assert.equal(h4.heading_4.color, 'default');
    assert.equal(h4.heading_4.is_toggleable, false);
    assert.equal(h4.has_children, false);
    assert.equal('archived' in h4, version !== '2026-03-11');
    assert.deepEqual({ ...toggleable.heading_4, rich_text: undefined },
      { rich_text: undefined, color: 'blue', is_toggleable: true });
    assert.equal(toggleable.has_children, true);
    assert.deepEqual(texts((await client.blocks.children.list({ block_id: toggleable.id })).results), ['inside']);

    const got = await client.blocks.retrieve({ block_id: h4.id });
    assert.deepEqual(got.heading_4, h4.heading_4);
    const updated = await updater.blocks.update({
      block_id: h4.id, heading_4: { rich_text: text('Renamed'), color: 'red_background', is_toggleable: true },
    });
    assert.equal(plain(updated.heading_4.rich_text), 'Renamed');
    assert.equal(updated.heading_4.color, 'red_background');
    assert.equal(updated.heading_4.is_toggleable, true);
    // Fields left out stay.
    const kept = await updater.blocks.update({ block_id: h4.id, heading_4: { color: 'green' } });
    assert.equal(plain(kept.heading_4.rich_text), 'Renamed');
    assert.equal(kept.heading_4.is_toggleable, true);
    assert.equal(kept.heading_4.color, 'green');

    const deleted = await client.blocks.delete({ block_id: h4.id });
    assert.equal(deleted.in_trash, true);
    assert.deepEqual((await client.blocks.children.list({ block_id: page.id })).results.map((b) => b.id), [toggleable.id]);
  }
});

test('heading_4 errors are heading_3\'s', async () => {
  const page = await createRootPage(n25, 'H4 errors');
  const append = (children, version) => raw(srv, {
    method: 'PATCH', path: `/v1/blocks/${page.id}/children`, body: { children }, version,
  });
  expectRawError(await append([{ heading_4: {} }]),
    invalid('body failed validation: body.children[0].heading_4.rich_text should be defined, instead was `undefined`.'));
  expectRawError(await append([{ heading_4: { rich_text: [], is_toggleable: 'yes' } }], '2026-03-11'),
    invalid('body failed validation: body.children[0].heading_4.is_toggleable should be a boolean or `undefined`, ' +
      'instead was `"yes"`.'));
  expectRawError(await append([{ type: 'heading_3', heading_4: { rich_text: [] } }]),
    invalid('body failed validation: body.children[0].type should be `"heading_4"` or `undefined`, instead was ' +
      '`"heading_3"`.'));
  const { results: [h3] } = await n25.blocks.children.append({ block_id: page.id, children: [{ heading_3: { rich_text: [] } }] });
  await expectApiError(n25.blocks.update({ block_id: h3.id, heading_4: { rich_text: [] } }),
    invalid('Expected block type heading_3 in request body'));
  // Only the heading_3 of the successful append was written.
  assert.deepEqual((await n25.blocks.children.list({ block_id: page.id })).results.map((b) => b.type), ['heading_3']);
});

test('tab: items are paragraphs with label, icon and content; read, append, update and delete', async () => {
  for (const [client, updater, version] of VERSIONS()) {
    const page = await createRootPage(client, `Tabs ${version}`);
    const { results: [tab] } = await client.blocks.children.append({
      block_id: page.id,
      children: [{
        type: 'tab',
        tab: {
          children: [
            item('Overview', { type: 'emoji', emoji: '📌' }, [para('first content'), { heading_4: { rich_text: text('h4') } }]),
            item('Details'),
          ],
        },
      }],
    });
    assert.equal(tab.type, 'tab');
    assert.deepEqual(tab.tab, {});
    assert.equal(tab.has_children, true);
    assert.deepEqual(tab.parent, { type: 'page_id', page_id: page.id });
    assert.equal('archived' in tab, version !== '2026-03-11');
    assert.deepEqual((await client.blocks.retrieve({ block_id: tab.id })).tab, {});

    const items = (await client.blocks.children.list({ block_id: tab.id })).results;
    assert.deepEqual(items.map((b) => b.type), ['paragraph', 'paragraph']);
    assert.deepEqual(texts(items), ['Overview', 'Details']);
    assert.deepEqual(items[0].paragraph.icon, { type: 'emoji', emoji: '📌' });
    assert.deepEqual(Object.keys(items[1].paragraph), ['rich_text', 'color', 'icon']);
    assert.equal(items[1].paragraph.icon, null);
    assert.deepEqual(items[0].parent, { type: 'block_id', block_id: tab.id });
    assert.equal(items[0].has_children, true);
    assert.equal(items[1].has_children, false);
    const content = (await client.blocks.children.list({ block_id: items[0].id })).results;
    assert.deepEqual(content.map((b) => b.type), ['paragraph', 'heading_4']);
    // Content paragraphs are not tab items: no icon.
    assert.deepEqual(Object.keys(content[0].paragraph), ['rich_text', 'color']);

    // Appending to a tab adds tabs (icon null unless given); they take content later.
    const { results: [third, fourth] } = await client.blocks.children.append({
      block_id: tab.id, children: [item('Third'), item('Fourth', { type: 'external', external: { url: 'https://example.com/i.png' } })],
    });
    assert.equal(third.paragraph.icon, null);
    assert.deepEqual(fourth.paragraph.icon, { type: 'external', external: { url: 'https://example.com/i.png' } });
    await client.blocks.children.append({ block_id: third.id, children: [para('third content')] });
    assert.deepEqual(texts((await client.blocks.children.list({ block_id: third.id })).results), ['third content']);

    // Update: a tab's label and icon; the tab itself takes `tab: {}`.
    const renamed = await updater.blocks.update({
      block_id: items[1].id, paragraph: { rich_text: text('More details'), icon: { type: 'emoji', emoji: '🔥' } },
    });
    assert.equal(plain(renamed.paragraph.rich_text), 'More details');
    assert.deepEqual(renamed.paragraph.icon, { type: 'emoji', emoji: '🔥' });
    const labelOnly = await updater.blocks.update({ block_id: items[1].id, paragraph: { color: 'blue' } });
    assert.deepEqual(labelOnly.paragraph.icon, { type: 'emoji', emoji: '🔥' });
    assert.equal(labelOnly.paragraph.color, 'blue');
    const tabUpdated = await updater.blocks.update({ block_id: tab.id, tab: {} });
    assert.deepEqual(tabUpdated.tab, {});
    assert.equal('archived' in tabUpdated, version !== '2026-03-11');

    // Delete a tab, then the whole tab block.
    await client.blocks.delete({ block_id: third.id });
    assert.deepEqual(texts(await collectPaginatedAPI(client.blocks.children.list, { block_id: tab.id })),
      ['Overview', 'More details', 'Fourth']);
    const gone = await client.blocks.delete({ block_id: tab.id });
    assert.equal(gone.in_trash, true);
    assert.deepEqual((await client.blocks.children.list({ block_id: page.id })).results, []);
  }
});

test('tab in POST /v1/pages children and nested one level down; icon removed with null', async () => {
  const page = await n26.pages.create({
    parent: { type: 'workspace', workspace: true },
    properties: { title: { title: text('Tabbed page') } },
    children: [
      { tab: { children: [item('A', { type: 'emoji', emoji: '🅰️' }, [para('a1')]), item('B')] } },
      { toggle: { rich_text: text('folded'), children: [{ tab: { children: [item('Inner', { type: 'emoji', emoji: '⭐' })] } }] } },
    ],
  });
  const top = await collectPaginatedAPI(n26.blocks.children.list, { block_id: page.id });
  assert.deepEqual(top.map((b) => b.type), ['tab', 'toggle']);
  const tabs = (await n26.blocks.children.list({ block_id: top[0].id })).results;
  assert.deepEqual(tabs.map((b) => [plain(b.paragraph.rich_text), b.paragraph.icon]),
    [['A', { type: 'emoji', emoji: '🅰️' }], ['B', null]]);
  assert.deepEqual(texts((await n26.blocks.children.list({ block_id: tabs[0].id })).results), ['a1']);
  const [inner] = (await n26.blocks.children.list({ block_id: top[1].id })).results;
  assert.equal(inner.type, 'tab');
  const [innerItem] = (await n26.blocks.children.list({ block_id: inner.id })).results;
  assert.deepEqual(innerItem.paragraph.icon, { type: 'emoji', emoji: '⭐' });

  // null removes a tab's icon (raw: the SDK's type has no null).
  const res = await raw(srv, {
    method: 'PATCH', path: `/v1/blocks/${tabs[0].id}`, body: { paragraph: { icon: null } }, version: '2026-03-11',
  });
  assert.equal(res.status, 200);
  assert.equal(res.json.paragraph.icon, null);
  assert.equal(plain(res.json.paragraph.rich_text), 'A');
});

test('tab errors: children required and only paragraphs, icon only on a tab item, two levels', async () => {
  const page = await createRootPage(n25, 'Tab errors');
  const append = (blockId, children, version) => raw(srv, {
    method: 'PATCH', path: `/v1/blocks/${blockId}/children`, body: { children }, version,
  });
  expectRawError(await append(page.id, [{ tab: {} }]),
    invalid('body failed validation: body.children[0].tab.children should be defined, instead was `undefined`.'));
  expectRawError(await append(page.id, [{ tab: { children: [] } }], '2026-03-11'),
    invalid('body failed validation: body.children[0].tab.children.length should be ≥ `1`, instead was `0`.'));
  expectRawError(await append(page.id, [{ tab: { children: [{ heading_1: { rich_text: [] } }] } }]),
    invalid('body failed validation: body.children[0].tab.children[0].type should be `"paragraph"`, instead was ' +
      '`"heading_1"`.'));
  expectRawError(await append(page.id, [{ tab: { children: [item('x')], color: 'red' } }]),
    invalid('body failed validation: body.children[0].tab.color should be not present, instead was `"red"`.'));
  // A tab's content is one level below it; the content's own children would be a fourth.
  expectRawError(await append(page.id, [{ tab: { children: [item('x', undefined, [
    { toggle: { rich_text: [], children: [para('deep')] } }])] } }]),
  invalid('body failed validation: body.children[0].tab.children[0].paragraph.children[0].toggle.children should be ' +
      'not present, instead was `[{"paragraph":{"rich_text":[{"text":{"content":"deep"}}]}}]`.'));
  expectRawError(await append(page.id, [{ toggle: { rich_text: [], children: [{ tab: { children: [item('x', undefined, [para('c')])] } }] } }]),
    invalid('body failed validation: body.children[0].toggle.children[0].tab.children[0].paragraph.children should ' +
      'be not present, instead was `[{"paragraph":{"rich_text":[{"text":{"content":"c"}}]}}]`.'));

  // icon on a paragraph that is not a tab item: on a page, under a toggle, in a tab's content.
  const icon = { type: 'emoji', emoji: '📌' };
  expectRawError(await append(page.id, [para('ok'), item('no', icon)], '2026-03-11'),
    invalid(ICON_OUTSIDE('body.children[1].paragraph.icon')));
  expectRawError(await append(page.id, [{ toggle: { rich_text: [], children: [item('no', icon)] } }]),
    invalid(ICON_OUTSIDE('body.children[0].toggle.children[0].paragraph.icon')));
  expectRawError(await append(page.id, [{ tab: { children: [item('x', undefined, [item('no', icon)])] } }]),
    invalid(ICON_OUTSIDE('body.children[0].tab.children[0].paragraph.children[0].paragraph.icon')));
  const pageCreate = await raw(srv, {
    method: 'POST', path: '/v1/pages',
    body: { parent: { page_id: page.id }, properties: { title: { title: text('x') } }, children: [item('no', icon)] },
  });
  expectRawError(pageCreate, invalid(ICON_OUTSIDE('body.children[0].paragraph.icon')));

  // Appending to an existing tab takes paragraphs only; their content may carry no icon.
  const { results: [tab] } = await n25.blocks.children.append({ block_id: page.id, children: [{ tab: { children: [item('t')] } }] });
  expectRawError(await append(tab.id, [{ divider: {} }]),
    invalid('body failed validation: body.children[0].type should be `"paragraph"`, instead was `"divider"`.'));
  const [tabItem] = (await n25.blocks.children.list({ block_id: tab.id })).results;
  expectRawError(await append(tabItem.id, [item('no', icon)]), invalid(ICON_OUTSIDE('body.children[0].paragraph.icon')));

  // Update: icon only on a tab item; a tab takes no children on update.
  const { results: [plainPara] } = await n25.blocks.children.append({ block_id: page.id, children: [para('plain')] });
  await expectApiError(n25.blocks.update({ block_id: plainPara.id, paragraph: { icon } }),
    invalid(ICON_OUTSIDE('body.paragraph.icon')));
  expectRawError(await raw(srv, { method: 'PATCH', path: `/v1/blocks/${tab.id}`, body: { tab: { children: [] } } }),
    invalid('body failed validation: body.tab.children should be not present, instead was `[]`.'));
  expectRawError(await raw(srv, { method: 'PATCH', path: `/v1/blocks/${tabItem.id}`, body: { paragraph: { icon: { emoji: 5 } } } }),
    invalid('body failed validation: body.paragraph.icon.emoji should be a valid emoji, instead was `5`.'));

  // Nothing of the refused requests was written.
  assert.deepEqual((await n25.blocks.children.list({ block_id: page.id })).results.map((b) => b.type), ['tab', 'paragraph']);
  assert.deepEqual((await n25.blocks.children.list({ block_id: tab.id })).results.map((b) => b.id), [tabItem.id]);
  assert.deepEqual((await n25.blocks.children.list({ block_id: tabItem.id })).results, []);
  assert.equal('icon' in (await n25.blocks.retrieve({ block_id: plainPara.id })).paragraph, false);
});
