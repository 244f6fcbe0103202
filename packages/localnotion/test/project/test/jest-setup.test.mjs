// The Jest global setup and teardown called as Jest calls them (in one process, one after
// the other), to check what they leave behind; jest/server.test.cjs runs them under Jest.
import { expect, test } from 'vitest';
import { Client } from '@notionhq/client';
import globalSetup from 'localnotion/jest-setup';
import globalTeardown from 'localnotion/jest-teardown';

test('localnotion/jest-setup starts a server and exports it; jest-teardown stops it', async () => {
  const before = process.env.NOTION_BASE_URL;
  await globalSetup();
  const server = globalThis.__LOCALNOTION_SERVER__;
  try {
    expect(process.env.NOTION_BASE_URL).not.toBe(before);
    expect(process.env.NOTION_BASE_URL).toBe(server.baseUrl);
    expect(process.env.LOCALNOTION_ADMIN_TOKEN).toBe(server.adminToken);
    const notion = new Client({ auth: process.env.NOTION_API_KEY, baseUrl: process.env.NOTION_BASE_URL });
    const page = await notion.pages.create({
      parent: { type: 'workspace', workspace: true },
      properties: { title: { title: [{ text: { content: 'From the Jest setup' } }] } },
    });
    expect(page.object).toBe('page');
  } finally {
    await globalTeardown();
  }
  expect(globalThis.__LOCALNOTION_SERVER__).toBeUndefined();
  await expect(fetch(`${server.baseUrl}/_localnotion/ready`)).rejects.toThrow();
});
