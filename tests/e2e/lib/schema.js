'use strict';
// Validates response bodies against Notion's own OpenAPI schemas (OpenAPI 3.1 = JSON
// Schema 2020-12). tests/e2e/spec/ holds a copy of Notion's OpenAPI description,
// notion-openapi-2026-03-11.json (see tests/e2e/spec/README.md).
//
// Everything that is not literally "load the component and run Ajv" is listed
// here, so that the distance between what the suite accepts and the 2026-03-11
// schema stays visible and small:
//
// 1. allOf + additionalProperties:false (a flaw in the generated spec, not a
//    version difference). Several components are written as
//      allOf: [ {common props, additionalProperties:false}, {oneOf: [variant, ...]} ]
//    e.g. userObjectResponse (userObjectResponseCommon), pagePropertyValueWithIdResponse,
//    richTextItemResponse, error_api_<status>, databasePropertyConfigResponse,
//    internalOrExternalFileWithNameResponse. In JSON Schema each allOf member is
//    checked on its own, so `additionalProperties:false` in one member rejects the
//    keys declared by the other member: no real user object (it has `type` and
//    `person`/`bot`, which the common part does not declare) and no real error
//    body (`object`/`message` vs `code`/`status`) could ever pass. We rewrite each
//    such allOf, mechanically: the members (and the oneOf/anyOf branches and $refs
//    they lead to) lose their top-level `additionalProperties:false`, and the allOf
//    node gets `unevaluatedProperties:false` instead - the 2020-12 keyword made for
//    exactly this. Unknown keys are therefore still rejected, over the union of the
//    members' declared keys; nothing else is relaxed. Standalone uses of the same
//    components (e.g. partialUserObjectResponse) are untouched.
// 2. `format: "date"` is used by dateResponse.start/end, but Notion (every
//    version, and the 2026 docs' own examples) returns date-times there, e.g.
//    "2024-03-01T10:30:00.000+00:00", when a time was given. The "date" format is
//    therefore registered as "an RFC 3339 full-date or date-time".
// 3. Version deltas (the schema is 2026-03-11; localnotion serves 2022-06-28 and
//    2025-09-03) are applied in assertSchema() below, per component name:
//    - pageObjectResponse: pages carry `archived` (an alias of `in_trash`, removed in
//      2026-03-11). We assert it is a boolean equal to `in_trash`, then strip exactly
//      that key before validating. A response to Notion-Version 2026-03-11 gets no such
//      exemption: it must not have `archived` at all (pages and blocks alike).
//      A 2022-06-28 page in a database has parent {type:"database_id", database_id}:
//      the 2026 parentForBlockBasedObjectResponse accepts it (databaseParentResponse
//      is one of its branches), so nothing is changed for it.
//      Relation values: Notion sends `has_more` beside `relation` (documented on the
//      page-property-values reference); the 2026 relation value schema does not
//      declare it. If present we assert it is a boolean and strip it.
//    - error_api_<status>: Notion sends `request_id` in every error body (and the
//      localnotion contract requires it); publicApiCommonErrorResponse does not declare
//      it. We assert it is a uuid string, then strip it.
//    - blockObjectResponse: a `heading_4` block (Notion added the type on 2026-03-30,
//      after the 2026-03-11 description was cut) is validated as heading3BlockObjectResponse
//      with `type` and the type key renamed: @notionhq/client 5.26 declares
//      Heading4BlockObjectResponse with exactly heading_3's content
//      (HeaderContentWithRichTextAndColorResponse). Nothing else is relaxed.
//    - A 2022-06-28 database object (with `properties`, without `data_sources`)
//      is not what databaseObjectResponse (2026) describes: use assertDatabaseV2022()
//      which checks a small explicit shape, reusing the 2026 components for the
//      parts that did not change (rich text, parent, icon/cover, property configs).

const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');

// The copy of Notion's OpenAPI description lives in tests/e2e/spec/ so that a clone of
// the repository alone can run the suite; NOTION_OPENAPI overrides it.
const SPEC_PATH = process.env.NOTION_OPENAPI ||
  path.resolve(__dirname, '../spec/notion-openapi-2026-03-11.json');

const SPEC_ID = 'https://localnotion.test/notion-openapi-2026-03-11.json';
const REF_PREFIX = '#/components/schemas/';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// ---- load + rewrite (see 1. above) ----------------------------------------
function loadSpec() {
  const spec = JSON.parse(fs.readFileSync(SPEC_PATH, 'utf8'));
  const schemas = spec.components.schemas;
  const rewritten = [];
  // GET /v1/users: the list schema is inline in the operation; expose it as a component.
  schemas.listUsersResponse = spec.paths['/v1/users'].get.responses['200'].content['application/json'].schema;
  // GET /v1/custom_emojis and GET /v1/data_sources/{id}/templates: inline too.
  schemas.listCustomEmojisResponse = spec.paths['/v1/custom_emojis'].get.responses['200'].content['application/json'].schema;
  schemas.listDataSourceTemplatesResponse =
    spec.paths['/v1/data_sources/{data_source_id}/templates'].get.responses['200'].content['application/json'].schema;
  // The OAuth endpoints' 200 bodies are inline too.
  for (const [name, path] of [['oauthTokenResponse', '/v1/oauth/token'], ['oauthIntrospectResponse', '/v1/oauth/introspect'],
    ['oauthRevokeResponse', '/v1/oauth/revoke']]) {
    schemas[name] = spec.paths[path].post.responses['200'].content['application/json'].schema;
  }
  // GET /v1/views and GET /v1/views/{id}/queries/{query_id}: inline as well.
  schemas.listViewsResponse = spec.paths['/v1/views'].get.responses['200'].content['application/json'].schema;
  schemas.viewQueryResultsResponse =
    spec.paths['/v1/views/{view_id}/queries/{query_id}'].get.responses['200'].content['application/json'].schema;

  // Returns a copy of `node` (a schema or a $ref) whose top-level
  // additionalProperties:false is removed, following oneOf/anyOf/allOf and $refs.
  function open(node) {
    if (node && typeof node.$ref === 'string' && node.$ref.startsWith(REF_PREFIX)) {
      const name = node.$ref.slice(REF_PREFIX.length);
      const openName = `${name}__open`;
      if (!schemas[openName]) {
        schemas[openName] = {}; // placeholder against cycles
        schemas[openName] = open(schemas[name]);
      }
      const { $ref, ...rest } = node;
      return { ...rest, $ref: REF_PREFIX + openName };
    }
    if (!node || typeof node !== 'object') return node;
    const copy = { ...node };
    if (copy.additionalProperties === false) delete copy.additionalProperties;
    for (const k of ['oneOf', 'anyOf', 'allOf']) {
      if (Array.isArray(copy[k])) copy[k] = copy[k].map(open);
    }
    return copy;
  }

  function walk(node, where) {
    if (Array.isArray(node)) { node.forEach((n, i) => walk(n, `${where}/${i}`)); return; }
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node.allOf)) {
      node.allOf = node.allOf.map(open);
      node.unevaluatedProperties = false;
      rewritten.push(where);
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'allOf') continue; // already opened; their nested objects are walked below
      walk(v, `${where}/${k}`);
    }
    if (Array.isArray(node.allOf)) node.allOf.forEach((m, i) => walk(m, `${where}/allOf/${i}`));
  }
  for (const name of Object.keys(schemas)) {
    if (name.endsWith('__open')) continue;
    walk(schemas[name], name);
  }
  return { spec, rewritten };
}

const { spec, rewritten: REWRITTEN_ALLOF } = loadSpec();

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
// See 2. above.
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
ajv.addFormat('date', {
  type: 'string',
  validate: (s) => (FULL_DATE.test(s) || DATE_TIME.test(s)) && !Number.isNaN(Date.parse(s)),
});
ajv.addSchema({ $id: SPEC_ID, components: { schemas: spec.components.schemas } });

const validators = new Map();
function validatorFor(name) {
  if (!validators.has(name)) {
    if (!spec.components.schemas[name]) throw new Error(`no component schema named ${name}`);
    const v = ajv.getSchema(`${SPEC_ID}${REF_PREFIX}${name}`);
    if (!v) throw new Error(`Ajv could not compile ${name}`);
    validators.set(name, v);
  }
  return validators.get(name);
}

function hasSchema(name) {
  return Boolean(spec.components.schemas[name]);
}

// Ajv reports every failed oneOf branch; show the errors that point at the
// actual problem first (not "required"/"const"/"oneOf" noise from other branches).
function formatErrors(errors, body) {
  const noise = new Set(['required', 'const', 'oneOf', 'anyOf', 'if']);
  const all = errors || [];
  const useful = all.filter((e) => !noise.has(e.keyword) && e.keyword !== 'unevaluatedProperties');
  const secondary = all.filter((e) => e.keyword === 'unevaluatedProperties');
  const shown = (useful.length ? [...useful, ...secondary] : all).slice(0, 15);
  const lines = shown.map((e) => `  ${e.instancePath || '(root)'} ${e.message}` +
    (e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''));
  if (all.length > shown.length) lines.push(`  (${all.length - shown.length} more errors from other oneOf branches)`);
  let text = JSON.stringify(body);
  if (text && text.length > 3000) text = text.slice(0, 3000) + '...';
  return `${lines.join('\n')}\nbody: ${text}`;
}

// Validates `body` against the component schema `name`, as is (no deltas).
function assertRawSchema(name, body) {
  const v = validatorFor(name);
  if (!v(body)) {
    throw new assert.AssertionError({
      message: `response does not match schema ${name}:\n${formatErrors(v.errors, body)}`,
    });
  }
}

function clone(x) { return JSON.parse(JSON.stringify(x)); }

// Applies the version deltas of 3. above to a page body (a copy).
function pageDeltas(page, version) {
  const p = clone(page);
  if (p && typeof p === 'object') {
    if (version === '2026-03-11') {
      assert.ok(!('archived' in p), 'a 2026-03-11 page has no archived');
    } else {
      assert.equal(typeof p.archived, 'boolean', 'page.archived must be a boolean (2022-06-28/2025-09-03 alias of in_trash)');
      assert.equal(p.archived, p.in_trash, 'page.archived must equal page.in_trash');
      delete p.archived;
    }
    if (p.properties && typeof p.properties === 'object') {
      for (const [name, val] of Object.entries(p.properties)) {
        if (val && val.type === 'relation' && 'has_more' in val) {
          assert.equal(typeof val.has_more, 'boolean', `properties.${name}.has_more must be a boolean`);
          delete val.has_more;
        }
      }
    }
  }
  return p;
}

function errorDeltas(err) {
  const e = clone(err);
  if (e && typeof e === 'object') {
    assert.equal(typeof e.request_id, 'string', 'error body must carry request_id');
    assert.match(e.request_id, UUID_RE, 'error request_id must be a lower-case dashed uuid');
    delete e.request_id;
  }
  return e;
}

// assertSchema(name, body): validate against the 2026-03-11 component `name`,
// after the (documented) version deltas for that component.
function assertSchema(name, body, version) {
  if (name === 'pageObjectResponse') return assertRawSchema(name, pageDeltas(body, version));
  if (/^error_api_\d+$/.test(name)) return assertRawSchema(name, errorDeltas(body));
  return assertRawSchema(name, body);
}

function assertErrorSchema(status, body) {
  const name = `error_api_${status}`;
  if (!hasSchema(name)) {
    throw new assert.AssertionError({ message: `no ${name} schema in the 2026-03-11 spec for a ${status} response: ${JSON.stringify(body)}` });
  }
  assertSchema(name, body);
}

// ---- 2022-06-28 database object ---------------------------------------------
// 2022-06-28 database (SDK v2 DatabaseObjectResponse; the database object at
// https://developers.notion.com/reference/database, read at Notion-Version 2022-06-28):
// {object:"database", id, created_time, last_edited_time, created_by, last_edited_by,
//  title, description, icon, cover, properties:{<name>: config}, parent, url,
//  public_url, archived, in_trash, is_inline}  - no data_sources, no is_locked needed.
// Differences from 2026 databaseObjectResponse: it has `properties` (the schema lives
// on the database, there is no data source), `archived`, `created_by`/`last_edited_by`,
// and no `data_sources`. Parts unchanged since are checked with the 2026 components.
// A property config in 2022-06-28 is databasePropertyConfigResponse except that a
// relation config may lack `data_source_id` (it is a 2025-09-03 addition); we check
// relation configs with a small explicit shape instead.
const DB2022_KEYS = ['object', 'id', 'created_time', 'last_edited_time', 'created_by', 'last_edited_by',
  'title', 'description', 'icon', 'cover', 'properties', 'parent', 'url', 'public_url', 'archived',
  'in_trash', 'is_inline'];
const DB2022_OPTIONAL = ['is_locked', 'request_id'];

function assertDatabaseV2022(db) {
  assert.equal(typeof db, 'object');
  const keys = Object.keys(db);
  for (const k of DB2022_KEYS) assert.ok(keys.includes(k), `2022-06-28 database must have ${k}: ${JSON.stringify(db)}`);
  for (const k of keys) {
    assert.ok(DB2022_KEYS.includes(k) || DB2022_OPTIONAL.includes(k), `2022-06-28 database has unexpected key ${k}`);
  }
  assert.equal(db.object, 'database');
  assert.match(db.id, UUID_RE);
  assertRawFormat('date-time', db.created_time);
  assertRawFormat('date-time', db.last_edited_time);
  assertRawSchema('partialUserObjectResponse', db.created_by);
  assertRawSchema('partialUserObjectResponse', db.last_edited_by);
  assert.ok(Array.isArray(db.title));
  db.title.forEach((t) => assertRawSchema('richTextItemResponse', t));
  assert.ok(Array.isArray(db.description));
  db.description.forEach((t) => assertRawSchema('richTextItemResponse', t));
  if (db.icon !== null) assertRawSchema('pageIconResponse', db.icon);
  if (db.cover !== null) assertRawSchema('pageCoverResponse', db.cover);
  assertRawSchema('parentOfDatabaseResponse', db.parent);
  assert.equal(typeof db.url, 'string');
  assert.ok(db.public_url === null || typeof db.public_url === 'string');
  assert.equal(typeof db.archived, 'boolean');
  assert.equal(db.archived, db.in_trash);
  assert.equal(typeof db.is_inline, 'boolean');
  if ('is_locked' in db) assert.equal(typeof db.is_locked, 'boolean');
  assert.equal(typeof db.properties, 'object');
  for (const [name, cfg] of Object.entries(db.properties)) {
    assert.equal(cfg.name, name, `properties.${name}.name`);
    if (cfg.type === 'relation') {
      assert.equal(typeof cfg.id, 'string');
      assert.ok(cfg.relation && UUID_RE.test(cfg.relation.database_id), 'relation.database_id');
      assert.ok(['single_property', 'dual_property'].includes(cfg.relation.type));
    } else {
      assertRawSchema('databasePropertyConfigResponse', cfg);
    }
  }
}

function assertRawFormat(fmt, value) {
  const v = ajv.compile({ type: 'string', format: fmt });
  assert.ok(v(value), `${JSON.stringify(value)} is not a ${fmt}`);
}

// The versions localnotion shapes as 2022-06-28 (the ones before it, docs/compat.md).
const V2022_SHAPED = new Set(['2021-05-11', '2021-05-13', '2021-08-16', '2022-02-22', '2022-06-28']);

// ---- route-based dispatch: which schema a response must match ---------------
// Used by the SDK fetch wrapper and the raw HTTP helper, so that every body the
// suite receives is validated. `version` is the Notion-Version the request sent.
function validateResponse({ method, pathname, status, version, body }) {
  const p = pathname.replace(/\/{2,}/g, '/').replace(/\/$/, '');
  // OAuth (91-oauth*): errors in the RFC 6749 shape Notion's live API answers (see
  // assertOAuthError), successes against the operations' inline schemas.
  if (p.startsWith('/v1/oauth/')) {
    if (status >= 400) return assertOAuthError(status, body);
    return assertRawSchema({ token: 'oauthTokenResponse', introspect: 'oauthIntrospectResponse', revoke: 'oauthRevokeResponse' }[p.split('/')[3]], body);
  }
  if (status >= 400) return assertErrorSchema(status, body);
  const m = method.toUpperCase();
  const seg = p.split('/').filter(Boolean); // ['v1', 'pages', id]
  if (seg[0] !== 'v1') throw new Error(`unexpected success for ${m} ${pathname}`);
  const kind = seg[1];
  // A write sent with allow_async answers the task that did it (67-meeting-notes).
  if (kind === 'pages' && body && body.object === 'async_task') return assertAsyncTask(body, version);
  // Without read content, writes answer partial objects: the spec's response is anyOf
  // the full object and partialPageObjectResponse (databases, data sources likewise).
  const PARTIAL = {
    pages: 'partialPageObjectResponse', databases: 'partialDatabaseObjectResponse', data_sources: 'partialDataSourceObjectResponse',
  };
  if (PARTIAL[kind] && seg.length <= 3 && body && Object.keys(body).length === 2 && 'object' in body && 'id' in body) {
    return assertRawSchema(PARTIAL[kind], body);
  }
  if (kind === 'pages' && seg.length <= 3) return assertSchema('pageObjectResponse', body, version);
  // POST /v1/pages/{id}/move answers the moved page (SDK MovePageResponse).
  if (kind === 'pages' && seg.length === 4 && seg[3] === 'move' && m === 'POST') {
    if (body && Object.keys(body).length === 2 && 'object' in body && 'id' in body) {
      return assertRawSchema('partialPageObjectResponse', body);
    }
    return assertSchema('pageObjectResponse', body, version);
  }
  // GET and PATCH /v1/pages/{id}/markdown (57-markdown) answer a page_markdown object.
  if (kind === 'pages' && seg.length === 4 && seg[3] === 'markdown') return assertRawSchema('pageMarkdownResponse', body);
  if (kind === 'custom_emojis' && seg.length === 2 && m === 'GET') return assertRawSchema('listCustomEmojisResponse', body);
  if (kind === 'data_sources' && seg.length === 4 && seg[3] === 'templates' && m === 'GET') {
    return assertRawSchema('listDataSourceTemplatesResponse', body);
  }
  if (kind === 'databases' && seg.length <= 3) {
    if (V2022_SHAPED.has(version)) return assertDatabaseV2022(body);
    return assertSchema('databaseObjectResponse', body);
  }
  if (kind === 'data_sources' && seg.length <= 3) return assertSchema('dataSourceObjectResponse', body);
  if (kind === 'users') {
    if (seg.length === 2) return assertUserList(body);
    return assertSchema('userObjectResponse', body);
  }
  // Meeting notes (67-meeting-notes): create answers the block, or {object, id} without
  // read content (the SDK's CreateMeetingNoteResponse); the query {results, has_more}.
  if (kind === 'blocks' && seg[2] === 'meeting_notes' && m === 'POST') {
    if (seg.length === 4 && seg[3] === 'query') return assertMeetingNotesQuery(body, version);
    if (body && Object.keys(body).length === 2 && body.object === 'block') {
      assert.deepEqual(Object.keys(body), ['object', 'id']);
      assert.match(body.id, UUID_RE);
      return undefined;
    }
    return assertBlock(body, version);
  }
  // GET /v1/async_tasks/{id} (67-meeting-notes): the SDK's GetAsyncTaskResponse.
  if (kind === 'async_tasks' && seg.length === 3 && m === 'GET') return assertAsyncTask(body, version);
  // Blocks: GET/PATCH/DELETE /v1/blocks/{id} answer a block; GET/PATCH .../children a list.
  if (kind === 'blocks' && seg.length === 3) return assertBlock(body, version);
  if (kind === 'blocks' && seg.length === 4 && seg[3] === 'children') return assertBlockList(body, version);
  // File uploads (23-file-uploads): one object, or a list of them.
  if (kind === 'file_uploads') {
    if (seg.length === 2 && m === 'GET') return assertObjectList(body, 'file_upload', 'fileUploadObjectResponse');
    return assertSchema('fileUploadObjectResponse', body);
  }
  // Comments (24-comments).
  if (kind === 'comments') {
    if (seg.length === 2 && m === 'GET') return assertObjectList(body, 'comment', 'commentObjectResponse');
    return assertSchema('commentObjectResponse', body);
  }
  // Views (90-views*): the two list shapes are in the 2026-03-11 OpenAPI; the view object,
  // the view query and the deleted query are not (see assertView below).
  if (kind === 'views') {
    if (seg.length === 2 && m === 'GET') return assertRawSchema('listViewsResponse', body);
    if (seg.length === 5 && m === 'GET') return assertRawSchema('viewQueryResultsResponse', body);
    if (seg.length === 4 && m === 'POST') return assertViewQuery(body);
    if (seg.length === 5 && m === 'DELETE') {
      assert.deepEqual(Object.keys(body), ['object', 'id', 'deleted']);
      assert.equal(body.object, 'view_query');
      assert.equal(body.deleted, true);
      return undefined;
    }
    return assertView(body);
  }
  // Query and search: the list envelope, then each result against its own object schema.
  const isQuery = seg.length === 4 && seg[3] === 'query' && (kind === 'databases' || kind === 'data_sources');
  if ((isQuery || kind === 'search') && m === 'POST') return assertResultList(body, version);
  throw new Error(`no schema known for a ${status} to ${m} ${pathname}`);
}

// OAuth errors: Notion's 2026-03-11 OpenAPI describes error_oauth_<status> in the API's
// envelope, but its live API answers /v1/oauth/token errors in the RFC 6749 §5.2 shape
// ({"error":"invalid_client","request_id":…}, recorded; docs/compat.md "OAuth"), which
// localnotion follows, with an error_description.
const OAUTH_ERRORS = {
  400: ['invalid_request', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'],
  401: ['invalid_client'],
};
function assertOAuthError(status, body) {
  assert.deepEqual(Object.keys(body), ['error', 'error_description', 'request_id']);
  assert.ok((OAUTH_ERRORS[status] || []).includes(body.error), `${status} ${body.error}`);
  assert.equal(typeof body.error_description, 'string');
  assert.match(body.request_id, UUID_RE);
}

// The view object and the view query are not components of the 2026-03-11 OpenAPI (it
// has only the two list operations of the Views API). They are checked against the SDK
// 5.26 types (DataSourceViewObjectResponse, PartialDataSourceViewObjectResponse,
// ViewQueryResponse in build/src/api-endpoints/views.d.ts), key by key, reusing the
// OpenAPI components for the parts they share (parent, partial user, page reference).
const VIEW_TYPES = ['table', 'board', 'list', 'calendar', 'timeline', 'gallery', 'form', 'chart', 'map', 'dashboard'];
function assertView(v) {
  assert.equal(v.object, 'view');
  assert.match(v.id, UUID_RE);
  assertRawSchema('databaseParentResponse', v.parent);
  assert.ok(VIEW_TYPES.includes(v.type), `view type ${v.type}`);
  const keys = Object.keys(v);
  if (keys.length === 4) { // partial: what DELETE answers
    assert.deepEqual(keys, ['object', 'id', 'parent', 'type']);
    return;
  }
  const allowed = ['object', 'id', 'parent', 'data_source_id', 'name', 'type', 'filter', 'sorts', 'quick_filters',
    'configuration', 'created_time', 'last_edited_time', 'created_by', 'last_edited_by', 'url', 'dashboard_view_id'];
  for (const k of keys) assert.ok(allowed.includes(k), `unexpected view key ${k}`);
  assert.equal(typeof v.name, 'string');
  assertRawFormat('date-time', v.created_time);
  assertRawFormat('date-time', v.last_edited_time);
  assert.equal(typeof v.url, 'string');
  assert.ok(v.data_source_id === null || UUID_RE.test(v.data_source_id));
  assertRawSchema('partialUserObjectResponse', v.created_by);
  assertRawSchema('partialUserObjectResponse', v.last_edited_by);
  assert.ok(v.filter === null || (typeof v.filter === 'object' && !Array.isArray(v.filter)));
  assert.ok(v.sorts === null || Array.isArray(v.sorts));
  for (const s of v.sorts || []) {
    assert.ok(['ascending', 'descending'].includes(s.direction));
    assert.ok(typeof s.property === 'string' || ['created_time', 'last_edited_time'].includes(s.timestamp));
  }
  assert.ok(v.quick_filters === null || (typeof v.quick_filters === 'object' && !Array.isArray(v.quick_filters)));
  assert.ok(v.configuration === null || v.configuration.type === v.type, 'configuration.type equals the view type');
  if ('dashboard_view_id' in v) assert.match(v.dashboard_view_id, UUID_RE);
}
function assertViewQuery(q) {
  assert.deepEqual(Object.keys(q).filter((k) => k !== 'request_status'),
    ['object', 'id', 'view_id', 'expires_at', 'total_count', 'results', 'next_cursor', 'has_more']);
  assert.equal(q.object, 'view_query');
  assert.match(q.id, UUID_RE);
  assert.match(q.view_id, UUID_RE);
  assertRawFormat('date-time', q.expires_at);
  assert.ok(Number.isInteger(q.total_count) && q.total_count >= 0);
  for (const r of q.results) assertRawSchema('partialPageObjectResponse', r);
  assert.equal(q.has_more, q.next_cursor !== null);
}

// {object:"list", results, next_cursor, has_more, type, <type>:{}} with type
// page_or_database (2022-06-28) or page_or_data_source (2025-09-03).
function assertResultList(body, version) {
  const type = V2022_SHAPED.has(version) ? 'page_or_database' : 'page_or_data_source';
  assert.equal(body.object, 'list', 'list object');
  assert.equal(body.type, type, 'list type');
  assert.deepEqual(body[type], {}, `list ${type}`);
  assert.equal(typeof body.has_more, 'boolean', 'has_more');
  assert.ok(body.next_cursor === null || typeof body.next_cursor === 'string', 'next_cursor');
  // request_status appears when a query reaches the result limit; its shape is
  // @notionhq/client's RequestStatusResponse (the 2026-03-11 spec does not list it).
  const keys = ['has_more', 'next_cursor', 'object', 'results', 'type', type];
  if (Object.hasOwn(body, 'request_status')) {
    keys.push('request_status');
    assert.deepEqual(body.request_status, { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' },
      'request_status');
  }
  assert.deepEqual(Object.keys(body).sort(), keys.sort());
  assert.ok(Array.isArray(body.results), 'results');
  for (const r of body.results) {
    if (r.object === 'page') assertSchema('pageObjectResponse', r, version);
    else if (r.object === 'data_source') assertSchema('dataSourceObjectResponse', r);
    else if (r.object === 'database') assertDatabaseV2022(r);
    else throw new Error(`unexpected result object ${r.object}`);
  }
}

// A full block (never the partial {object,id} form the 2026 operation schemas also allow).
// Blocks carry `archived` (an alias of `in_trash`, removed in 2026-03-11), as pages do:
// asserted equal to in_trash, then stripped before validating against blockObjectResponse.
function assertBlock(block, version) {
  const b = clone(block);
  assert.equal(b.object, 'block', 'block object');
  if (version === '2026-03-11') {
    assert.ok(!('archived' in b), 'a 2026-03-11 block has no archived');
  } else {
    assert.equal(typeof b.archived, 'boolean', 'block.archived must be a boolean');
    assert.equal(b.archived, b.in_trash, 'block.archived must equal block.in_trash');
    delete b.archived;
  }
  // The meeting notes block is `meeting_notes` from 2026-03-11 and `transcription` before,
  // with the same object; the spec describes only the 2026-03-11 name.
  if (b.type === 'transcription' || b.type === 'meeting_notes') {
    assert.equal(b.type, version === '2026-03-11' ? 'meeting_notes' : 'transcription', 'meeting notes type name');
    if (b.type === 'transcription') {
      assert.ok(!('meeting_notes' in b), 'a transcription block has no meeting_notes key');
      b.type = 'meeting_notes';
      b.meeting_notes = b.transcription;
      delete b.transcription;
    }
  }
  if (b.type === 'heading_4') {
    // See 3. above: heading_4 is newer than the 2026-03-11 description.
    assert.ok(!('heading_3' in b), 'a heading_4 block has no heading_3 key');
    b.type = 'heading_3';
    b.heading_3 = b.heading_4;
    delete b.heading_4;
  }
  assertRawSchema('blockObjectResponse', b);
}

// POST /v1/blocks/meeting_notes/query: {results, has_more} and nothing else, each result a
// meeting notes block (the SDK's QueryMeetingNotesResponse).
function assertMeetingNotesQuery(body, version) {
  assert.deepEqual(Object.keys(body), ['results', 'has_more']);
  assert.equal(typeof body.has_more, 'boolean', 'has_more');
  assert.ok(Array.isArray(body.results), 'results');
  for (const r of body.results) {
    assert.equal(r.type, version === '2026-03-11' ? 'meeting_notes' : 'transcription');
    assertBlock(r, version);
  }
}

// GET /v1/async_tasks/{id}: the SDK's GetAsyncTaskResponse (not in the 2026-03-11
// OpenAPI): common keys, then `poll_after_seconds` while pending, `result` when it
// succeeded, an error object when it failed.
const ASYNC_PENDING = ['queued', 'running', 'retrying'];
function assertAsyncTask(body, version) {
  const common = ['object', 'id', 'status_url', 'created_time', 'operation', 'status'];
  assert.equal(body.object, 'async_task');
  assert.equal(typeof body.id, 'string');
  assert.equal(typeof body.status_url, 'string');
  assertRawFormat('date-time', body.created_time);
  assert.deepEqual(Object.keys(body.operation), ['surface', 'name']);
  assert.ok(['rest', 'mcp'].includes(body.operation.surface));
  assert.equal(typeof body.operation.name, 'string');
  if (ASYNC_PENDING.includes(body.status)) {
    assert.deepEqual(Object.keys(body), [...common, 'poll_after_seconds']);
    assert.equal(typeof body.poll_after_seconds, 'number');
  } else if (body.status === 'succeeded') {
    assert.deepEqual(Object.keys(body), [...common, 'result']);
    assert.equal(typeof body.result, 'object');
    // The result is the write's answer as it was made, under the write's Notion-Version
    // (docs/compat.md), which a poll under another version shows unchanged.
    if (body.result && body.result.object === 'page' && Object.keys(body.result).length > 2) {
      assertSchema('pageObjectResponse', body.result, 'archived' in body.result ? '2025-09-03' : '2026-03-11');
    }
  } else {
    assert.equal(body.status, 'failed');
    assert.deepEqual(Object.keys(body), [...common, 'error']);
    assertErrorSchema(body.error.status, body.error);
  }
}

// {object:"list", results, next_cursor, has_more, type:"block", block:{}}.
function assertBlockList(body, version) {
  assert.equal(body.object, 'list', 'list object');
  assert.equal(body.type, 'block', 'list type');
  assert.deepEqual(body.block, {}, 'list block');
  assert.equal(typeof body.has_more, 'boolean', 'has_more');
  assert.ok(body.next_cursor === null || typeof body.next_cursor === 'string', 'next_cursor');
  assert.deepEqual(Object.keys(body).sort(), ['block', 'has_more', 'next_cursor', 'object', 'results', 'type']);
  assert.ok(Array.isArray(body.results), 'results');
  for (const r of body.results) assertBlock(r, version);
}

// {object:"list", results, next_cursor, has_more, type:<type>, <type>:{}} whose results
// all match the component `component` (GET /v1/file_uploads, GET /v1/comments).
function assertObjectList(body, type, component) {
  assert.equal(body.object, 'list', 'list object');
  assert.equal(body.type, type, 'list type');
  assert.deepEqual(body[type], {}, `list ${type}`);
  assert.equal(typeof body.has_more, 'boolean', 'has_more');
  assert.ok(body.next_cursor === null || typeof body.next_cursor === 'string', 'next_cursor');
  assert.deepEqual(Object.keys(body).sort(), ['has_more', 'next_cursor', 'object', 'results', 'type', type].sort());
  assert.ok(Array.isArray(body.results), 'results');
  for (const r of body.results) assertSchema(component, r);
}

// GET /v1/users: the operation's inline 200 schema (exposed as listUsersResponse).
function assertUserList(body) {
  assertRawSchema('listUsersResponse', body);
}

module.exports = {
  SPEC_PATH,
  REWRITTEN_ALLOF,
  UUID_RE,
  assertSchema,
  assertRawSchema,
  assertErrorSchema,
  assertDatabaseV2022,
  assertUserList,
  assertResultList,
  assertBlock,
  assertBlockList,
  validateResponse,
  hasSchema,
};
