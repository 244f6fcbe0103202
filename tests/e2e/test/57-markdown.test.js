'use strict';
// Markdown content with the SDK 5.x methods themselves (pages.retrieveMarkdown,
// pages.updateMarkdown, pages.create with `markdown`) under 2025-09-03 and 2026-03-11,
// and raw HTTP for the exact errors: Notion's enhanced markdown for each block type,
// the four update commands, the blocks an update leaves alone keeping their ids,
// allow_deleting_content, and a failed update changing nothing.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, raw, expectApiError } = require('../lib/clients');
const { text, plain, createRootPage, createDatabase } = require('../lib/fixtures');

const V = (message) => ({ status: 400, code: 'validation_error', message });
const undash = (id) => id.replace(/-/g, '');

let srv; let n25; let n26;
before(async () => {
  srv = await startServer({});
  n25 = v5(srv, { notionVersion: '2025-09-03' });
  n26 = v5(srv, { notionVersion: '2026-03-11' });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const ids = async (client, id) => (await client.blocks.children.list({ block_id: id })).results.map((b) => b.id);
const types = async (client, id) => (await client.blocks.children.list({ block_id: id })).results.map((b) => b.type);

test('blocks made with the block API read back as enhanced markdown', async () => {
  const page = await createRootPage(n25, 'Blocks');
  await n25.blocks.children.append({
    block_id: page.id,
    children: [
      { heading_1: { rich_text: text('Kickoff'), color: 'blue' } },
      { paragraph: { rich_text: [{ text: { content: 'Ship by ' } }, { text: { content: 'Friday' }, annotations: { bold: true } }, { text: { content: ' (a_b * c)' } }] } },
      { to_do: { rich_text: text('Spec'), checked: true } },
      { to_do: { rich_text: text('Build') } },
      { bulleted_list_item: { rich_text: text('One'), children: [{ bulleted_list_item: { rich_text: text('Nested') } }] } },
      { numbered_list_item: { rich_text: text('First') } },
      { numbered_list_item: { rich_text: text('Second') } },
      { quote: { rich_text: text('Line 1\nLine 2') } },
      { toggle: { rich_text: text('More'), children: [{ paragraph: { rich_text: text('Hidden') } }] } },
      { callout: { rich_text: text('Note'), icon: { type: 'emoji', emoji: '🎯' }, color: 'blue_background' } },
      { code: { rich_text: text('let x = 1;\nx += 2;'), language: 'javascript' } },
      { equation: { expression: 'E = mc^2' } },
      { divider: {} },
      { image: { external: { url: 'https://example.com/a.png' }, caption: text('Pic') } },
      { bookmark: { url: 'https://example.com' } },
      { table: { table_width: 2, has_column_header: true, children: [
        { table_row: { cells: [text('A'), text('B')] } },
        { table_row: { cells: [text('1'), text('2')] } }] } },
      { paragraph: { rich_text: [] } },
    ],
  });
  const blockIds = await ids(n25, page.id);
  const md = await n26.pages.retrieveMarkdown({ page_id: page.id });
  assert.equal(md.object, 'page_markdown');
  assert.equal(md.id, page.id);
  assert.equal(md.truncated, false);
  assert.deepEqual(md.unknown_block_ids, []);
  const bookmark = `https://www.notion.so/${undash(page.id)}#${undash(blockIds[14])}`;
  assert.equal(md.markdown, [
    '# Kickoff {color="blue"}',
    '',
    'Ship by **Friday** (a_b \\* c)',
    '',
    '- [x] Spec',
    '- [ ] Build',
    '',
    '- One',
    '\t- Nested',
    '',
    '1. First',
    '2. Second',
    '',
    '> Line 1<br>Line 2',
    '',
    '<details>',
    '<summary>More</summary>',
    '\tHidden',
    '</details>',
    '',
    '<callout icon="🎯" color="blue_bg">',
    '\tNote',
    '</callout>',
    '',
    '```javascript',
    'let x = 1;',
    'x += 2;',
    '```',
    '',
    '$$',
    'E = mc^2',
    '$$',
    '',
    '---',
    '',
    '![Pic](https://example.com/a.png)',
    '',
    `<unknown url="${bookmark}" alt="bookmark"/>`,
    '',
    '<table header-row="true">',
    '\t<tr>',
    '\t\t<td>A</td>',
    '\t\t<td>B</td>',
    '\t</tr>',
    '\t<tr>',
    '\t\t<td>1</td>',
    '\t\t<td>2</td>',
    '\t</tr>',
    '</table>',
    '',
    '<empty-block/>',
  ].join('\n'));
  // The same under 2025-09-03, and for one block: that block with its content.
  assert.equal((await n25.pages.retrieveMarkdown({ page_id: page.id })).markdown, md.markdown);
  const toggle = await n26.pages.retrieveMarkdown({ page_id: blockIds[8] });
  assert.equal(toggle.markdown, '<details>\n<summary>More</summary>\n\tHidden\n</details>');
});

test('create a page from markdown: the first # heading is the title, and it reads back the same', async () => {
  const root = await createRootPage(n25, 'Markdown root');
  const markdown = '# Meeting Notes\n\nDiscussed roadmap priorities.\n\n## Action items\n\n- [ ] Draft proposal\n- [ ] Schedule follow-up';
  const page = await n26.pages.create({ parent: { page_id: root.id }, markdown });
  assert.equal(page.object, 'page');
  assert.equal(plain(page.properties.title.title), 'Meeting Notes');
  assert.deepEqual(await types(n26, page.id), ['paragraph', 'heading_2', 'to_do', 'to_do']);
  const back = await n26.pages.retrieveMarkdown({ page_id: page.id });
  assert.equal(back.markdown, 'Discussed roadmap priorities.\n\n## Action items\n\n- [ ] Draft proposal\n- [ ] Schedule follow-up');
  // With a title given, the heading stays content.
  const titled = await n25.pages.create({
    parent: { page_id: root.id }, properties: { title: { title: text('Given') } }, markdown: '# Heading\n\nBody',
  });
  assert.equal(plain(titled.properties.title.title), 'Given');
  assert.deepEqual(await types(n25, titled.id), ['heading_1', 'paragraph']);
  // In a data source, the title property has its own name.
  const db = await createDatabase(n25, 'v5', root.id, 'Notes', { Name: { title: {} } });
  const row = await n25.pages.create({ parent: { data_source_id: db.dataSourceId }, markdown: '# Row title\n\n> quoted' });
  assert.equal(plain(row.properties.Name.title), 'Row title');
  assert.deepEqual(await types(n25, row.id), ['quote']);
  // Headings 4 to 6 are heading_4 (the guide: "Headings 5 and 6 are converted to heading 4").
  const deep = await n26.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('H') } },
    markdown: '#### Four\n\n###### Six' });
  assert.deepEqual(await types(n26, deep.id), ['heading_4', 'heading_4']);
  assert.equal((await n26.pages.retrieveMarkdown({ page_id: deep.id })).markdown, '#### Four\n\n#### Six');
});

test('markdown deeper than two levels and longer than 100 blocks is created in one request', async () => {
  const root = await createRootPage(n25, 'Deep');
  const lines = ['- a', '\t- b', '\t\t- c', '\t\t\t- d'];
  for (let i = 0; i < 150; i++) lines.push(`Paragraph ${i}`);
  const page = await n26.pages.create({ parent: { page_id: root.id }, markdown: lines.join('\n') });
  const top = (await n26.blocks.children.list({ block_id: page.id, page_size: 100 }));
  assert.equal(top.has_more, true);
  const md = await n26.pages.retrieveMarkdown({ page_id: page.id });
  assert.ok(md.markdown.startsWith('- a\n\t- b\n\t\t- c\n\t\t\t- d\n\nParagraph 0\n\nParagraph 1\n'), md.markdown.slice(0, 80));
  assert.ok(md.markdown.endsWith('Paragraph 149'));
});

test('update_content edits in place; untouched blocks keep their ids', async () => {
  const root = await createRootPage(n25, 'Updates');
  const page = await n26.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('U') } },
    markdown: 'Intro\n\n- [ ] Draft proposal\n- [ ] Schedule follow-up\n\nOutro' });
  const before = await ids(n26, page.id);
  const res = await n26.pages.updateMarkdown({
    page_id: page.id,
    type: 'update_content',
    update_content: { content_updates: [
      { old_str: 'Draft proposal', new_str: 'Draft proposal (due Friday)' },
      { old_str: '- [ ] Schedule', new_str: '- [x] Schedule' },
    ] },
  });
  assert.equal(res.object, 'page_markdown');
  assert.equal(res.markdown, 'Intro\n\n- [ ] Draft proposal (due Friday)\n- [x] Schedule follow-up\n\nOutro');
  const afterIds = await ids(n26, page.id);
  assert.equal(afterIds.length, 4);
  assert.equal(afterIds[0], before[0]);
  assert.equal(afterIds[3], before[3]);
  assert.notEqual(afterIds[1], before[1]);
  const list = (await n26.blocks.children.list({ block_id: page.id })).results;
  assert.equal(list[2].to_do.checked, true);

  await expectApiError(n26.pages.updateMarkdown({ page_id: page.id, type: 'update_content',
    update_content: { content_updates: [{ old_str: 'Nowhere', new_str: 'x' }] } }),
  V('body.update_content.content_updates[0].old_str was not found in the page: "Nowhere".'));
  await expectApiError(n26.pages.updateMarkdown({ page_id: page.id, type: 'update_content',
    update_content: { content_updates: [{ old_str: 'ro', new_str: 'RO' }] } }),
  V('body.update_content.content_updates[0].old_str matches 3 places in the page; set replace_all_matches to true to replace every one: "ro".'));
  const all = await n26.pages.updateMarkdown({ page_id: page.id, type: 'update_content',
    update_content: { content_updates: [{ old_str: 'ro', new_str: 'RO', replace_all_matches: true }] } });
  assert.equal(all.markdown, 'IntRO\n\n- [ ] Draft pROposal (due Friday)\n- [x] Schedule follow-up\n\nOutRO');
});

test('insert_content, replace_content_range and replace_content', async () => {
  const root = await createRootPage(n25, 'Commands');
  const page = await n25.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('C') } },
    markdown: '# Meeting Notes\n\nAction items\n\nClosing' });
  let r = await n25.pages.updateMarkdown({ page_id: page.id, type: 'insert_content',
    insert_content: { content: '## New Section\n\nInserted content here.', after: '# Meeting Notes...Action items' } });
  assert.equal(r.markdown, '# Meeting Notes\n\nAction items\n\n## New Section\n\nInserted content here.\n\nClosing');
  r = await n25.pages.updateMarkdown({ page_id: page.id, type: 'insert_content', insert_content: { content: 'Appendix' } });
  assert.ok(r.markdown.endsWith('Closing\n\nAppendix'));
  r = await n25.pages.updateMarkdown({ page_id: page.id, type: 'insert_content',
    insert_content: { content: 'First', position: { type: 'start' } } });
  assert.ok(r.markdown.startsWith('First\n\n# Meeting Notes'));
  r = await n25.pages.updateMarkdown({ page_id: page.id, type: 'replace_content_range',
    replace_content_range: { content: '## Updated', content_range: '## New Section...here.' } });
  assert.equal(r.markdown, 'First\n\n# Meeting Notes\n\nAction items\n\n## Updated\n\nClosing\n\nAppendix');
  await expectApiError(n25.pages.updateMarkdown({ page_id: page.id, type: 'replace_content_range',
    replace_content_range: { content: 'x', content_range: 'Absent...text' } }),
  V('body.replace_content_range.content_range does not match any content in the page: "Absent...text".'));
  r = await n25.pages.updateMarkdown({ page_id: page.id, type: 'replace_content',
    replace_content: { new_str: '# Fresh Start\n\nThis replaces all previous content.' } });
  assert.equal(r.markdown, '# Fresh Start\n\nThis replaces all previous content.');
  assert.deepEqual(await types(n25, page.id), ['heading_1', 'paragraph']);
});

test('child pages are not deleted without allow_deleting_content', async () => {
  const root = await createRootPage(n25, 'Parent');
  await n25.blocks.children.append({ block_id: root.id, children: [{ paragraph: { rich_text: text('Before') } }] });
  const child = await n25.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('Kid') } } });
  const md = (await n26.pages.retrieveMarkdown({ page_id: root.id })).markdown;
  assert.equal(md, `Before\n\n<page url="https://www.notion.so/Kid-${undash(child.id)}">Kid</page>`);
  // Editing around the page keeps it.
  let r = await n26.pages.updateMarkdown({ page_id: root.id, type: 'replace_content',
    replace_content: { new_str: md.replace('Before', 'After') } });
  assert.equal(r.markdown, md.replace('Before', 'After'));
  assert.equal((await n26.pages.retrieve({ page_id: child.id })).in_trash, false);
  await expectApiError(n26.pages.updateMarkdown({ page_id: root.id, type: 'replace_content',
    replace_content: { new_str: 'Nothing left' } }),
  V(`This update would delete page "Kid" (${child.id}). Set allow_deleting_content to true to delete them.`));
  assert.equal((await n26.pages.retrieveMarkdown({ page_id: root.id })).markdown, md.replace('Before', 'After'));
  r = await n26.pages.updateMarkdown({ page_id: root.id, type: 'replace_content',
    replace_content: { new_str: 'Nothing left', allow_deleting_content: true } });
  assert.equal(r.markdown, 'Nothing left');
  assert.equal((await n26.pages.retrieve({ page_id: child.id })).in_trash, true);
});

test('errors: wrong targets, bad bodies, markdown with children, and a failed update changes nothing', async () => {
  const root = await createRootPage(n25, 'Errors');
  const page = await n25.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('E') } },
    markdown: 'Keep me' });
  const missing = '0d7ef2a4-6b3c-4d2e-9f1a-1c2b3d4e5f60';
  await expectApiError(n26.pages.retrieveMarkdown({ page_id: missing }), {
    status: 404, code: 'object_not_found',
    message: `Could not find page with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  const db = await createDatabase(n25, 'v5', root.id, 'DB', { Name: { title: {} } });
  await expectApiError(n26.pages.updateMarkdown({ page_id: db.databaseId, type: 'replace_content', replace_content: { new_str: 'x' } }),
    V(`${db.databaseId} is a database, not a page. Only a page's content can be updated as markdown.`));
  const [blockId] = await ids(n25, page.id);
  await expectApiError(n26.pages.updateMarkdown({ page_id: blockId, type: 'replace_content', replace_content: { new_str: 'x' } }),
    V(`${blockId} is a paragraph block, not a page. Only a page's content can be updated as markdown.`));

  let res = await raw(srv, { method: 'PATCH', path: `/v1/pages/${page.id}/markdown`, version: '2026-03-11', body: { type: 'replace_content' } });
  assert.equal(res.status, 400);
  assert.equal(res.json.message, 'body failed validation: body.replace_content should be defined, instead was `undefined`.');
  res = await raw(srv, { method: 'PATCH', path: `/v1/pages/${page.id}/markdown`, version: '2026-03-11',
    body: { type: 'insert_content', insert_content: { content: 'x', after: 'Keep', position: { type: 'end' } } } });
  assert.equal(res.status, 400);
  assert.equal(res.json.message, 'body failed validation: body.insert_content.position should be not present, instead was `{"type":"end"}`.');
  await expectApiError(n26.pages.create({ parent: { page_id: root.id }, markdown: 'x', children: [] }),
    V('body failed validation: body.children should be not present, instead was `[]`.'));

  // A synced block reference to a block that does not exist fails the whole update,
  // after the old content was already moved to the trash: nothing of it stays.
  await expectApiError(n26.pages.updateMarkdown({ page_id: page.id, type: 'replace_content',
    replace_content: { new_str: `New text\n\n<synced_block_reference url="https://www.notion.so/x#${undash(missing)}">\n</synced_block_reference>` } }), {
    status: 404, code: 'object_not_found',
    message: `Could not find block with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  assert.equal((await n26.pages.retrieveMarkdown({ page_id: page.id })).markdown, 'Keep me');
});

test('tables of unclosed rows, and a table too big to pad to its widest row', async () => {
  const root = await createRootPage(n25, 'Tables');
  // 4,000 rows without </tr> or </td>: each <tr starts a row, as in HTML. Reading this took
  // minutes before (every row searched to the end for its closing tag).
  const rows = [];
  for (let i = 0; i < 4000; i++) rows.push(`<tr><td>r${i}`);
  const page = await n26.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('Rows') } },
    markdown: `<table>\n${rows.join('\n')}\n</table>` });
  const [table] = (await n26.blocks.children.list({ block_id: page.id })).results;
  assert.equal(table.type, 'table');
  assert.equal(table.table.table_width, 1);
  const first = await n26.blocks.children.list({ block_id: table.id, page_size: 2 });
  assert.deepEqual(first.results.map((r) => r.table_row.cells.map(plain)), [['r0'], ['r1']]);
  assert.equal(first.has_more, true);
  // 1,001 cells in the first row and 1,000 rows of one: padding would make 1,002,001 cells,
  // so the rows stay as they are (api/markdown/parse.cc), and the request is refused for
  // the first row's 1,001 cells (a row holds at most 100), creating nothing.
  const before = (await n26.blocks.children.list({ block_id: root.id })).results.length;
  const wide = `<tr>${'<td>x</td>'.repeat(1001)}</tr>\n${'<tr><td>y</td></tr>\n'.repeat(1000)}`;
  await expectApiError(n26.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('Wide') } },
    markdown: `<table>\n${wide}</table>` }), V('body failed validation: body.markdown[0].table.children[0].table_row.cells.length should be ≤ `100`, instead was `1001`.'));
  assert.equal((await n26.blocks.children.list({ block_id: root.id })).results.length, before);
});

test('over 20,000 blocks: the rest is <unknown/>, listed, and readable by id', async () => {
  const root = await createRootPage(n25, 'Big');
  const lines = [];
  for (let i = 0; i < 20000; i++) lines.push(`Line ${i}`);
  const started = Date.now();
  const page = await n26.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('Big') } },
    markdown: lines.join('\n') });
  const extra = (await n26.blocks.children.append({ block_id: page.id, children: [
    { paragraph: { rich_text: text('past the limit') } }, { divider: {} }] })).results.map((b) => b.id);
  const md = await n26.pages.retrieveMarkdown({ page_id: page.id });
  assert.equal(md.truncated, true);
  assert.deepEqual(md.unknown_block_ids, extra);
  const tail = md.markdown.split('\n\n').slice(-3);
  assert.deepEqual(tail, ['Line 19999',
    `<unknown url="https://www.notion.so/${undash(page.id)}#${undash(extra[0])}" alt="paragraph"/>`,
    `<unknown url="https://www.notion.so/${undash(page.id)}#${undash(extra[1])}" alt="divider"/>`]);
  // An unknown block read by its id is that block.
  const one = await n26.pages.retrieveMarkdown({ page_id: extra[0] });
  assert.equal(one.markdown, 'past the limit');
  assert.equal(one.truncated, false);
  // One markdown request makes at most 20,000 blocks.
  await expectApiError(n26.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('Too big') } },
    markdown: `${lines.join('\n')}\nOne more` }),
  V('body failed validation: the number of blocks in body.markdown, nested ones included, should be ≤ `20000`, instead was `20001`.'));
  assert.ok(Date.now() - started < 60000);
});
