'use strict';
// Issue 15, durability: kill -9 in the middle of concurrent writes from the official SDK,
// again and again. Every write the server acknowledged (a 200) is there after the
// restart, each page's number is at least the last value acknowledged for it, and
// SQLite's `PRAGMA integrity_check` answers ok after every kill.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { setTimeout: sleep } = require('node:timers/promises');
const { startServer, usePostgres } = require('../lib/server');
const { v5 } = require('../lib/clients');
const { text, plain, createRootPage, createDatabase } = require('../lib/fixtures');

const ROUNDS = 10;
const WRITERS = 4;

let srv; let db;
before(async () => {
  srv = await startServer();
  const client = v5(srv);
  const root = await createRootPage(client, 'Kill loop');
  db = await createDatabase(client, 'v5', root.id, 'Acknowledged', { Name: { title: {} }, N: { number: {} } });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

// Writes until `stop()` says so: creates a page, then updates its number a few times,
// recording what was acknowledged. Failures (the server was killed) end the writer.
async function writer(client, round, k, acked, stop) {
  for (let i = 0; !stop(); i += 1) {
    let page;
    try {
      page = await client.pages.create({
        parent: { data_source_id: db.dataSourceId },
        properties: { Name: { title: text(`r${round}-w${k}-${i}`) }, N: { number: 0 } },
      });
    } catch {
      return;
    }
    acked.set(page.id, { title: `r${round}-w${k}-${i}`, n: 0 });
    for (let n = 1; n <= 3 && !stop(); n += 1) {
      try {
        await client.pages.update({ page_id: page.id, properties: { N: { number: n } } });
      } catch {
        return;
      }
      acked.get(page.id).n = n;
    }
  }
}

async function allPages(client) {
  const pages = new Map();
  let cursor;
  do {
    const res = await client.dataSources.query({ data_source_id: db.dataSourceId, page_size: 100, start_cursor: cursor });
    for (const p of res.results) pages.set(p.id, p);
    cursor = res.has_more ? res.next_cursor : undefined;
  } while (cursor);
  return pages;
}

test(`${ROUNDS} rounds of kill -9 under concurrent SDK writes: every acknowledged write survives`, async () => {
  const acked = new Map();
  let total = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const client = v5(srv);
    let killed = false;
    const writers = Array.from({ length: WRITERS }, (_, k) => writer(client, round, k, acked, () => killed));
    await sleep(250 + Math.floor(Math.random() * 350));
    const res = await srv.kill9();
    killed = true;
    assert.equal(res.signal, 'SIGKILL');
    await Promise.all(writers);
    // SQLite's file check; under LOCALNOTION_DB=postgres the server killed is only a
    // client of PostgreSQL, which keeps running, so there is no file of ours to check.
    if (!usePostgres()) {
      const check = execFileSync('sqlite3', [srv.dbPath, 'PRAGMA integrity_check;'], { encoding: 'utf8' }).trim();
      assert.equal(check, 'ok', `round ${round}: integrity_check`);
    }
    await srv.restart();
    const pages = await allPages(v5(srv));
    for (const [id, want] of acked) {
      const page = pages.get(id);
      assert.ok(page, `round ${round}: acknowledged page ${want.title} (${id}) is lost`);
      assert.equal(plain(page.properties.Name.title), want.title);
      assert.ok(page.properties.N.number >= want.n,
        `round ${round}: ${want.title} has N = ${page.properties.N.number}, acknowledged ${want.n}`);
    }
    total = acked.size;
  }
  assert.ok(total >= ROUNDS, `some writes were acknowledged (${total})`);
});
