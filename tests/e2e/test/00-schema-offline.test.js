'use strict';
// Offline checks of lib/schema.js on hand-built objects (no server needed):
// the validator accepts what Notion really sends and still rejects what it must.
const test = require('node:test');
const assert = require('node:assert/strict');
const {
  assertSchema, assertRawSchema, assertErrorSchema, assertDatabaseV2022, validateResponse, REWRITTEN_ALLOF,
} = require('../lib/schema');

const ID = '59833787-2cf9-4fdf-8782-e53db20768a5';
const ID2 = 'a1d8501e-1ac1-43e9-a6bd-ea9fe6c8822b';
const ID3 = 'be907abe-510e-4116-a3d1-7ea71018c06f';
const T = '2026-03-11T10:00:00.000Z';
const rt = (content) => ({
  type: 'text', text: { content, link: null },
  annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' },
  plain_text: content, href: null,
});
const user = { object: 'user', id: ID3 };

function page(parent, extra = {}) {
  return {
    object: 'page', id: ID, created_time: T, last_edited_time: T,
    created_by: user, last_edited_by: user, cover: null, icon: null, parent,
    archived: false, in_trash: false, is_locked: false, is_archived: false,
    properties: {
      Name: { id: 'title', type: 'title', title: [rt('Widget')] },
      Notes: { id: 'a%3Ab', type: 'rich_text', rich_text: [] },
      Price: { id: 'p1', type: 'number', number: 2.5 },
      'In stock': { id: 'p2', type: 'checkbox', checkbox: true },
      Category: { id: 'p3', type: 'select', select: { id: 'o1', name: 'Tools', color: 'blue' } },
      Tags: { id: 'p4', type: 'multi_select', multi_select: [{ id: 'o2', name: 'a', color: 'red' }] },
      Stage: { id: 'p5', type: 'status', status: null },
      Due: { id: 'p6', type: 'date', date: { start: '2024-03-01', end: null, time_zone: null } },
      When: { id: 'p6b', type: 'date', date: { start: '2024-03-01T10:30:00.000+00:00', end: '2024-03-02T10:30:00.000Z', time_zone: null } },
      Owner: { id: 'p7', type: 'people', people: [user] },
      Docs: { id: 'p8', type: 'files', files: [{ name: 'spec', type: 'external', external: { url: 'https://example.com/a.pdf' } }] },
      Link: { id: 'p9', type: 'url', url: null },
      Mail: { id: 'p10', type: 'email', email: 'a@example.com' },
      Phone: { id: 'p11', type: 'phone_number', phone_number: null },
      Related: { id: 'p12', type: 'relation', relation: [{ id: ID2 }], has_more: false },
      Calc: { id: 'p13', type: 'formula', formula: { type: 'number', number: null } },
      Created: { id: 'p14', type: 'created_time', created_time: T },
      Creator: { id: 'p15', type: 'created_by', created_by: user },
      Edited: { id: 'p16', type: 'last_edited_time', last_edited_time: T },
      Editor: { id: 'p17', type: 'last_edited_by', last_edited_by: user },
      Code: { id: 'p18', type: 'unique_id', unique_id: { prefix: null, number: 1 } },
      Roll: { id: 'p19', type: 'rollup', rollup: { type: 'number', number: 0, function: 'count' } },
    },
    url: `https://www.notion.so/Widget-${ID.replace(/-/g, '')}`, public_url: null,
    ...extra,
  };
}
const errBody = (status, code, message) => ({ object: 'error', status, code, message, request_id: ID3 });

test('the allOf rewrite covers the components that need it', () => {
  for (const n of ['userObjectResponse', 'pagePropertyValueWithIdResponse', 'richTextItemResponse', 'error_api_400']) {
    assert.ok(REWRITTEN_ALLOF.includes(n), n);
  }
});

test('page 2025-09-03 (data_source parent) and 2022-06-28 (database parent) pass', () => {
  assertSchema('pageObjectResponse', page({ type: 'data_source_id', data_source_id: ID2, database_id: ID3 }));
  assertSchema('pageObjectResponse', page({ type: 'database_id', database_id: ID3 }));
  assertSchema('pageObjectResponse', page({ type: 'workspace', workspace: true }, {
    icon: { type: 'emoji', emoji: '🥑' }, cover: { type: 'external', external: { url: 'https://example.com/c.png' } },
  }));
  assertSchema('pageObjectResponse', page({ type: 'page_id', page_id: ID2 }, {
    icon: { type: 'external', external: { url: 'https://example.com/i.png' } },
  }));
});

test('page: unknown keys and wrong shapes are still rejected', () => {
  const p = page({ type: 'database_id', database_id: ID3 });
  assert.throws(() => assertSchema('pageObjectResponse', { ...p, bogus: 1 }), /bogus|additional/);
  assert.throws(() => assertSchema('pageObjectResponse', { ...p, archived: true }), /archived/);
  const noArchived = { ...p }; delete noArchived.archived;
  assert.throws(() => assertSchema('pageObjectResponse', noArchived), /archived/);
  const badProp = page({ type: 'database_id', database_id: ID3 });
  badProp.properties.Price.extra = 1;
  assert.throws(() => assertSchema('pageObjectResponse', badProp), /unevaluated|must/);
  const noId = page({ type: 'database_id', database_id: ID3 });
  delete noId.properties.Price.id;
  assert.throws(() => assertSchema('pageObjectResponse', noId));
  const badRt = page({ type: 'database_id', database_id: ID3 });
  delete badRt.properties.Name.title[0].annotations;
  assert.throws(() => assertSchema('pageObjectResponse', badRt));
  const badDate = page({ type: 'database_id', database_id: ID3 });
  badDate.properties.Due.date = { start: '2024-03-01' };
  assert.throws(() => assertSchema('pageObjectResponse', badDate));
  const badParent = page({ type: 'database_id', database_id: ID3, data_source_id: ID2 });
  assert.throws(() => assertSchema('pageObjectResponse', badParent));
  const badSelColor = page({ type: 'database_id', database_id: ID3 });
  badSelColor.properties.Category.select.color = 'blue_background';
  assert.throws(() => assertSchema('pageObjectResponse', badSelColor));
});

test('error bodies: each status against its error_api_<status>', () => {
  assertErrorSchema(400, errBody(400, 'validation_error', 'x'));
  assertErrorSchema(400, errBody(400, 'invalid_request_url', 'Invalid request URL.'));
  assertErrorSchema(401, errBody(401, 'unauthorized', 'API token is invalid.'));
  assertErrorSchema(404, errBody(404, 'object_not_found', 'Could not find page'));
  assert.throws(() => assertErrorSchema(400, errBody(401, 'unauthorized', 'x')));
  assert.throws(() => assertErrorSchema(404, errBody(404, 'validation_error', 'x')));
  assert.throws(() => assertErrorSchema(400, { ...errBody(400, 'validation_error', 'x'), extra: 1 }));
  const noReq = errBody(400, 'validation_error', 'x'); delete noReq.request_id;
  assert.throws(() => assertErrorSchema(400, noReq), /request_id/);
  assert.throws(() => assertErrorSchema(418, errBody(418, 'teapot', 'x')), /no error_api_418/);
});

test('users: person, bot with owner, partial', () => {
  assertSchema('userObjectResponse', {
    object: 'user', id: ID, type: 'person', name: 'Owner', avatar_url: null, person: { email: 'o@example.com' },
  });
  assertSchema('userObjectResponse', {
    object: 'user', id: ID2, type: 'bot', name: 'localnotion', avatar_url: null,
    bot: {
      owner: { type: 'workspace', workspace: true }, workspace_name: 'W', workspace_id: ID3,
      workspace_limits: { max_file_upload_size_in_bytes: 5242880 },
    },
  });
  assertSchema('userObjectResponse', { object: 'user', id: ID2, type: 'bot', name: 'b', avatar_url: null, bot: {} });
  assertSchema('partialUserObjectResponse', user);
  assert.throws(() => assertSchema('userObjectResponse', {
    object: 'user', id: ID, type: 'person', name: 'O', avatar_url: null, person: {}, extra: 1,
  }));
  assert.throws(() => assertSchema('userObjectResponse', { object: 'user', id: ID, type: 'person', name: 'O', avatar_url: null }));
  assert.throws(() => assertSchema('partialUserObjectResponse', { ...user, name: 'x' }));
  validateResponse({
    method: 'GET', pathname: '/v1/users', status: 200, version: '2025-09-03',
    body: {
      object: 'list', results: [{ object: 'user', id: ID, type: 'person', name: 'O', avatar_url: null, person: { email: 'o@e.com' } }],
      next_cursor: null, has_more: false, type: 'user', user: {}, request_id: ID3,
    },
  });
});

const propsCfg = {
  Name: { id: 'title', name: 'Name', description: null, type: 'title', title: {} },
  Price: { id: 'p1', name: 'Price', description: null, type: 'number', number: { format: 'number' } },
  'In stock': { id: 'p2', name: 'In stock', description: null, type: 'checkbox', checkbox: {} },
  Category: {
    id: 'p3', name: 'Category', description: null, type: 'select',
    select: { options: [{ id: 'o1', name: 'Tools', color: 'blue', description: null }] },
  },
  Stage: {
    id: 'p5', name: 'Stage', description: null, type: 'status',
    status: {
      options: [{ id: 's1', name: 'Not started', color: 'default', description: null }],
      groups: [{ id: 'g1', name: 'To-do', color: 'gray', option_ids: ['s1'] }],
    },
  },
  Calc: { id: 'p13', name: 'Calc', description: null, type: 'formula', formula: { expression: '1' } },
};

test('database 2025-09-03 and data source pass; 2022-06-28 database shape', () => {
  const base = {
    object: 'database', id: ID, title: [rt('Inventory')], description: [], parent: { type: 'page_id', page_id: ID2 },
    is_inline: false, in_trash: false, is_locked: false, created_time: T, last_edited_time: T,
    icon: null, cover: null, url: `https://www.notion.so/${ID.replace(/-/g, '')}`, public_url: null,
  };
  assertSchema('databaseObjectResponse', { ...base, data_sources: [{ id: ID3, name: 'Inventory' }] });
  assert.throws(() => assertSchema('databaseObjectResponse', { ...base, data_sources: [], properties: propsCfg }));
  assertSchema('dataSourceObjectResponse', {
    object: 'data_source', id: ID3, title: [rt('Inventory')], description: [],
    parent: { type: 'database_id', database_id: ID }, database_parent: { type: 'page_id', page_id: ID2 },
    is_inline: false, in_trash: false, created_time: T, last_edited_time: T, created_by: user, last_edited_by: user,
    properties: propsCfg, icon: null, cover: null, url: 'https://www.notion.so/x', public_url: null,
  });
  const v2 = {
    object: 'database', id: ID, created_time: T, last_edited_time: T, created_by: user, last_edited_by: user,
    title: [rt('Inventory')], description: [], icon: null, cover: null,
    properties: {
      ...propsCfg,
      Rel: {
        id: 'r1', name: 'Rel', description: null, type: 'relation',
        relation: { database_id: ID2, type: 'single_property', single_property: {} },
      },
    },
    parent: { type: 'page_id', page_id: ID2 }, url: 'https://www.notion.so/x', public_url: null,
    archived: false, in_trash: false, is_inline: false,
  };
  assertDatabaseV2022(v2);
  assert.throws(() => assertDatabaseV2022({ ...v2, data_sources: [] }));
  const badCfg = JSON.parse(JSON.stringify(v2)); badCfg.properties.Price.number = {};
  assert.throws(() => assertDatabaseV2022(badCfg));
});

test('route dispatch picks the schema', () => {
  const p = page({ type: 'database_id', database_id: ID3 });
  validateResponse({ method: 'PATCH', pathname: `/v1/pages/${ID}`, status: 200, version: '2022-06-28', body: p });
  validateResponse({ method: 'GET', pathname: `//v1/pages/${ID}`, status: 200, version: '2022-06-28', body: p });
  validateResponse({ method: 'PUT', pathname: '/v1/nothing', status: 400, version: undefined, body: errBody(400, 'invalid_request_url', 'Invalid request URL.') });
  assert.throws(() => validateResponse({ method: 'GET', pathname: `/v1/pages/${ID}`, status: 200, version: '2022-06-28', body: { object: 'page' } }));
});

test('rewritten schemas are not looser than intended: raw component still strict on nested objects', () => {
  assert.throws(() => assertRawSchema('richTextItemResponse', { ...rt('x'), text: { content: 'x', link: null, extra: 1 } }));
  assert.throws(() => assertRawSchema('richTextItemResponse', { ...rt('x'), extra: 1 }));
});

test('heading_4 (newer than the 2026-03-11 description) is checked as heading_3, no looser', () => {
  const block = (type, content) => ({
    object: 'block', id: ID, parent: { type: 'page_id', page_id: ID2 }, created_time: T, last_edited_time: T,
    created_by: user, last_edited_by: user, has_children: false, in_trash: false, type, [type]: content,
  });
  const h4 = block('heading_4', { rich_text: [rt('Small')], color: 'default', is_toggleable: false });
  validateResponse({ method: 'GET', pathname: `/v1/blocks/${ID}`, status: 200, version: '2026-03-11', body: h4 });
  // The raw 2026-03-11 component does not know heading_4.
  assert.throws(() => assertRawSchema('blockObjectResponse', h4), /does not match schema blockObjectResponse/);
  // heading_3's content rules still hold.
  const noToggle = block('heading_4', { rich_text: [], color: 'default' });
  assert.throws(() => validateResponse({ method: 'GET', pathname: `/v1/blocks/${ID}`, status: 200, version: '2026-03-11', body: noToggle }),
    /is_toggleable/);
  const both = { ...h4, heading_3: h4.heading_4 };
  assert.throws(() => validateResponse({ method: 'GET', pathname: `/v1/blocks/${ID}`, status: 200, version: '2026-03-11', body: both }),
    /no heading_3 key/);
  // A tab is in the description: `tab: {}`.
  validateResponse({ method: 'GET', pathname: `/v1/blocks/${ID}`, status: 200, version: '2026-03-11', body: block('tab', {}) });
});
