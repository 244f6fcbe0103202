// The server of the Vitest global setup (localnotion/vitest-setup), reached with connect():
// an SDK client, the request log, reset, export and seed, faults, the clock, the rate
// limit, workspaces.
import { afterEach, describe, expect, inject, test } from 'vitest';
import { APIResponseError, LogLevel } from '@notionhq/client';
import { connect } from 'localnotion';

const ln = connect();
// The SDK would log each expected failure as a warning.
const notion = ln.client({ logLevel: LogLevel.ERROR });

const titled = (text) => ({ title: { title: [{ text: { content: text } }] } });
const createPage = (client, text) =>
  client.pages.create({ parent: { type: 'workspace', workspace: true }, properties: titled(text) });
const errorOf = (promise) => promise.then(() => { throw new Error('expected the call to fail'); }, (err) => err);

afterEach(async () => {
  await ln.clearFaults();
  await ln.reset();
});

describe('localnotion/vitest-setup', () => {
  test('exports the server through the environment and provide/inject', () => {
    const provided = inject('localnotion');
    expect(process.env.NOTION_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(provided).toEqual({
      baseUrl: process.env.LOCALNOTION_BASE_URL,
      token: process.env.NOTION_API_KEY,
      adminToken: process.env.LOCALNOTION_ADMIN_TOKEN,
    });
    expect(ln.baseUrl).toBe(provided.baseUrl);
    expect(ln.token).toMatch(/^ntn_/);
  });
});

describe('the helper against the server', () => {
  test('client() creates a page through the SDK, and requests() logs it', async () => {
    await ln.clearRequests();
    const page = await createPage(notion, 'Shopping');
    const read = await notion.pages.retrieve({ page_id: page.id });
    expect(read.properties.title.title[0].plain_text).toBe('Shopping');
    const log = await ln.requests({ path: '/v1/pages*' });
    expect(log.map((r) => [r.method, r.status])).toEqual([['POST', 200], ['GET', 200]]);
  });

  test('reset() empties the workspace', async () => {
    const page = await createPage(notion, 'Gone after reset');
    await ln.reset();
    const err = await errorOf(notion.pages.retrieve({ page_id: page.id }));
    expect(err).toBeInstanceOf(APIResponseError);
    expect(err.status).toBe(404);
    expect(err.code).toBe('object_not_found');
  });

  test('export() and seed() bring the workspace back', async () => {
    const page = await createPage(notion, 'Kept in a fixture');
    const fixture = await ln.export();
    expect(fixture.format).toBe('localnotion-fixture/1');
    await ln.reset();
    const seeded = await ln.seed(fixture);
    expect(seeded.status).toBe('seeded');
    const read = await notion.pages.retrieve({ page_id: page.id });
    expect(read.properties.title.title[0].plain_text).toBe('Kept in a fixture');
  });

  test('fault() makes the next matching request fail as Notion would', async () => {
    const fault = await ln.fault({ method: 'GET', path: '/v1/users/me', status: 503, code: 'service_unavailable', count: 1 });
    expect(typeof fault.id).toBe('string');
    expect((await ln.faults()).map((f) => f.id)).toEqual([fault.id]);
    const client = ln.client({ retry: false, logLevel: LogLevel.ERROR });
    const err = await errorOf(client.users.me({}));
    expect(err.status).toBe(503);
    expect(err.code).toBe('service_unavailable');
    const me = await client.users.me({});
    expect(me.type).toBe('bot');
    const log = await ln.requests({ path: '/v1/users/me' });
    expect(log.map((r) => r.status)).toEqual([503, 200]);
  });

  test('an admin call the server refuses throws with its status and body', async () => {
    const err = await errorOf(ln.seed({ format: 'not-a-fixture' }));
    expect(err.status).toBe(400);
    expect(err.body.code).toBe('validation_error');
  });

  test('clock() reads the server clock', async () => {
    const clock = await ln.clock();
    expect(clock.object).toBe('clock');
    expect(clock.deterministic).toBe(false);
    expect(Number.isNaN(Date.parse(clock.now))).toBe(false);
  });

  test('rateLimit() reads and sets the rate limit of /v1, and the SDK meets it', async () => {
    expect(await ln.rateLimit()).toEqual({ object: 'rate_limit', limit: 'off' });
    const client = ln.client({ retry: false, logLevel: LogLevel.ERROR });
    try {
      expect(await ln.rateLimit('2/min')).toEqual({ object: 'rate_limit', limit: '2/min' });
      expect(await ln.rateLimit()).toEqual({ object: 'rate_limit', limit: '2/min' });
      await client.users.me({});
      await client.users.me({});
      const err = await errorOf(client.users.me({}));
      expect(err).toBeInstanceOf(APIResponseError);
      expect([err.status, err.code, err.message]).toEqual(
        [429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.']);
      const wait = Number(err.headers.get('retry-after'));
      expect(wait >= 1 && wait <= 60).toBe(true);
      expect(err.additional_data).toEqual({ rate_limit_reason: 'public_api_request_rate_limit', retry_after: String(wait) });
      // The admin API is never limited.
      expect(await ln.health()).toEqual({ status: 'ok' });
      // A number is requests per minute; a new limit starts every budget afresh.
      expect(await ln.rateLimit(600)).toEqual({ object: 'rate_limit', limit: '600/min' });
      expect((await client.users.me({})).type).toBe('bot');
      expect((await ln.rateLimit('notion')).limit).toBe('notion');
      expect((await ln.rateLimit('5/s')).limit).toBe('5/s');
      // A workspace reads the server's limit; only the server sets it.
      const ws = await ln.workspace('rate limit reader');
      try {
        expect(await ws.rateLimit()).toEqual({ object: 'rate_limit', limit: '5/s' });
        await expect(ws.rateLimit('off')).rejects.toThrow(
          "localnotion: the rate limit is the server's, for all its workspaces: set it with server.rateLimit(limit)");
      } finally {
        await ws.delete();
      }
      // A spelling the server does not take is its 400, and changes nothing.
      const bad = await errorOf(ln.rateLimit('10/h'));
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('validation_error');
      expect(bad.body.message).toBe('body failed validation: body.limit should be `"off"`, `"notion"`, requests per ' +
        'minute (`"180"`, `"600"`, `"N/min"`) or per second (`"N/s"`), instead was `"10/h"`.');
      await expect(ln.rateLimit(0)).rejects.toThrow('localnotion: rateLimit(0): a number is requests per minute, a positive integer');
      expect((await ln.rateLimit()).limit).toBe('5/s');
    } finally {
      expect(await ln.rateLimit('off')).toEqual({ object: 'rate_limit', limit: 'off' });
    }
    expect((await client.users.me({})).type).toBe('bot');
  });

  test('workspace() makes an isolated workspace with its own client and controls', async () => {
    const ws = await ln.workspace('vitest worker');
    try {
      const client = ws.client({ logLevel: LogLevel.ERROR });
      const page = await createPage(client, 'Only in the worker workspace');
      expect((await client.pages.retrieve({ page_id: page.id })).id).toBe(page.id);
      const err = await errorOf(notion.pages.retrieve({ page_id: page.id }));
      expect(err.status).toBe(404);
      expect((await ws.requests()).map((r) => r.method)).toEqual(['POST', 'GET']);
      await ws.reset();
      expect((await errorOf(client.pages.retrieve({ page_id: page.id }))).status).toBe(404);
    } finally {
      await ws.delete();
    }
    expect((await errorOf(ws.client({ logLevel: LogLevel.ERROR }).users.me({}))).status).toBe(401);
  });
});
