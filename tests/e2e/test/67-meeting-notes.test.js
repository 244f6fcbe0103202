'use strict';
// AI meeting notes and async tasks with the SDK 5.x methods themselves
// (blocks.meetingNotes.create / .query, asyncTasks.retrieve, pages.create and
// pages.updateMarkdown with allow_async) under Notion-Version 2026-03-11 and 2025-09-03,
// raw HTTP for the exact errors, every body checked against Notion's OpenAPI or the
// SDK's types (lib/schema.js):
//   - a note made from a file upload lands at the end of its page, from an audio block
//     right after that block; it is `meeting_notes` under 2026-03-11 and `transcription`
//     before, finished (`notes_ready`) with its Summary, Notes and Transcript tabs;
//   - the query's nested filter, sort and limit, and the integration's sharing;
//   - an allow_async write answers the task that did the work, and the task polls back.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, raw, expectApiError, expectRawError, adminCall, notFound } = require('../lib/clients');
const { text, createRootPage } = require('../lib/fixtures');

const ADMIN = 'admin_secret_for_67';
const V = (message) => ({ status: 400, code: 'validation_error', message });
const MISSING = '0b7cf1e5-8a43-4f1e-9f5c-1d2e3f4a5b6c';

let srv; let n25; let n26;
before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  n25 = v5(srv, { notionVersion: '2025-09-03' });
  n26 = v5(srv, { notionVersion: '2026-03-11' });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const admin = (method, path, body) => adminCall(srv, ADMIN, method, path, body);

async function upload(client, filename, type) {
  const created = await client.fileUploads.create({ filename, content_type: type });
  const sent = await client.fileUploads.send({
    file_upload_id: created.id, file: { filename, data: new Blob([Buffer.from('RIFF....WAVE')], { type }) },
  });
  assert.equal(sent.status, 'uploaded');
  return sent.id;
}

// Another integration with `capabilities`, sharing `shares` (object ids); its client.
async function integration(name, capabilities, shares, notionVersion = '2026-03-11') {
  const created = await admin('POST', 'integrations', { name, capabilities });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  for (const id of shares) {
    const shared = await admin('POST', `integrations/${created.body.id}/shares`, { object_id: id });
    assert.equal(shared.status, 200, JSON.stringify(shared.body));
  }
  const as = { token: created.body.token, baseUrl: srv.baseUrl, port: srv.port };
  return { client: v5(as, { notionVersion }), as };
}

const titleOf = (block) => block[block.type].title.map((t) => t.plain_text).join('');

test('a note made from a file upload: its block, its tabs, both shapes', async () => {
  const page = await createRootPage(n26, 'Standups');
  await n26.blocks.children.append({ block_id: page.id, children: [{ paragraph: { rich_text: text('Agenda') } }] });
  const recording = await upload(n26, 'standup.m4a', 'audio/mp4');
  const note = await n26.blocks.meetingNotes.create({
    title: 'Monday standup', language: 'en',
    source: { type: 'file_upload', file_upload_id: recording },
    parent: { type: 'page_id', page_id: page.id },
  });
  assert.equal(note.object, 'block');
  assert.equal(note.type, 'meeting_notes');
  assert.deepEqual(note.parent, { type: 'page_id', page_id: page.id });
  assert.equal(note.has_children, true);
  assert.equal(note.in_trash, false);
  assert.equal(note.meeting_notes.status, 'notes_ready');
  assert.equal(titleOf(note), 'Monday standup');
  assert.deepEqual(Object.keys(note.meeting_notes.children), ['summary_block_id', 'notes_block_id', 'transcript_block_id']);

  // The note is the page's last block; its tabs are its children, in order.
  const children = await n26.blocks.children.list({ block_id: page.id });
  assert.deepEqual(children.results.map((b) => b.type), ['paragraph', 'meeting_notes']);
  const tabs = await n26.blocks.children.list({ block_id: note.id });
  assert.deepEqual(tabs.results.map((b) => b.id), Object.values(note.meeting_notes.children));
  assert.deepEqual(tabs.results.map((b) => b.toggle.rich_text[0].plain_text), ['Summary', 'Notes', 'Transcript']);

  // Before 2026-03-11 the same block is `transcription`.
  const old = await n25.blocks.retrieve({ block_id: note.id });
  assert.equal(old.type, 'transcription');
  assert.deepEqual(old.transcription, note.meeting_notes);
  assert.equal(old.archived, false);
  const again = await n26.blocks.retrieve({ block_id: note.id });
  assert.deepEqual(again.meeting_notes, note.meeting_notes);

  // The upload is attached: it cannot make a second note.
  const used = await n26.fileUploads.retrieve({ file_upload_id: recording });
  assert.equal(used.status, 'uploaded');
});

test('a note made from an audio block goes right after it; kickoff_summary false makes no summary', async () => {
  const page = await createRootPage(n25, 'Recorded');
  const audioUpload = await upload(n25, 'retro.mp3', 'audio/mpeg');
  const appended = await n25.blocks.children.append({
    block_id: page.id,
    children: [
      { audio: { type: 'file_upload', file_upload: { id: audioUpload } } },
      { paragraph: { rich_text: text('After') } },
    ],
  });
  const audio = appended.results[0];
  const note = await n25.blocks.meetingNotes.create({ source: { type: 'block', block_id: audio.id }, options: { kickoff_summary: false } });
  assert.equal(note.type, 'transcription');
  assert.equal(titleOf(note), 'retro.mp3'); // no title: the recording's name
  assert.deepEqual(Object.keys(note.transcription.children), ['notes_block_id', 'transcript_block_id']);
  const children = await n25.blocks.children.list({ block_id: page.id });
  assert.deepEqual(children.results.map((b) => b.type), ['audio', 'transcription', 'paragraph']);
});

test('create: exact errors, and a refused note changes nothing', async () => {
  const page = await createRootPage(n26, 'Errors');
  const audio = await upload(n26, 'a.wav', 'audio/wav');
  const txt = await upload(n26, 'notes.txt', 'text/plain');
  const webm = await upload(n26, 'voice', 'audio/webm');
  const post = (body, version = '2026-03-11') => raw(srv, { method: 'POST', path: '/v1/blocks/meeting_notes', version, body });
  expectRawError(await post({}), V('body failed validation: body.source should be defined, instead was `undefined`.'));
  expectRawError(await post({ source: { type: 'file_upload', file_upload_id: audio } }),
    V('body failed validation: body.parent should be defined, instead was `undefined`.'));
  expectRawError(await post({ source: { type: 'block', block_id: page.id }, parent: { page_id: page.id } }),
    V(`body failed validation: body.parent should be not present, instead was \`{"page_id":"${page.id}"}\`.`));
  expectRawError(await post({ source: { type: 'url', url: 'https://example.com/a.mp3' } }),
    V('body failed validation: body.source.type should be `"file_upload"` or `"block"`, instead was `"url"`.'));
  expectRawError(await post({ source: { file_upload_id: audio }, parent: { page_id: page.id }, language: 'klingon' }, '2025-09-03'),
    V('body failed validation: body.language should be `"auto"`, `"en"`, `"zh-CN"`, `"zh-TW"`, `"es"`, `"fr"`, `"de"`, `"ja"`, `"ko"`, `"pt"`, `"ru"`, `"th"`, `"vi"`, `"id"`, `"da"`, `"fi"`, `"no"`, `"nl"`, `"it"`, `"sv"`, `"ar"`, `"he"`, or `"pl"`, instead was `"klingon"`.'));
  expectRawError(await post({ source: { file_upload_id: MISSING }, parent: { page_id: page.id } }),
    V(`Could not find file upload with ID: ${MISSING}.`));
  expectRawError(await post({ source: { file_upload_id: txt }, parent: { page_id: page.id } }),
    V(`File upload ${txt} has content type \`text/plain\`. Meeting notes can be made from audio or video only (WebM audio is not supported).`));
  expectRawError(await post({ source: { file_upload_id: webm }, parent: { page_id: page.id } }),
    V(`File upload ${webm} has content type \`audio/webm\`. Meeting notes can be made from audio or video only (WebM audio is not supported).`));
  expectRawError(await post({ source: { file_upload_id: audio }, parent: { page_id: MISSING } }), notFound('page', MISSING));
  const para = (await n26.blocks.children.append({ block_id: page.id, children: [{ paragraph: { rich_text: text('p') } }] })).results[0];
  await expectApiError(n26.blocks.meetingNotes.create({ source: { type: 'block', block_id: para.id } }),
    V(`Block ${para.id} is a paragraph block. Meeting notes can be made from an audio, video or file block only.`));
  const external = (await n26.blocks.children.append({
    block_id: page.id, children: [{ audio: { external: { url: 'https://example.com/talk.mp3' } } }],
  })).results[0];
  await expectApiError(n26.blocks.meetingNotes.create({ source: { type: 'block', block_id: external.id } }),
    V(`Block ${external.id} holds an external file. Meeting notes can be made from a block backed by a file upload only.`));
  // Nothing of the refused notes is left: the page holds what was appended, the uploads
  // that were refused are not attached (the audio is still free to use).
  const children = await n26.blocks.children.list({ block_id: page.id });
  assert.deepEqual(children.results.map((b) => b.type), ['paragraph', 'audio']);
  const ok = await n26.blocks.meetingNotes.create({ source: { type: 'file_upload', file_upload_id: audio }, parent: { type: 'page_id', page_id: page.id } });
  assert.equal(ok.type, 'meeting_notes');
  // A trashed parent refuses, as every edit under the trash does.
  const trashed = await createRootPage(n26, 'Bin');
  await n26.pages.update({ page_id: trashed.id, in_trash: true });
  const another = await upload(n26, 'b.wav', 'audio/wav');
  await expectApiError(n26.blocks.meetingNotes.create({ source: { type: 'file_upload', file_upload_id: another }, parent: { type: 'page_id', page_id: trashed.id } }),
    V("Can't edit block that is archived. You must unarchive the block before editing."));
});

test('query: nested filter, sort, limit, sharing and capabilities', async () => {
  const shared = await createRootPage(n26, 'Team meetings');
  const privatePage = await createRootPage(n26, 'Private meetings');
  const make = async (title, parent) => n26.blocks.meetingNotes.create({
    title, source: { type: 'file_upload', file_upload_id: await upload(n26, `${title}.m4a`, 'audio/mp4') },
    parent: { type: 'page_id', page_id: parent.id },
  });
  const weekly = await make('Weekly sync', shared);
  const retro = await make('Sprint retro', shared);
  const secret = await make('Weekly secret', privatePage);

  const filter = {
    operator: 'and',
    filters: [
      { property: 'title', filter: { operator: 'string_contains', value: { type: 'exact', value: 'weekly' } } },
      {
        operator: 'or',
        filters: [
          { property: 'created_time', filter: { operator: 'date_is', value: { type: 'relative', value: 'today' } } },
          { property: 'attendees', filter: { operator: 'is_not_empty' } },
        ],
      },
    ],
  };
  const found = await n26.blocks.meetingNotes.query({ filter, sort: [{ property: 'title', direction: 'ascending' }] });
  assert.deepEqual(found.results.map((b) => b.id), [secret.id, weekly.id]); // "secret" < "sync"
  assert.equal(found.has_more, false);
  assert.ok(found.results.every((b) => b.type === 'meeting_notes'));
  const limited = await n25.blocks.meetingNotes.query({
    filter: { operator: 'or', filters: [{ property: 'created_by', filter: { operator: 'is_not_empty' } }] },
    sort: [{ property: 'title', direction: 'descending' }], limit: 2,
  });
  assert.equal(limited.has_more, true);
  assert.deepEqual(limited.results.map(titleOf), ['Weekly sync', 'Weekly secret']);
  assert.equal(limited.results[0].type, 'transcription');
  // Trashed notes are not found.
  await n26.blocks.delete({ block_id: retro.id });
  const all = await n26.blocks.meetingNotes.query({});
  assert.ok(!all.results.some((b) => b.id === retro.id));

  // Another integration sees the notes of what is shared with it only.
  const { client: outsider } = await integration('Meeting reader', 'all', [shared.id]);
  const seen = await outsider.blocks.meetingNotes.query({});
  assert.deepEqual(seen.results.map((b) => b.id), [weekly.id]);
  // Without read content the query is refused; create answers the partial block.
  const { client: writer } = await integration('Meeting writer', 'insert', [shared.id]);
  await expectApiError(writer.blocks.meetingNotes.query({}),
    { status: 403, code: 'restricted_resource', message: 'Insufficient permissions for this endpoint.' });
  const partial = await writer.blocks.meetingNotes.create({
    source: { type: 'file_upload', file_upload_id: await upload(writer, 'w.m4a', 'audio/mp4') },
    parent: { type: 'page_id', page_id: shared.id },
  });
  assert.deepEqual(Object.keys(partial), ['object', 'id']);

  // Exact errors of the query body.
  const q = (body) => raw(srv, { method: 'POST', path: '/v1/blocks/meeting_notes/query', version: '2026-03-11', body });
  expectRawError(await q({ limit: 51 }), V('body failed validation: body.limit should be ≤ `50` or `undefined`, instead was `51`.'));
  expectRawError(await q({ start_cursor: 'x' }), V('body failed validation: body.start_cursor should be not present, instead was `"x"`.'));
  expectRawError(await q({ filter: { operator: 'and', filters: [{ property: 'title', filter: { operator: 'date_is' } }] } }),
    V('body failed validation: body.filter.filters[0].filter.operator should be `"string_is"`, `"string_is_not"`, `"string_contains"`, `"string_does_not_contain"`, `"string_starts_with"`, `"string_ends_with"`, `"is_empty"`, or `"is_not_empty"`, instead was `"date_is"`.'));
  expectRawError(await q({ sort: [{ property: 'status', direction: 'ascending' }] }),
    V('body failed validation: body.sort[0].property should be `"title"`, `"attendees"`, `"created_time"`, `"created_by"`, `"last_edited_time"`, or `"last_edited_by"`, instead was `"status"`.'));
});

test('allow_async: the task did the work, and polls back with its result', async () => {
  const parent = await createRootPage(n26, 'Async parent');
  const task = await n26.pages.create({
    parent: { page_id: parent.id }, markdown: '# Launch plan\n\n- [ ] Draft\n- [x] Review', allow_async: true,
  });
  assert.equal(task.object, 'async_task');
  assert.equal(task.status, 'succeeded');
  assert.deepEqual(task.operation, { surface: 'rest', name: 'create_page' });
  assert.equal(task.status_url, `${srv.baseUrl}/v1/async_tasks/${task.id}`);
  assert.equal(task.result.object, 'page');
  // The page is real: it has the title and content the markdown gave.
  const page = await n26.pages.retrieve({ page_id: task.result.id });
  assert.equal(page.properties.title.title[0].plain_text, 'Launch plan');
  const md = await n26.pages.retrieveMarkdown({ page_id: page.id });
  assert.equal(md.markdown, '- [ ] Draft\n- [x] Review');
  // Polling gives the same task, under either version.
  const polled = await n26.asyncTasks.retrieve({ task_id: task.id });
  assert.deepEqual(polled, task);
  const polledOld = await n25.asyncTasks.retrieve({ task_id: task.id });
  assert.equal(polledOld.status, 'succeeded');
  assert.equal(polledOld.result.id, page.id);

  // PATCH markdown with allow_async answers the task; its result is the page_markdown.
  const edit = await n26.pages.updateMarkdown({
    page_id: page.id, type: 'replace_content', replace_content: { new_str: 'Done.' }, allow_async: true,
  });
  assert.equal(edit.object, 'async_task');
  assert.deepEqual(edit.operation, { surface: 'rest', name: 'update_page_markdown' });
  assert.deepEqual(edit.result, { object: 'page_markdown', id: page.id, markdown: 'Done.', truncated: false, unknown_block_ids: [] });
  assert.equal((await n26.pages.retrieveMarkdown({ page_id: page.id })).markdown, 'Done.');

  // A failed write answers its error and leaves no task or page.
  await expectApiError(n26.pages.create({ parent: { page_id: MISSING }, markdown: 'x', allow_async: true }), notFound('page', MISSING));
  expectRawError(await raw(srv, {
    method: 'POST', path: '/v1/pages', version: '2026-03-11',
    body: { parent: { page_id: parent.id }, properties: { title: { title: text('No markdown') } }, allow_async: true },
  }), V('body failed validation: body.allow_async should be not present, instead was `true`.'));
  expectRawError(await raw(srv, {
    method: 'POST', path: '/v1/pages', version: '2026-03-11', body: { parent: { page_id: parent.id }, markdown: 'x', allow_async: 'yes' },
  }), V('body failed validation: body.allow_async should be a boolean or `undefined`, instead was `"yes"`.'));

  // Unknown tasks and another integration's tasks are not found.
  await expectApiError(n26.asyncTasks.retrieve({ task_id: MISSING }), notFound('async task', MISSING));
  expectRawError(await raw(srv, { path: '/v1/async_tasks/not-a-task', version: '2026-03-11' }), notFound('async task', 'not-a-task'));
  const { client: other } = await integration('Task peeker', 'all', [parent.id]);
  await expectApiError(other.asyncTasks.retrieve({ task_id: task.id }), notFound('async task', task.id));
});

test('a fixture holds meeting notes with their content, and exports them back', async () => {
  // Its own server: seeding replaces the workspace.
  const token = 'secret_meeting_fixture_67';
  const own = await startServer({ token, extraArgs: ['--admin-token', ADMIN] });
  try {
    const n = v5(own, { notionVersion: '2026-03-11' });
    const PAGE = '59833787-2cf9-4fdf-8782-e53db20768a5';
    const NOTE = '7d0f1a52-5a58-4b8e-8f5e-0c6a1e2b3c4d';
    const ADA = '6794760a-1f15-45cd-9c65-0dfe42f5135a';
    const fixture = {
      users: [{ id: ADA, name: 'Ada' }],
      integrations: [{ name: 'Meetings bot', token }],
      pages: [{ id: PAGE, parent: { workspace: true }, properties: { title: { title: [{ text: { content: 'Meetings' } }] } } }],
      meeting_notes: [{
        id: NOTE, parent: { type: 'page_id', page_id: PAGE }, title: 'Weekly sync', created_time: '2026-03-02T10:00:00Z',
        calendar_event: { start_time: '2026-03-02T10:00:00.000Z', end_time: '2026-03-02T10:30:00.000Z', attendees: [ADA] },
        summary: 'We agreed to **ship** on Friday.', notes: '- [ ] Draft the post', transcript: 'Ada: Shall we ship?\n\nBob: Friday.',
      }],
    };
    const seeded = await adminCall(own, ADMIN, 'POST', 'seed', fixture);
    assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
    assert.equal(seeded.body.counts.meeting_notes, 1);

    // The API reads it: the query filters on the attendee, the tabs hold the content.
    const found = await n.blocks.meetingNotes.query({
      filter: { operator: 'and', filters: [{ property: 'attendees', filter: { operator: 'person_contains', value: [{ type: 'exact', value: { table: 'notion_user', id: ADA } }] } }] },
    });
    assert.deepEqual(found.results.map((b) => b.id), [NOTE]);
    const note = found.results[0];
    assert.deepEqual(note.meeting_notes.calendar_event.attendees, [ADA]);
    assert.equal(note.created_time, '2026-03-02T10:00:00.000Z');
    const transcript = await n.blocks.children.list({ block_id: note.meeting_notes.children.transcript_block_id });
    assert.deepEqual(transcript.results.map((b) => b.paragraph.rich_text[0].plain_text), ['Ada: Shall we ship?', 'Bob: Friday.']);
    const none = await n.blocks.meetingNotes.query({
      filter: { operator: 'and', filters: [{ property: 'created_time', filter: { operator: 'date_is_after', value: { type: 'exact', value: { type: 'date', start_date: '2026-03-02' } } } }] },
    });
    assert.deepEqual(none.results, []);

    // GET markdown: a placeholder, or with include_transcript the note's tabs in their tags.
    const url = `https://www.notion.so/${PAGE.replace(/-/g, '')}#${NOTE.replace(/-/g, '')}`;
    assert.equal((await n.pages.retrieveMarkdown({ page_id: PAGE })).markdown,
      `<meeting-notes url="${url}">Weekly sync</meeting-notes>`);
    assert.equal((await n.pages.retrieveMarkdown({ page_id: PAGE, include_transcript: true })).markdown, [
      `<meeting-notes url="${url}">`, '\tWeekly sync',
      '\t<summary>', '\t\tWe agreed to **ship** on Friday.', '\t</summary>',
      '\t<notes>', '\t\t- [ ] Draft the post', '\t</notes>',
      '\t<transcript>', '\t\tAda: Shall we ship?', '', '\t\tBob: Friday.', '\t</transcript>',
      '</meeting-notes>'].join('\n'));

    // Export writes it back in its export form, which seeds back byte for byte.
    const exported = await adminCall(own, ADMIN, 'GET', 'export');
    const [back] = exported.body.meeting_notes;
    assert.equal(back.id, NOTE);
    assert.equal(back.summary, 'We agreed to **ship** on Friday.');
    assert.equal(back.transcript, 'Ada: Shall we ship?\n\nBob: Friday.');
    assert.equal(back.transcript_block_id, note.meeting_notes.children.transcript_block_id);
    const again = await adminCall(own, ADMIN, 'POST', 'seed', exported.body);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual((await adminCall(own, ADMIN, 'GET', 'export')).body, exported.body);
  } finally {
    await own.stop().catch(() => {});
    await own.dispose();
  }
});
