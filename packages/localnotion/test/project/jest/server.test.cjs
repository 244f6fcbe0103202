// Run by Jest itself (jest.config.cjs): the test files see the server that
// localnotion/jest-setup started, through the environment it exported, and drive it with
// the official SDK exactly as they would drive Notion.
const { Client } = require('@notionhq/client');
const { connect } = require('localnotion');

test('the Jest global setup exported a running server to the test files', async () => {
  expect(process.env.NOTION_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const notion = new Client({ auth: process.env.NOTION_API_KEY, baseUrl: process.env.NOTION_BASE_URL });
  const page = await notion.pages.create({
    parent: { type: 'workspace', workspace: true },
    properties: { title: { title: [{ text: { content: 'Made under Jest' } }] } },
  });
  expect(page.object).toBe('page');
  const found = await notion.search({ query: 'Made under Jest' });
  expect(found.results.map((r) => r.id)).toEqual([page.id]);
  // The admin side too: connect() with no arguments reads the same environment.
  const server = connect();
  const logged = await server.requests();
  expect(logged.map((e) => e.path)).toContain('/v1/pages');
});
