'use strict';
// GET /v1/pages/{page_id}/properties/{property_id} with both SDKs
// (pages.properties.retrieve): a relation of 30 pages is paginated (25 + 5), the page
// object shows the first 25 with has_more; a simple type (number) is a single
// property_item. Responses of this route are validated against the 2026 components
// propertyItemListResponse / propertyItemObjectResponse (lib/fixtures.js).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { expectApiError } = require('../lib/clients');
const {
  text, plain, createRootPage, createDatabase, createPageIn, relationTo, propertyItemClients,
} = require('../lib/fixtures');

const N = 30;
let srv; let clients;
before(async () => {
  srv = await startServer();
  clients = propertyItemClients(srv);
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const pick = { v5: 'n5', v2: 'n2' };

// Targets (30 pages) and Holder (Name, Links -> Targets, Score, Notes); one holder page
// linked to all 30 targets, in creation order.
async function world(version) {
  const client = clients[pick[version]];
  const root = await createRootPage(client, `Items ${version}`);
  const targets = await createDatabase(client, version, root.id, 'Targets', { Name: { title: {} } });
  const holder = await createDatabase(client, version, root.id, 'Holder', {
    Name: { title: {} }, Links: relationTo(version, targets), Score: { number: {} }, Notes: { rich_text: {} },
  });
  const targetIds = [];
  for (let i = 0; i < N; i += 1) {
    const t = await createPageIn(client, version, targets, { Name: { title: text(`t${i}`) } });
    targetIds.push(t.id);
  }
  const page = await createPageIn(client, version, holder, {
    Name: { title: text('holder') },
    Links: { relation: targetIds.map((id) => ({ id })) },
    Score: { number: 42 },
  });
  return { client, targets, holder, targetIds, page };
}

const relItem = (propId, id) => ({ object: 'property_item', id: propId, type: 'relation', relation: { id } });

function expectNextUrl(list, pageId, propId) {
  const { next_url: nextUrl } = list.property_item;
  if (!list.has_more) {
    assert.equal(nextUrl, null, 'next_url is null on the last page');
    return;
  }
  // Notion: "Look for the next_url value in the response object for these property items
  // to view paginated results" - the URL of this endpoint with start_cursor=next_cursor.
  assert.equal(typeof nextUrl, 'string', `next_url must be the URL of the next page, was ${JSON.stringify(nextUrl)}`);
  const u = new URL(nextUrl);
  assert.equal(u.pathname, `/v1/pages/${pageId}/properties/${encodeURIComponent(propId)}`);
  assert.equal(u.searchParams.get('start_cursor'), list.next_cursor);
}

for (const version of ['v5', 'v2']) {
  test(`${version}: the page object shows 25 of 30 relations with has_more: true`, async () => {
    const w = await world(version);
    for (const p of [w.page, await w.client.pages.retrieve({ page_id: w.page.id })]) {
      const links = p.properties.Links;
      assert.equal(links.type, 'relation');
      assert.equal(links.relation.length, 25);
      assert.deepEqual(links.relation, w.targetIds.slice(0, 25).map((id) => ({ id })));
      assert.equal(links.has_more, true);
    }
    // Under 25: has_more false.
    const small = await w.client.pages.update({
      page_id: w.page.id, properties: { Links: { relation: w.targetIds.slice(0, 25).map((id) => ({ id })) } },
    });
    assert.equal(small.properties.Links.relation.length, 25);
    assert.equal(small.properties.Links.has_more, false);
  });

  test(`${version}: pages.properties.retrieve pages a 30-item relation: 25 with has_more, then the last 5`, async () => {
    const w = await world(version);
    const propId = w.page.properties.Links.id;
    const first = await w.client.pages.properties.retrieve({ page_id: w.page.id, property_id: propId, page_size: 25 });
    assert.equal(first.object, 'list');
    assert.equal(first.type, 'property_item');
    assert.equal(first.results.length, 25);
    assert.deepEqual(first.results, w.targetIds.slice(0, 25).map((id) => relItem(propId, id)));
    assert.equal(first.has_more, true);
    assert.equal(typeof first.next_cursor, 'string');
    assert.equal(first.next_cursor, '25', 'docs/compat.md: the cursor is the offset of the next item');
    assert.equal(first.property_item.id, propId);
    assert.equal(first.property_item.type, 'relation');
    assert.deepEqual(first.property_item.relation, {});

    const second = await w.client.pages.properties.retrieve({
      page_id: w.page.id, property_id: propId, page_size: 25, start_cursor: first.next_cursor,
    });
    assert.equal(second.object, 'list');
    assert.deepEqual(second.results, w.targetIds.slice(25).map((id) => relItem(propId, id)));
    assert.equal(second.has_more, false);
    assert.equal(second.next_cursor, null);
    assert.deepEqual(
      { id: second.property_item.id, type: second.property_item.type, relation: second.property_item.relation },
      { id: propId, type: 'relation', relation: {} },
    );
    expectNextUrl(second, w.page.id, propId);

    // page_size 100: everything at once.
    const all = await w.client.pages.properties.retrieve({ page_id: w.page.id, property_id: propId, page_size: 100 });
    assert.deepEqual(all.results, w.targetIds.map((id) => relItem(propId, id)));
    assert.equal(all.has_more, false);
    assert.equal(all.next_cursor, null);

    // Smaller pages walk the whole list in order.
    const walked = [];
    let cursor;
    let calls = 0;
    do {
      const r = await w.client.pages.properties.retrieve({
        page_id: w.page.id, property_id: propId, page_size: 7, ...(cursor ? { start_cursor: cursor } : {}),
      });
      assert.ok(r.results.length <= 7);
      walked.push(...r.results.map((x) => x.relation.id));
      cursor = r.has_more ? r.next_cursor : undefined;
      calls += 1;
    } while (cursor && calls < 10);
    assert.equal(calls, 5);
    assert.deepEqual(walked, w.targetIds);
  });

  test(`${version}: a list with more results carries next_url to the next page`, async () => {
    const w = await world(version);
    const propId = w.page.properties.Links.id;
    const first = await w.client.pages.properties.retrieve({ page_id: w.page.id, property_id: propId, page_size: 25 });
    assert.equal(first.has_more, true);
    expectNextUrl(first, w.page.id, propId);
  });

  test(`${version}: a number property is a single property_item`, async () => {
    const w = await world(version);
    const propId = w.page.properties.Score.id;
    const item = await w.client.pages.properties.retrieve({ page_id: w.page.id, property_id: propId });
    assert.deepEqual(item, { object: 'property_item', id: propId, type: 'number', number: 42 });
    await w.client.pages.update({ page_id: w.page.id, properties: { Score: { number: null } } });
    const empty = await w.client.pages.properties.retrieve({ page_id: w.page.id, property_id: propId });
    assert.deepEqual(empty, { object: 'property_item', id: propId, type: 'number', number: null });
  });

  test(`${version}: title and rich_text are lists of property items; an unknown property id is 404`, async () => {
    const w = await world(version);
    await w.client.pages.update({
      page_id: w.page.id, properties: { Notes: { rich_text: [{ text: { content: 'one ' } }, { text: { content: 'two' } }] } },
    });
    const title = await w.client.pages.properties.retrieve({ page_id: w.page.id, property_id: 'title' });
    assert.equal(title.object, 'list');
    assert.equal(title.property_item.type, 'title');
    assert.equal(title.results.length, 1);
    assert.equal(title.results[0].object, 'property_item');
    assert.equal(title.results[0].type, 'title');
    assert.equal(title.results[0].title.plain_text, 'holder');
    assert.equal(title.has_more, false);
    const notesId = w.page.properties.Notes.id;
    const notes = await w.client.pages.properties.retrieve({ page_id: w.page.id, property_id: notesId });
    assert.deepEqual(notes.results.map((r) => [r.type, r.rich_text.plain_text]), [['rich_text', 'one '], ['rich_text', 'two']]);
    assert.equal(plain(notes.results.map((r) => r.rich_text)), 'one two');
    await expectApiError(w.client.pages.properties.retrieve({ page_id: w.page.id, property_id: 'zzzz' }), {
      status: 404, code: 'object_not_found',
      message: 'Could not find property with ID: zzzz. Make sure the relevant pages and databases are shared with your integration.',
    });
  });
}
