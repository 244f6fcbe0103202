'use strict';
// The verification property, writable since 2026-03-25
// (https://developers.notion.com/page/changelog), and the place property of the 2026-03-11
// request schema: written with the SDK, read back, refused with Notion's validation
// messages, and kept through a fixture export and seed.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, raw, expectApiError, expectRawError, adminCall } = require('../lib/clients');
const { createRootPage, createDatabase, propertyItemClients } = require('../lib/fixtures');

const ADMIN = 'admin_verification_0123456789';
let srv; let n25; let n26; let db; let me;

before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  n25 = v5(srv, { notionVersion: '2025-09-03' });
  n26 = v5(srv, { notionVersion: '2026-03-11' });
  const root = await createRootPage(n25, 'Wiki');
  db = await createDatabase(n25, 'v5', root.id, 'Docs',
    { Name: { title: {} }, Verified: { verification: {} }, Where: { place: {} } });
  me = await n25.users.me({});
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const newPage = (title) => n26.pages.create({ parent: { data_source_id: db.dataSourceId },
  properties: { Name: { title: [{ text: { content: title } }] } } });
const INVALID = (message) => ({ status: 400, code: 'validation_error', message });

test('a new page is unverified; verifying it names the integration and starts now', async () => {
  const page = await newPage('Handbook');
  assert.deepEqual(page.properties.Verified.verification, { state: 'unverified', verified_by: null, date: null });
  const t0 = Date.now();
  const verified = await n26.pages.update({ page_id: page.id, properties: { Verified: { verification: { state: 'verified' } } } });
  const v = verified.properties.Verified.verification;
  assert.equal(v.state, 'verified');
  assert.equal(v.verified_by.id, me.id);
  assert.equal(v.verified_by.object, 'user');
  assert.equal(v.date.end, null);
  assert.equal(v.date.time_zone, null);
  assert.ok(Math.abs(Date.parse(v.date.start) - t0) < 60_000, v.date.start);
  assert.deepEqual((await n25.pages.retrieve({ page_id: page.id })).properties.Verified.verification, v);

  // The property item, validated against the 2026-03-11 OpenAPI's propertyItemObjectResponse.
  const item = await propertyItemClients(srv).n5.pages.properties.retrieve({ page_id: page.id, property_id: verified.properties.Verified.id });
  assert.deepEqual(item, { object: 'property_item', id: verified.properties.Verified.id, type: 'verification',
    verification: v });

  const cleared = await n26.pages.update({ page_id: page.id, properties: { Verified: { verification: { state: 'unverified' } } } });
  assert.deepEqual(cleared.properties.Verified.verification, { state: 'unverified', verified_by: null, date: null });
});

test('a verification with an end date is expired once the end has passed', async () => {
  const page = await newPage('Old policy');
  const past = await n25.pages.update({ page_id: page.id, properties: {
    Verified: { verification: { state: 'verified', date: { start: '2023-08-01', end: '2023-10-30' } } } } });
  assert.deepEqual(past.properties.Verified.verification, { state: 'expired', verified_by: past.properties.Verified.verification.verified_by,
    date: { start: '2023-08-01', end: '2023-10-30', time_zone: null } });
  assert.equal(past.properties.Verified.verification.verified_by.id, me.id);
  const future = await n25.pages.update({ page_id: page.id, properties: {
    Verified: { verification: { state: 'verified', date: { start: '2023-08-01T04:00:00.000Z', end: '2999-01-01T00:00:00Z' } } } } });
  assert.deepEqual(future.properties.Verified.verification.date,
    { start: '2023-08-01T04:00:00.000+00:00', end: '2999-01-01T00:00:00.000+00:00', time_zone: null });
  assert.equal(future.properties.Verified.verification.state, 'verified');
});

test('place: written, read back with every key, cleared with null; created with the page', async () => {
  const page = await n26.pages.create({ parent: { data_source_id: db.dataSourceId }, properties: {
    Name: { title: [{ text: { content: 'Office' } }] },
    Where: { place: { lat: 48.8584, lon: 2.2945, name: 'Eiffel Tower', address: 'Champ de Mars, Paris' } } } });
  assert.deepEqual(page.properties.Where.place, { lat: 48.8584, lon: 2.2945, name: 'Eiffel Tower',
    address: 'Champ de Mars, Paris', aws_place_id: null, google_place_id: null });
  const cleared = await n26.pages.update({ page_id: page.id, properties: { Where: { place: null } } });
  assert.equal(cleared.properties.Where.place, null);
});

test('bad values are refused with the exact messages and change nothing', async () => {
  const page = await newPage('Refused');
  const cases = [
    [{ Verified: { verification: { state: 'expired' } } },
      'body failed validation: body.properties.Verified.verification.state should be `"verified"` or `"unverified"`, instead was `"expired"`.'],
    [{ Verified: { verification: {} } },
      'body failed validation: body.properties.Verified.verification.state should be defined, instead was `undefined`.'],
    [{ Verified: { verification: { state: 'unverified', date: { start: '2024-01-01' } } } },
      'body failed validation: body.properties.Verified.verification.date should be not present, instead was `{"start":"2024-01-01"}`.'],
    [{ Verified: { verification: { state: 'verified', verified_by: { id: me.id } } } },
      `body failed validation: body.properties.Verified.verification.verified_by should be not present, instead was \`{"id":"${me.id}"}\`.`],
    [{ Where: { place: { lat: 1 } } },
      'body failed validation: body.properties.Where.place.lon should be defined, instead was `undefined`.'],
    [{ Verified: { place: { lat: 1, lon: 2 } } }, 'Verified is expected to be verification.'],
    [{ Name: { verification: { state: 'verified' } } }, 'Name is expected to be title.'],
  ];
  for (const [properties, message] of cases) {
    await expectApiError(n26.pages.update({ page_id: page.id, properties }), INVALID(message));
  }
  const after = await n26.pages.retrieve({ page_id: page.id });
  assert.deepEqual(after.properties.Verified.verification, { state: 'unverified', verified_by: null, date: null });
  assert.equal(after.properties.Where.place, null);
});

test('the "Fix one:" union lists place and verification from 2026-03-11 only', async () => {
  const page = await newPage('Union');
  const older = ['title', 'rich_text', 'number', 'url', 'select', 'multi_select', 'people', 'email', 'phone_number',
    'date', 'checkbox', 'relation', 'files', 'status'];
  const fixOne = (types) => `body failed validation. Fix one:\n${types
    .map((t) => `body.properties.Where.${t} should be defined, instead was \`undefined\`.`).join('\n')}`;
  for (const [version, types] of [['2025-09-03', older], ['2026-03-11', [...older, 'place', 'verification']]]) {
    const res = await raw(srv, { method: 'PATCH', path: `/v1/pages/${page.id}`, version,
      body: { properties: { Where: { location: {} } } } });
    expectRawError(res, INVALID(fixOne(types)));
  }
});

test('export then seed keeps the verification, its author and its dates, and the place', async () => {
  const page = await newPage('Kept');
  await n26.pages.update({ page_id: page.id, properties: {
    Verified: { verification: { state: 'verified', date: { start: '2024-05-01', end: '2999-05-01' } } },
    Where: { place: { lat: -33.8568, lon: 151.2153, google_place_id: 'ChIJ3S-JXmauEmsRUcIaWtf4MzE' } } } });
  const before = (await n26.pages.retrieve({ page_id: page.id })).properties;
  const exported = await adminCall(srv, ADMIN, 'GET', 'export');
  assert.equal(exported.status, 200);
  const seeded = await adminCall(srv, ADMIN, 'POST', 'seed', exported.body);
  assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
  const after = (await n26.pages.retrieve({ page_id: page.id })).properties;
  assert.deepEqual(after.Verified, before.Verified);
  assert.deepEqual(after.Where, before.Where);
  assert.equal(after.Verified.verification.verified_by.id, me.id);
  assert.deepEqual((await adminCall(srv, ADMIN, 'GET', 'export')).body, exported.body);
});

test('a query filters on the verification status: verified, expired, none', async () => {
  const root = await createRootPage(n25, 'Filtering');
  const wiki = await createDatabase(n25, 'v5', root.id, 'Wiki', { Name: { title: {} }, V: { verification: {} } });
  const add = async (title, verification) => {
    const p = await n26.pages.create({ parent: { data_source_id: wiki.dataSourceId },
      properties: { Name: { title: [{ text: { content: title } }] } } });
    if (verification) await n26.pages.update({ page_id: p.id, properties: { V: { verification } } });
  };
  await add('fresh', { state: 'verified' });
  await add('stale', { state: 'verified', date: { start: '2020-01-01', end: '2020-02-01' } });
  await add('never');
  const titles = async (status) => (await n26.dataSources.query({ data_source_id: wiki.dataSourceId,
    filter: { property: 'V', verification: { status } } })).results
    .map((p) => p.properties.Name.title[0].plain_text).sort();
  assert.deepEqual(await titles('verified'), ['fresh']);
  assert.deepEqual(await titles('expired'), ['stale']);
  assert.deepEqual(await titles('none'), ['never']);
  await expectApiError(n26.dataSources.query({ data_source_id: wiki.dataSourceId,
    filter: { property: 'V', verification: { status: 'unverified' } } }), INVALID(
    'body failed validation: body.filter.verification.status should be `"verified"`, `"expired"`, or `"none"`, instead was `"unverified"`.'));
});
