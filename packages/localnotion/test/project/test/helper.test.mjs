// The server of the Vitest global setup (localnotion/vitest-setup), reached with connect():
// an SDK client, the request log, reset, export and seed, faults, the clock, workspaces.
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
