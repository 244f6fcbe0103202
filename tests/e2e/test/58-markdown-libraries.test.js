'use strict';
// Two markdown libraries from npm, unmodified, against the server: @tryfabric/martian
// turns markdown into block requests that the SDK appends, and notion-to-md reads the
// page back through the SDK (children lists, synced blocks through their original).
// The page's own markdown (GET /v1/pages/{id}/markdown) is checked beside it, and a page
// created from that markdown reads back as the same markdown.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { NotionToMarkdown } = require('notion-to-md');
const { markdownToBlocks } = require('@tryfabric/martian');
const { startServer } = require('../lib/server');
const { v5 } = require('../lib/clients');
const { text, createRootPage } = require('../lib/fixtures');

let srv; let n25;
before(async () => {
  srv = await startServer({});
  n25 = v5(srv, { notionVersion: '2025-09-03' });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const SOURCE = [
  '# Title', '', 'Some **bold** and *italic* and `code` and [link](https://example.com).', '',
  '- one', '- two', '  - nested', '', '1. first', '2. second', '', '- [ ] todo', '- [x] done', '',
  '```js', 'const x = 1;', '```', '', '| A | B |', '|---|---|', '| 1 | 2 |', '', '$$', 'E=mc^2', '$$', '',
  '![img](https://example.com/a.png)', '',
].join('\n');

test('martian in, notion-to-md and the markdown endpoint out, synced blocks included', async () => {
  const page = await createRootPage(n25, 'Libraries');
  await n25.blocks.children.append({ block_id: page.id, children: markdownToBlocks(SOURCE) });
  const [original] = (await n25.blocks.children.append({ block_id: page.id, children: [
    { synced_block: { synced_from: null, children: [{ paragraph: { rich_text: text('synced text') } }] } }] })).results;
  await n25.blocks.children.append({ block_id: page.id, children: [
    { synced_block: { synced_from: { block_id: original.id } } },
    { toggle: { rich_text: text('Toggle'), children: [{ paragraph: { rich_text: text('inside') } }] } },
    { callout: { rich_text: text('Heads up'), icon: { type: 'emoji', emoji: '💡' } } },
  ] });

  const n2m = new NotionToMarkdown({ notionClient: n25 });
  const out = n2m.toMarkdownString(await n2m.pageToMarkdown(page.id));
  assert.equal(out.parent, [
    '', '# Title', '', '', 'Some **bold** and _italic_ and `code` and [link](https://example.com).', '',
    '- one', '- two', '    - nested', '1. first', '2. second', '- [ ] todo', '- [x] done', '',
    '```javascript', 'const x = 1;', '```', '', '', '| A | B |', '| - | - |', '| 1 | 2 |', '', '',
    '$$', 'E=mc^2', '$$', '', '', '![a.png](https://example.com/a.png)', '', '',
    'synced text', '', '', 'synced text', '',
    '<details>', '<summary>Toggle</summary>', '', 'inside', '', '', '</details>', '', '',
    '> 💡 Heads up', '', '',
  ].join('\n'));

  const syncedUrl = `https://www.notion.so/${page.id.replace(/-/g, '')}#${original.id.replace(/-/g, '')}`;
  const md = (await n25.pages.retrieveMarkdown({ page_id: page.id })).markdown;
  const body = [
    '# Title', '', 'Some **bold** and *italic* and `code` and [link](https://example.com).', '',
    '- one', '- two', '\t- nested', '', '1. first', '2. second', '', '- [ ] todo', '- [x] done', '',
    '```javascript', 'const x = 1;', '```', '',
    '<table header-row="true">', '\t<tr>', '\t\t<td>A</td>', '\t\t<td>B</td>', '\t</tr>',
    '\t<tr>', '\t\t<td>1</td>', '\t\t<td>2</td>', '\t</tr>', '</table>', '',
    '$$', 'E=mc^2', '$$', '', '![](https://example.com/a.png)',
  ].join('\n');
  assert.equal(md, [
    body, '',
    `<synced_block url="${syncedUrl}">`, '\tsynced text', '</synced_block>', '',
    `<synced_block_reference url="${syncedUrl}">`, '\tsynced text', '</synced_block_reference>', '',
    '<details>', '<summary>Toggle</summary>', '\tinside', '</details>', '',
    '<callout icon="💡">', '\tHeads up', '</callout>',
  ].join('\n'));

  // The server's markdown makes the same page again (the title given, so the heading stays).
  const copy = await n25.pages.create({
    parent: { page_id: page.id }, properties: { title: { title: text('Copy') } }, markdown: body,
  });
  assert.equal((await n25.pages.retrieveMarkdown({ page_id: copy.id })).markdown, body);
});
