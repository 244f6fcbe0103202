'use strict';
// Text conditions that storage answers (issue 14): contains / starts_with / ends_with
// with needles of 3 characters or more go through the SQLite trigram index; the answers
// must be the ones the service gives. Case folding (Latin-1, Greek, Cyrillic; equals
// stays exact), characters special to LIKE and FTS5, short needles, trashed pages,
// edited and removed values, a renamed property, a mention whose name changed after it
// was written, and search by title.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, expectApiError } = require('../lib/clients');
const { text, createRootPage, createDatabase, createPageIn } = require('../lib/fixtures');

let srv; let n5; let root; let db; const pages = {};
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  root = await createRootPage(n5, 'Text push-down');
  db = await createDatabase(n5, 'v5', root.id, 'Places', {
    Name: { title: {} }, Notes: { rich_text: {} }, Site: { url: {} }, Mail: { email: {} }, Phone: { phone_number: {} },
    Done: { checkbox: {} },
  });
  const rows = {
    paris: { Name: 'Été à Paris', Notes: 'ΩMEGA and ПРИВЕТ', Site: 'https://ex.com/a%b_c', Mail: 'Anne@Ex.com', Phone: '+33 1 23' },
    summer: { Name: 'Summer in PARIS', Notes: '50% off "quoted" *star* (x) AND y', Site: null, Mail: null, Phone: null },
    short: { Name: 'ab', Notes: 'Été', Site: null, Mail: null, Phone: null },
  };
  for (const [key, r] of Object.entries(rows)) {
    const props = { Name: { title: text(r.Name) }, Notes: { rich_text: text(r.Notes) } };
    if (r.Site) props.Site = { url: r.Site };
    if (r.Mail) props.Mail = { email: r.Mail };
    if (r.Phone) props.Phone = { phone_number: r.Phone };
    pages[key] = await createPageIn(n5, 'v5', db, props);
  }
  pages.trashed = await createPageIn(n5, 'v5', db, { Name: { title: text('Paris in the trash') } });
  await n5.pages.update({ page_id: pages.trashed.id, in_trash: true });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const names = async (filter) => {
  const res = await n5.dataSources.query({ data_source_id: db.dataSourceId, filter });
  return res.results.map((p) => p.properties.Name.title.map((t) => t.plain_text).join('')).sort();
};

test('contains, starts_with and ends_with fold case on every text type', async () => {
  assert.deepEqual(await names({ property: 'Name', title: { contains: 'PARIS' } }), ['Summer in PARIS', 'Été à Paris']);
  assert.deepEqual(await names({ property: 'Name', title: { starts_with: 'ÉTÉ À' } }), ['Été à Paris']);
  assert.deepEqual(await names({ property: 'Name', title: { ends_with: 'paris' } }), ['Summer in PARIS', 'Été à Paris']);
  assert.deepEqual(await names({ property: 'Notes', rich_text: { contains: 'ωmega' } }), ['Été à Paris']);
  assert.deepEqual(await names({ property: 'Notes', rich_text: { ends_with: 'привет' } }), ['Été à Paris']);
  assert.deepEqual(await names({ property: 'Site', url: { contains: 'A%B_C' } }), ['Été à Paris']);
  assert.deepEqual(await names({ property: 'Mail', email: { starts_with: 'anne@' } }), ['Été à Paris']);
  assert.deepEqual(await names({ property: 'Phone', phone_number: { ends_with: '1 23' } }), ['Été à Paris']);
  // Any text key fits any text property.
  assert.deepEqual(await names({ property: 'Name', rich_text: { contains: 'summer' } }), ['Summer in PARIS']);
  // equals stays exact, as does does_not_contain's meaning.
  assert.deepEqual(await names({ property: 'Name', title: { equals: 'summer in paris' } }), []);
  assert.deepEqual(await names({ property: 'Name', title: { does_not_contain: 'PARIS' } }), ['ab']);
});

test('characters special to LIKE, FTS5 and JSON are plain text; short needles still work', async () => {
  assert.deepEqual(await names({ property: 'Notes', rich_text: { contains: '50% off' } }), ['Summer in PARIS']);
  assert.deepEqual(await names({ property: 'Notes', rich_text: { contains: '"quoted" *star*' } }), ['Summer in PARIS']);
  assert.deepEqual(await names({ property: 'Notes', rich_text: { contains: '(x) and' } }), ['Summer in PARIS']);
  assert.deepEqual(await names({ property: 'Notes', rich_text: { contains: 'x) or' } }), []);
  assert.deepEqual(await names({ property: 'Site', url: { contains: 'a_b%c' } }), []);
  assert.deepEqual(await names({ property: 'Name', title: { contains: 'AB' } }), ['ab']);
  assert.deepEqual(await names({ property: 'Notes', rich_text: { starts_with: 'é' } }), ['ab']);
});

test('trashed pages are found only when asked for; an or and an and of text conditions', async () => {
  const res = await n5.dataSources.query({
    data_source_id: db.dataSourceId, in_trash: true, filter: { property: 'Name', title: { contains: 'paris' } },
  });
  assert.deepEqual(res.results.map((p) => p.id), [pages.trashed.id]);
  assert.deepEqual(await names({ or: [{ property: 'Name', title: { contains: 'summer' } },
    { property: 'Notes', rich_text: { contains: 'ωme' } }] }), ['Summer in PARIS', 'Été à Paris']);
  assert.deepEqual(await names({ and: [{ property: 'Name', title: { contains: 'paris' } },
    { property: 'Notes', rich_text: { contains: 'quoted' } }] }), ['Summer in PARIS']);
});

test('a PATCH that changes no text keeps the text found; a new title and a cleared value are seen', async () => {
  // Storage re-indexes only the text properties a write changed (sqlite/page_text.h).
  await n5.pages.update({ page_id: pages.summer.id, properties: { Done: { checkbox: true } } });
  assert.deepEqual(await names({ property: 'Name', title: { contains: 'summer' } }), ['Summer in PARIS']);
  assert.deepEqual(await names({ property: 'Notes', rich_text: { contains: '"quoted"' } }), ['Summer in PARIS']);
  assert.deepEqual(await names({ and: [{ property: 'Done', checkbox: { equals: true } },
    { property: 'Name', title: { ends_with: 'paris' } }] }), ['Summer in PARIS']);
  await n5.pages.update({
    page_id: pages.summer.id, properties: { Name: { title: text('Winter in PARIS') }, Done: { checkbox: false } },
  });
  assert.deepEqual(await names({ property: 'Name', title: { contains: 'summer' } }), []);
  assert.deepEqual(await names({ property: 'Name', title: { starts_with: 'winter' } }), ['Winter in PARIS']);
  assert.deepEqual(await names({ property: 'Name', title: { ends_with: 'paris' } }), ['Winter in PARIS', 'Été à Paris']);
  await n5.pages.update({ page_id: pages.paris.id, properties: { Mail: { email: null } } });
  assert.deepEqual(await names({ property: 'Mail', email: { starts_with: 'anne@' } }), []);
  // Put back for the tests below.
  await n5.pages.update({ page_id: pages.summer.id, properties: { Name: { title: text('Summer in PARIS') } } });
  await n5.pages.update({ page_id: pages.paris.id, properties: { Mail: { email: 'Anne@Ex.com' } } });
  assert.deepEqual(await names({ property: 'Mail', email: { starts_with: 'anne@' } }), ['Été à Paris']);
  assert.deepEqual(await names({ property: 'Name', title: { contains: 'summer' } }), ['Summer in PARIS']);
});

test('edited, removed and renamed values are seen by the next query', async () => {
  await n5.pages.update({ page_id: pages.short.id, properties: { Notes: { rich_text: text('now in Paris too') } } });
  assert.deepEqual(await names({ property: 'Notes', rich_text: { contains: 'PARIS TOO' } }), ['ab']);
  assert.deepEqual(await names({ property: 'Notes', rich_text: { contains: 'été' } }), []);
  await n5.dataSources.update({ data_source_id: db.dataSourceId, properties: { Notes: { name: 'Remarks' } } });
  assert.deepEqual(await names({ property: 'Remarks', rich_text: { contains: 'paris too' } }), ['ab']);
  // The Site property deleted: its values go with it, and the filter names nothing.
  await n5.dataSources.update({ data_source_id: db.dataSourceId, properties: { Site: null } });
  await expectApiError(names({ property: 'Site', url: { contains: 'a%b' } }), {
    status: 400, code: 'validation_error', message: 'Could not find property with name or id: Site',
  });
});

test('a mention is matched by the name it shows now, not the one stored', async () => {
  const target = await createRootPage(n5, 'Lighthouse');
  const withMention = await createPageIn(n5, 'v5', db, {
    Name: { title: text('Visit') },
    Remarks: { rich_text: [{ type: 'mention', mention: { type: 'page', page: { id: target.id } } }] },
  });
  assert.deepEqual(await names({ property: 'Remarks', rich_text: { contains: 'lighthouse' } }), ['Visit']);
  await n5.pages.update({ page_id: target.id, properties: { title: { title: text('Beacon') } } });
  assert.deepEqual(await names({ property: 'Remarks', rich_text: { contains: 'beacon' } }), ['Visit']);
  assert.deepEqual(await names({ property: 'Remarks', rich_text: { contains: 'lighthouse' } }), []);
  // Other pages are still judged exactly while a mention is around.
  assert.deepEqual(await names({ property: 'Remarks', rich_text: { contains: 'paris too' } }), ['ab']);
  assert.ok(withMention.id);
});

test('search finds folded titles of three characters or more', async () => {
  const res = await n5.search({ query: 'ÉTÉ À', filter: { property: 'object', value: 'page' } });
  assert.deepEqual(res.results.map((p) => p.id), [pages.paris.id]);
  const paris = await n5.search({ query: 'paris', filter: { property: 'object', value: 'page' } });
  assert.deepEqual(paris.results.map((p) => p.id).sort(), [pages.paris.id, pages.summer.id].sort());
});
