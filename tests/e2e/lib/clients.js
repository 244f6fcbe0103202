'use strict';
// SDK clients (v5 = @notionhq/client 5.x, v2 = @notionhq/client 2.x) and a raw HTTP
// helper. Both go through checkResponse(), which validates EVERY response body the
// suite receives against the Notion schemas (lib/schema.js) and checks the envelope
// (x-notion-request-id header, JSON content type, error body status = HTTP status).

const http = require('node:http');
const assert = require('node:assert/strict');
const { Client: ClientV5, LogLevel: LogLevelV5, APIResponseError: APIResponseErrorV5 } = require('@notionhq/client');
const { Client: ClientV2, LogLevel: LogLevelV2, APIResponseError: APIResponseErrorV2 } = require('notion-v2');
const nodeFetch = require('node-fetch'); // the transport @notionhq/client 2.x uses by default
const { validateResponse, UUID_RE } = require('./schema');

// Every response checked, for the record (tests may inspect it).
const seen = [];

function headerOf(headers, name) {
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

// Validates one response. `text` is the raw body.
function checkResponse({ method, url, status, headers, text, version }) {
  const u = new URL(url);
  const where = `${method} ${u.pathname}${u.search} -> ${status}`;
  const reqId = headerOf(headers, 'x-notion-request-id');
  assert.ok(typeof reqId === 'string' && reqId.length > 0, `${where}: missing x-notion-request-id header`);
  const ctype = headerOf(headers, 'content-type') || '';
  assert.match(ctype, /^application\/json\b/i, `${where}: content-type is ${JSON.stringify(ctype)}`);
  let body;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new assert.AssertionError({ message: `${where}: body is not JSON: ${JSON.stringify(text).slice(0, 300)}` });
  }
  if (status >= 400 && !u.pathname.startsWith('/v1/oauth/')) {
    assert.equal(body.object, 'error', `${where}: error body object`);
    assert.equal(body.status, status, `${where}: error body status must equal the HTTP status`);
    assert.equal(body.request_id, reqId, `${where}: body request_id must equal the x-notion-request-id header`);
  }
  try {
    validateResponse({ method, pathname: u.pathname, status, version, body });
  } catch (e) {
    e.message = `${where}: ${e.message}`;
    throw e;
  }
  seen.push({ method, path: u.pathname, status, version, requestId: reqId });
  return body;
}

function versionOf(init) {
  const h = (init && init.headers) || {};
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === 'notion-version') return v;
  return undefined;
}

// A fetch for the SDK's `fetch` option: calls the SDK's own transport, then checks
// the response before the SDK sees it. A schema failure rejects the SDK call.
function validatingFetch(underlying) {
  return async (url, init) => {
    const res = await underlying(url, init);
    const text = await res.text();
    checkResponse({
      method: (init && init.method) || 'GET', url: String(url), status: res.status,
      headers: res.headers, text, version: versionOf(init),
    });
    return { ok: res.ok, status: res.status, headers: res.headers, text: async () => text };
  };
}

function v5(srv, opts = {}) {
  return new ClientV5({
    auth: srv.token,
    baseUrl: srv.baseUrl,
    fetch: validatingFetch(globalThis.fetch.bind(globalThis)),
    logLevel: LogLevelV5.ERROR,
    retry: false, // keep failures immediate and deterministic
    ...opts,
  });
}

function v2(srv, opts = {}) {
  return new ClientV2({
    auth: srv.token,
    baseUrl: srv.baseUrl,
    fetch: validatingFetch(nodeFetch),
    logLevel: LogLevelV2.ERROR,
    ...opts,
  });
}

// Raw HTTP (node:http, so the path and headers go out exactly as written).
// opts: {method, path, headers, body (string|object), token (default srv.token; null = none),
//        version (default '2025-09-03'; null = none)}
function raw(srv, opts) {
  const {
    method = 'GET', path, body, token = srv.token, version = '2025-09-03', headers: extra = {},
  } = opts;
  const headers = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (version !== null) headers['Notion-Version'] = version;
  let payload;
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = Buffer.byteLength(payload);
  } else if (!['GET', 'HEAD', 'DELETE'].includes(method)) {
    headers['Content-Length'] = 0; // like the SDKs: no body, no chunked encoding
  }
  for (const [k, v] of Object.entries(extra)) {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === k.toLowerCase()) delete headers[existing];
    if (v !== null && v !== undefined) headers[k] = v;
  }
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: srv.port, method, path, headers, agent: false,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          const json = checkResponse({
            method, url: `${srv.baseUrl}${path}`, status: res.statusCode, headers: res.headers, text,
            version: version === null ? undefined : version,
          });
          resolve({ status: res.statusCode, headers: res.headers, text, json });
        } catch (e) {
          reject(e);
        }
      });
      res.on('error', reject);
    });
    req.setTimeout(30000, () => req.destroy(new Error(`raw ${method} ${path}: timeout`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

// ---- error assertions --------------------------------------------------------
function isApiError(e) {
  return APIResponseErrorV5.isAPIResponseError(e) || APIResponseErrorV2.isAPIResponseError(e);
}

// Awaits an SDK call that must fail with exactly this status/code/message.
// Note: neither SDK lists `missing_version` among its APIErrorCodes, so for that
// code the SDKs throw UnknownHTTPResponseError (code notionhq_client_response_error,
// status = HTTP status, body = raw text); we then check the body only.
async function expectApiError(promise, { status, code, message }) {
  let err;
  try {
    const value = await promise;
    assert.fail(`expected ${status} ${code} but the call succeeded: ${JSON.stringify(value).slice(0, 400)}`);
  } catch (e) {
    err = e;
  }
  if (err instanceof assert.AssertionError) throw err;
  if (code === 'missing_version') {
    assert.equal(err && err.code, 'notionhq_client_response_error', `got ${err && err.name}: ${err && err.message}`);
    assert.equal(err.status, status);
  } else {
    assert.ok(isApiError(err), `expected an APIResponseError, got ${err && err.name}: ${err && err.message}`);
    assert.deepEqual(
      { status: err.status, code: err.code, message: err.message },
      { status, code, message },
    );
  }
  const body = JSON.parse(err.body);
  assert.deepEqual({ status: body.status, code: body.code, message: body.message }, { status, code, message });
  assert.match(body.request_id, UUID_RE);
  return body;
}

function expectRawError(res, { status, code, message }) {
  assert.deepEqual(
    { status: res.status, code: res.json.code, message: res.json.message },
    { status, code, message },
    `raw response was ${res.status} ${res.text}`,
  );
  assert.equal(res.json.object, 'error');
  assert.equal(res.json.status, status);
  assert.match(res.json.request_id, UUID_RE);
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.ok(res.headers['x-notion-request-id']);
}

// Notion's 404 for an object the integration cannot see or that does not exist
// (https://developers.notion.com/reference/status-codes): `kind` is page, block, database, ...
const notFound = (kind, id) => ({
  status: 404,
  code: 'object_not_found',
  message: `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
});

// A call to the admin API (`/_localnotion/<path>`) of a running server with an admin
// token; answers { status, body } with the body parsed as JSON.
async function adminCall(srv, adminToken, method, path, body) {
  const res = await fetch(`${srv.baseUrl}/_localnotion/${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

module.exports = {
  notFound,
  adminCall,
  v5, v2, raw, checkResponse, validatingFetch, expectApiError, expectRawError, seen,
  ClientV5, ClientV2,
};
