'use strict';
// Query result limit and snapshots, with both SDKs, against a server started with
// `--query-result-limit 5`:
//   - a query that matches more than the limit stops there: has_more false, next_cursor
//     null and request_status {type:"incomplete", incomplete_reason:"query_result_limit_reached"}
//     on every page of the result, as @notionhq/client's RequestStatusResponse describes;
//     under the limit there is no request_status;
//   - paging works on the snapshot the first call took: a page written between calls
//     keeps its place (with its new values) even when it no longer matches, a page created
//     meanwhile is not in it, and a new query sees the change;
//   - a cursor of another query (different filter) is looked up afresh: a page of the new
//     result works, a page outside it is Notion's invalid start_cursor error;
//   - a sync loop with each SDK's pagination helper: query the rows that need work,
//     update each, query again and find none left;
//   - 5.x's collectAllDataSourceRows, which walks created_time windows past the limit,
//     gets every row exactly once (a second server in deterministic mode, whose clock the
//     test advances so that pages fall into different minutes).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, expectApiError } = require('../lib/clients');
const { text, plain, createRootPage, createDatabase, createPageIn } = require('../lib/fixtures');
const { collectPaginatedAPI: collect5, iteratePaginatedAPI: iterate5, collectAllDataSourceRows } = require('@notionhq/client');
const { collectPaginatedAPI: collect2, iteratePaginatedAPI: iterate2 } = require('notion-v2');

let srv; let c5; let c2;
before(async () => {
  srv = await startServer({ extraArgs: ['--query-result-limit', '5'] });
  c5 = v5(srv);
  c2 = v2(srv);
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const names = (res) => res.results.map((p) => plain(p.properties.Name.title));
const INCOMPLETE = { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' };

// A database of `n` pages named p1..pn with Qty = 1..n, created in that order.
async function numbered(client, version, n) {
  const root = await createRootPage(client, `Snapshots ${version}`);
  const db = await createDatabase(client, version, root.id, 'Numbered', {
    Name: { title: {} }, Qty: { number: {} }, Done: { checkbox: {} },
  });
  const pages = [];
  for (let i = 1; i <= n; i += 1) {
    pages.push(await createPageIn(client, version, db, { Name: { title: text(`p${i}`) }, Qty: { number: i } }));
  }
  return { db, pages };
}

test('5.x: a query over the result limit stops there with request_status incomplete', async () => {
  const { db } = await numbered(c5, 'v5', 8);
  const first = await c5.dataSources.query({ data_source_id: db.dataSourceId, page_size: 2 });
  assert.deepEqual(names(first), ['p1', 'p2']);
  assert.equal(first.has_more, true);
  assert.deepEqual(first.request_status, INCOMPLETE);
  const all = await collect5(c5.dataSources.query, { data_source_id: db.dataSourceId, page_size: 2 });
  assert.deepEqual(all.map((p) => plain(p.properties.Name.title)), ['p1', 'p2', 'p3', 'p4', 'p5']);
  const last = await c5.dataSources.query({ data_source_id: db.dataSourceId, page_size: 2, start_cursor: first.next_cursor });
  assert.deepEqual(names(last), ['p3', 'p4']);
  const end = await c5.dataSources.query({ data_source_id: db.dataSourceId, page_size: 2, start_cursor: last.next_cursor });
  assert.deepEqual(names(end), ['p5']);
  assert.equal(end.has_more, false);
  assert.equal(end.next_cursor, null);
  assert.deepEqual(end.request_status, INCOMPLETE);

  // Sorted descending, the limit keeps the first five of that order.
  const sorted = await collect5(c5.dataSources.query, {
    data_source_id: db.dataSourceId, sorts: [{ property: 'Qty', direction: 'descending' }],
  });
  assert.deepEqual(sorted.map((p) => p.properties.Qty.number), [8, 7, 6, 5, 4]);

  // A filter that matches fewer pages than the limit: complete, no request_status.
  const few = await c5.dataSources.query({ data_source_id: db.dataSourceId, filter: { property: 'Qty', number: { less_than: 4 } } });
  assert.deepEqual(names(few), ['p1', 'p2', 'p3']);
  assert.equal(few.has_more, false);
  assert.equal(Object.hasOwn(few, 'request_status'), false);
});

test('2.x: databases.query is limited the same way', async () => {
  const { db } = await numbered(c2, 'v2', 7);
  const res = await c2.databases.query({ database_id: db.databaseId, page_size: 100 });
  assert.deepEqual(names(res), ['p1', 'p2', 'p3', 'p4', 'p5']);
  assert.equal(res.has_more, false);
  assert.equal(res.next_cursor, null);
  assert.deepEqual(res.request_status, INCOMPLETE);
  const all = await collect2(c2.databases.query, { database_id: db.databaseId, page_size: 3 });
  assert.equal(all.length, 5);
});

test('5.x: paging works on the snapshot of the first call', async () => {
  const { db, pages } = await numbered(c5, 'v5', 4);
  const query = {
    data_source_id: db.dataSourceId,
    filter: { property: 'Qty', number: { greater_than: 1 } },
    sorts: [{ property: 'Qty', direction: 'descending' }],
    page_size: 2,
  };
  const first = await c5.dataSources.query(query);
  assert.deepEqual(names(first), ['p4', 'p3']);
  assert.equal(first.next_cursor, pages[1].id, 'the cursor is the next page id');

  // Between calls: p2 stops matching (and would sort first), p1 starts matching, a new page matches.
  await c5.pages.update({ page_id: pages[1].id, properties: { Qty: { number: 0 } } });
  await c5.pages.update({ page_id: pages[0].id, properties: { Qty: { number: 50 } } });
  await createPageIn(c5, 'v5', db, { Name: { title: text('p9') }, Qty: { number: 9 } });

  const second = await c5.dataSources.query({ ...query, start_cursor: first.next_cursor });
  assert.deepEqual(names(second), ['p2'], 'p2 keeps its place in the snapshot');
  assert.equal(second.results[0].properties.Qty.number, 0, 'and shows its current value');
  assert.equal(second.has_more, false);
  assert.equal(second.next_cursor, null);

  const fresh = await collect5(c5.dataSources.query, { ...query, page_size: 100 });
  assert.deepEqual(fresh.map((p) => plain(p.properties.Name.title)), ['p1', 'p9', 'p4', 'p3']);
});

test('2.x: a cursor from another query is looked up in a fresh evaluation', async () => {
  const { db, pages } = await numbered(c2, 'v2', 4);
  const first = await c2.databases.query({ database_id: db.databaseId, page_size: 2 });
  assert.equal(first.next_cursor, pages[2].id);
  // Same cursor, different filter: p3 is in that query's result, so it starts there.
  const other = await c2.databases.query({
    database_id: db.databaseId, start_cursor: first.next_cursor, filter: { property: 'Qty', number: { greater_than: 2 } },
  });
  assert.deepEqual(names(other), ['p3', 'p4']);
  // A page outside the result is not a cursor of it.
  await expectApiError(c2.databases.query({
    database_id: db.databaseId, start_cursor: pages[0].id, filter: { property: 'Qty', number: { greater_than: 2 } },
  }), { status: 400, code: 'validation_error', message: `The start_cursor provided is invalid: ${pages[0].id}` });
});

test('5.x: collectAllDataSourceRows gets every row past the limit through created_time windows', async () => {
  const ADMIN = 'admin_secret_for_16';
  const det = await startServer({ extraArgs: ['--query-result-limit', '5', '--deterministic', '16', '--admin-token', ADMIN] });
  try {
    const client = v5(det);
    const advance = async () => {
      const res = await fetch(`${det.baseUrl}/_localnotion/clock`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ advance_ms: 60000 }),
      });
      assert.equal(res.status, 200, await res.text());
    };
    const root = await createRootPage(client, 'Windows');
    const db = await createDatabase(client, 'v5', root.id, 'Rows', { Name: { title: {} }, Qty: { number: {} } });
    // 13 pages, two per minute: every window of 5 ends inside a minute it shares.
    for (let i = 1; i <= 13; i += 1) {
      await createPageIn(client, 'v5', db, { Name: { title: text(`r${i}`) }, Qty: { number: i } });
      if (i % 2 === 0) await advance();
    }
    const plainQuery = await collect5(client.dataSources.query, { data_source_id: db.dataSourceId });
    assert.equal(plainQuery.length, 5, 'plain pagination stops at the limit');
    const rows = await collectAllDataSourceRows(client, { data_source_id: db.dataSourceId });
    assert.deepEqual(rows.map((r) => r.properties.Qty.number), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const filtered = await collectAllDataSourceRows(client, {
      data_source_id: db.dataSourceId, filter: { property: 'Qty', number: { greater_than: 6 } },
    });
    assert.deepEqual(filtered.map((r) => r.properties.Qty.number), [7, 8, 9, 10, 11, 12, 13]);
  } finally {
    await det.stop().catch(() => {});
    await det.dispose();
  }
});

test('a sync loop with each SDK: query the pending rows, update them, query again until none is left', async () => {
  // 8 of 9 rows are pending (Qty < 9, Done unchecked); one query returns at most 5.
  for (const [client, version] of [[c5, 'v5'], [c2, 'v2']]) {
    const { db } = await numbered(client, version, 9);
    const filter = { and: [{ property: 'Done', checkbox: { equals: false } }, { property: 'Qty', number: { less_than: 9 } }] };
    const passes = [];
    for (let pass = 0; pass < 5; pass += 1) {
      const rows = version === 'v5'
        ? iterate5(c5.dataSources.query, { data_source_id: db.dataSourceId, filter, page_size: 2 })
        : iterate2(c2.databases.query, { database_id: db.databaseId, filter, page_size: 2 });
      const seen = [];
      for await (const row of rows) {
        seen.push(row.properties.Qty.number);
        await client.pages.update({ page_id: row.id, properties: { Done: { checkbox: true } } });
      }
      passes.push(seen);
      if (seen.length === 0) break;
    }
    assert.deepEqual(passes, [[1, 2, 3, 4, 5], [6, 7, 8], []], version);
    const all = version === 'v5'
      ? await collect5(c5.dataSources.query, { data_source_id: db.dataSourceId, filter: { property: 'Done', checkbox: { equals: true } } })
      : await collect2(c2.databases.query, { database_id: db.databaseId, filter: { property: 'Done', checkbox: { equals: true } } });
    assert.deepEqual(all.map((r) => r.properties.Qty.number), [1, 2, 3, 4, 5], `${version}: the limit applies to the check too`);
  }
});
