'use strict';
// `localnotion pull` (docs/fixtures.md "Pulling a workspace") of what test/93-pull leaves
// aside, with a second localnotion as the remote built through the SDK and the admin API:
//   - AI meeting notes (made with blocks.meetingNotes.create, their tabs filled with
//     blocks.children.append) become the fixture's `meeting_notes`: the copy's export
//     holds the same notes as the remote's, and the SDK reads the same blocks in both;
//   - the workspace's custom emojis (GET /v1/custom_emojis) become the fixture's, and the
//     icons of a page, a database and a callout keep naming them after the seed;
//   - a callout's uploaded icon (a Notion-hosted file in the answers) is downloaded into
//     an upload of the fixture, as page icons are: the copy serves the same bytes;
//   - a remote without GET /v1/custom_emojis (a proxy answers it 404) is pulled all the
//     same, the icons that name an emoji becoming none.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { pull, visible, pullServers } = require('../lib/pull');
const { v5, expectApiError } = require('../lib/clients');
const { text, createRootPage, createDatabase } = require('../lib/fixtures');

const ADMIN = 'admin_pull_notes_token_0123456789';
const { serve, admin, stopAll } = pullServers(ADMIN);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-pull-notes-'));
const para = (s) => ({ paragraph: { rich_text: text(s) } });
const ICON_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 7, 7, 7]);

async function uploaded(client, filename, type, bytes) {
  const created = await client.fileUploads.create({ filename, content_type: type });
  const sent = await client.fileUploads.send({ file_upload_id: created.id, file: { filename, data: new Blob([bytes], { type }) } });
  assert.equal(sent.status, 'uploaded');
  return sent.id;
}

// Hosted-file links differ by server, upload id and time: compared by the file's name.
const linkFree = (v) => JSON.parse(JSON.stringify(v, (k, x) => (k === 'expiry_time' ? undefined
  : k === 'url' && typeof x === 'string' && x.includes('/_localnotion/files/') ? `file:${decodeURIComponent(new URL(x).pathname.split('/').pop())}` : x)));
// A fixture holds a note's tabs as markdown: seeded, the blocks inside the tabs get new
// ids, and the note's times (a fixture has no others for them). What visible() saw, with
// those blocks named by their place, and the times of tabs and what is inside them left out.
const tabFree = (seen) => {
  const copy = JSON.parse(JSON.stringify(seen));
  const tabs = new Set(); const renames = new Map();
  for (const v of Object.values(copy)) {
    for (const b of v.blocks || []) {
      if (['transcription', 'meeting_notes'].includes(b.type)) Object.values(b[b.type].children).forEach((id) => tabs.add(id));
      else if (b.parent.type === 'block_id' && (tabs.has(b.parent.block_id) || renames.has(b.parent.block_id))) renames.set(b.id, `in-a-tab-${renames.size}`);
      if (tabs.has(b.id) || renames.has(b.id)) { delete b.created_time; delete b.last_edited_time; }
    }
  }
  assert.ok(tabs.size === 5 && renames.size >= 10, `${tabs.size} tabs, ${renames.size} blocks in them`);
  let json = JSON.stringify(copy);
  for (const [id, name] of renames) json = json.split(id).join(name);
  return JSON.parse(json);
};
// Block times as the API shows them, to the minute (as Notion's do): all a pull can know.
// Sorted as an export lists notes, by creation time, then id.
const toMinute = (notes) => notes.map((n) => ({ ...n, created_time: `${n.created_time.slice(0, 16)}:00.000Z`, last_edited_time: `${n.last_edited_time.slice(0, 16)}:00.000Z` }))
  .sort((a, b) => (a.created_time + a.id < b.created_time + b.id ? -1 : 1));
const bytesAt = async (url) => {
  const res = await fetch(url);
  assert.equal(res.status, 200, url);
  return Buffer.from(await res.arrayBuffer());
};

let remote; let full; let n26; let emojis; let meetings; let icons; let db; let notes;

before(async () => {
  remote = await serve();
  full = v5(remote);
  n26 = v5(remote, { notionVersion: '2026-03-11' });
  emojis = {};
  for (const [name, url] of [['party-parrot', 'https://example.com/parrot.gif'], ['shipit', 'https://example.com/shipit.png'],
    ['unused', 'https://example.com/unused.png']]) {
    const added = await admin(remote, 'POST', 'custom_emojis', { name, url });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    emojis[name] = added.body;
  }
  const emojiIcon = (name) => ({ type: 'custom_emoji', custom_emoji: { id: emojis[name].id } });

  // Two meeting notes on a page of their own (a seed puts notes after the page's other
  // blocks), the first with all three tabs filled, the second without a Summary.
  meetings = await createRootPage(full, 'Meetings');
  const recording = await uploaded(full, 'standup.m4a', 'audio/mp4', Buffer.from('not really audio'));
  const first = await n26.blocks.meetingNotes.create({
    title: 'Monday standup', source: { type: 'file_upload', file_upload_id: recording }, parent: { type: 'page_id', page_id: meetings.id },
  });
  const tabs = first.meeting_notes.children;
  await full.blocks.children.append({ block_id: tabs.summary_block_id, children: [
    { paragraph: { rich_text: [{ text: { content: 'We agreed to ' } }, { text: { content: 'ship' }, annotations: { bold: true } }, { text: { content: ' on Friday.' } }] } },
    { bulleted_list_item: { rich_text: text('release notes'), children: [para('by Ada')] } },
  ] });
  await full.blocks.children.append({ block_id: tabs.notes_block_id, children: [
    { to_do: { rich_text: text('Draft the post'), checked: false } }, { to_do: { rich_text: text('Book the room'), checked: true } },
    { heading_3: { rich_text: text('Risks') } }, { quote: { rich_text: text('none so far') } },
  ] });
  await full.blocks.children.append({ block_id: tabs.transcript_block_id, children: [para('Ada: Shall we ship?'), para('Bob: Friday.')] });
  const another = await uploaded(full, 'retro.m4a', 'audio/mp4', Buffer.from('not audio either'));
  const second = await n26.blocks.meetingNotes.create({
    title: 'Retro', source: { type: 'file_upload', file_upload_id: another }, parent: { type: 'page_id', page_id: meetings.id },
    options: { kickoff_summary: false },
  });
  await full.blocks.children.append({ block_id: second.meeting_notes.children.notes_block_id, children: [para('Keep the demos short.')] });
  notes = [first.id, second.id];

  // Icons: a page's and a database's name custom emojis; callouts name one, an uploaded file, an emoji.
  icons = await full.pages.create({
    parent: { type: 'workspace', workspace: true }, properties: { title: { title: text('Icons') } }, icon: emojiIcon('party-parrot'),
  });
  db = await createDatabase(full, 'v5', icons.id, 'Launches', { Name: { title: {} } });
  await full.databases.update({ database_id: db.databaseId, icon: emojiIcon('shipit') });
  const calloutIcon = await uploaded(full, 'callout.png', 'image/png', ICON_BYTES);
  await full.blocks.children.append({ block_id: icons.id, children: [
    { callout: { rich_text: text('ship it'), icon: emojiIcon('shipit') } },
    { callout: { rich_text: text('look here'), icon: { type: 'file_upload', file_upload: { id: calloutIcon } } } },
    { callout: { rich_text: text('an idea'), icon: { type: 'emoji', emoji: '💡' } } },
  ] });
});
after(async () => {
  await stopAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the remote shows an uploaded callout icon as a Notion-hosted file with its bytes', async () => {
  const [, shown] = (await full.blocks.children.list({ block_id: icons.id })).results.filter((b) => b.type === 'callout');
  assert.equal(shown.callout.icon.type, 'file');
  assert.deepEqual(Object.keys(shown.callout.icon.file).sort(), ['expiry_time', 'url']);
  assert.match(shown.callout.icon.file.url, new RegExp(`^${remote.baseUrl}/_localnotion/files/[0-9a-f-]{36}/callout\\.png\\?expires=\\d+&signature=[0-9a-f]{64}$`));
  assert.equal((await bytesAt(shown.callout.icon.file.url)).compare(ICON_BYTES), 0);
  const listed = await full.fileUploads.list({});
  assert.equal(listed.results.find((u) => u.filename === 'callout.png').status, 'uploaded');

  // An update takes an upload as the icon too; a missing or pending upload is refused as
  // a page's icon is, and nothing is written.
  const scratch = await createRootPage(full, 'Scratch');
  const [made] = (await full.blocks.children.append({ block_id: scratch.id, children: [{ callout: { rich_text: text('later'), icon: { emoji: '⏳' } } }] })).results;
  const later = await uploaded(full, 'later.png', 'image/png', Buffer.from('later icon'));
  const updated = await full.blocks.update({ block_id: made.id, callout: { icon: { type: 'file_upload', file_upload: { id: later } } } });
  assert.match(updated.callout.icon.file.url, new RegExp(`/_localnotion/files/${later}/later\\.png\\?expires=`));
  assert.equal((await bytesAt(updated.callout.icon.file.url)).toString(), 'later icon');
  const MISSING = '0b7cf1e5-8a43-4f1e-9f5c-1d2e3f4a5b6c';
  await expectApiError(full.blocks.children.append({ block_id: scratch.id, children: [para('kept?'), { callout: { rich_text: [], icon: { type: 'file_upload', file_upload: { id: MISSING } } } }] }),
    { status: 400, code: 'validation_error', message: `Could not find file upload with ID: ${MISSING}.` });
  const pending = await full.fileUploads.create({ filename: 'p.png', content_type: 'image/png' });
  await expectApiError(full.blocks.update({ block_id: made.id, callout: { icon: { type: 'file_upload', file_upload: { id: pending.id } } } }),
    { status: 400, code: 'validation_error', message: `File upload with ID ${pending.id} has status \`pending\`. Only file uploads with status \`uploaded\` can be attached.` });
  assert.deepEqual((await full.blocks.children.list({ block_id: scratch.id })).results.map((b) => b.id), [made.id]);
  assert.equal((await full.blocks.retrieve({ block_id: made.id })).callout.icon.file.url.includes(`/${later}/later.png?`), true);
  await full.pages.update({ page_id: scratch.id, in_trash: true });
});

test('pull keeps meeting notes, custom emojis and callout icons; seeded, the copy exports and shows the same', async () => {
  const out = path.join(dir, 'workspace.json');
  const run = await pull(['--from', remote.baseUrl, '--token', remote.token, '--out', out, '--rate', '200']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /, 3 custom emojis, .*, 2 meeting notes, .*, 1 files downloaded, 0 kept as links/);
  const fixture = JSON.parse(fs.readFileSync(out, 'utf8'));
  const source = (await admin(remote, 'GET', 'export')).body;

  // The emojis, every one, as GET /v1/custom_emojis lists them.
  assert.deepEqual(fixture.custom_emojis, Object.values(emojis));
  assert.deepEqual(fixture.custom_emojis, source.custom_emojis);
  assert.deepEqual(fixture.pages.find((p) => p.id === icons.id).icon, { type: 'custom_emoji', custom_emoji: { id: emojis['party-parrot'].id } });
  assert.deepEqual(fixture.databases.find((d) => d.id === db.databaseId).icon, { type: 'custom_emoji', custom_emoji: { id: emojis.shipit.id } });
  // The meeting notes: the remote's export's, key for key; none of their blocks is a block of the fixture.
  assert.deepEqual(fixture.meeting_notes.map((n) => n.id), notes, 'in their order on the page');
  assert.deepEqual(toMinute(fixture.meeting_notes), toMinute(source.meeting_notes));
  const [monday, retro] = notes.map((id) => fixture.meeting_notes.find((n) => n.id === id));
  assert.equal(monday.summary, 'We agreed to **ship** on Friday.\n\n- release notes\n\tby Ada');
  assert.equal(monday.notes, '- [ ] Draft the post\n- [x] Book the room\n\n### Risks\n\n> none so far');
  assert.equal(monday.transcript, 'Ada: Shall we ship?\n\nBob: Friday.');
  assert.deepEqual([retro.summary, retro.summary_block_id], [undefined, undefined]);
  assert.equal(retro.notes, 'Keep the demos short.');
  assert.ok(fixture.blocks.every((b) => b.parent.page_id !== meetings.id && !['meeting_notes', 'transcription'].includes(b.type)));
  // The callouts: a custom emoji in the stored form, the uploaded icon as an upload of the fixture.
  const callouts = fixture.blocks.filter((b) => b.type === 'callout').map((b) => b.callout.icon);
  const upload = fixture.file_uploads.find((u) => u.filename === 'callout.png');
  assert.equal(Buffer.from(upload.content_base64, 'base64').compare(ICON_BYTES), 0);
  assert.equal(upload.content_type, 'image/png');
  assert.deepEqual(callouts, [
    { type: 'custom_emoji', custom_emoji: emojis.shipit },
    { type: 'file', file: { file_upload_id: upload.id, filename: 'callout.png', content_type: 'image/png' } },
    { type: 'emoji', emoji: '💡' },
  ]);
  assert.deepEqual(fixture.file_uploads.map((u) => u.filename), ['callout.png'], 'the recordings are no icon, value or block');

  const copy = await serve({ token: remote.token });
  const seeded = await admin(copy, 'POST', 'seed', fixture);
  assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
  assert.equal(seeded.body.counts.meeting_notes, 2);
  const exported = (await admin(copy, 'GET', 'export')).body;
  assert.deepEqual(toMinute(exported.meeting_notes), toMinute(source.meeting_notes));
  assert.deepEqual(exported.custom_emojis, source.custom_emojis);
  // The SDK reads the same in both, under both versions (the notes' blocks and tabs included).
  assert.deepEqual(tabFree(linkFree(await visible(v5(copy)))), tabFree(linkFree(await visible(full))));
  const [n26copy, n26remote] = [v5(copy, { notionVersion: '2026-03-11' }), n26];
  assert.deepEqual(tabFree(linkFree(await visible(n26copy))), tabFree(linkFree(await visible(n26remote))));
  // Newest first: the copy's notes made in the same minute tie (its times are the minute), so compared by id.
  const query = async (client) => (await client.blocks.meetingNotes.query({})).results.sort((a, b) => (a.id < b.id ? -1 : 1));
  assert.deepEqual(linkFree(await query(n26copy)), linkFree(await query(n26remote)));
  assert.equal((await query(n26copy)).length, 2);
  const shownIcons = (await v5(copy).blocks.children.list({ block_id: icons.id })).results.filter((b) => b.type === 'callout').map((b) => b.callout.icon);
  assert.deepEqual(shownIcons[0], { type: 'custom_emoji', custom_emoji: emojis.shipit });
  assert.ok(shownIcons[1].file.url.startsWith(`${copy.baseUrl}/_localnotion/files/${upload.id}/callout.png?`));
  assert.equal((await bytesAt(shownIcons[1].file.url)).compare(ICON_BYTES), 0);
  assert.deepEqual((await v5(copy).pages.retrieve({ page_id: icons.id })).icon,
    { type: 'custom_emoji', custom_emoji: emojis['party-parrot'] });

  // The copy's export seeds into a third server and exports back the same.
  const third = await serve({ token: remote.token });
  assert.equal((await admin(third, 'POST', 'seed', exported)).status, 200);
  assert.equal(JSON.stringify((await admin(third, 'GET', 'export')).body), JSON.stringify(exported));
});


test('when GET /v1/custom_emojis is refused, the pull goes on and the icons that name an emoji become none', async () => {
  // A server from before the endpoint (Notion added it on 2026-03-25): in front of the
  // remote, a proxy answers that route Notion's 404 for an unknown path and passes on the rest.
  const seen = [];
  const proxy = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url.split('?')[0]}`);
    if (req.url.startsWith('/v1/custom_emojis')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'error', status: 404, code: 'invalid_request_url', message: 'Invalid request URL.' }));
      return;
    }
    const onward = http.request(`${remote.baseUrl}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    req.pipe(onward);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const out = path.join(dir, 'no-emojis.json');
  let run;
  try {
    run = await pull(['--from', `http://127.0.0.1:${proxy.address().port}`, '--token', remote.token, '--out', out, '--rate', '200']);
  } finally {
    proxy.close();
  }
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /, 0 custom emojis, /);
  assert.ok(seen.includes('GET /v1/custom_emojis') && seen.includes('POST /v1/search'), seen.join(', '));
  const fixture = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(fixture.custom_emojis, undefined);
  assert.equal(fixture.pages.find((p) => p.id === icons.id).icon, null);
  assert.equal(fixture.databases.find((d) => d.id === db.databaseId).icon, null);
  assert.deepEqual(fixture.blocks.filter((b) => b.type === 'callout').map((b) => b.callout.icon && b.callout.icon.type), [null, 'file', 'emoji']);
  assert.equal(fixture.meeting_notes.length, 2);
  const copy = await serve({ token: remote.token });
  const seeded = await admin(copy, 'POST', 'seed', fixture);
  assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
  const client = v5(copy);
  assert.equal((await client.pages.retrieve({ page_id: icons.id })).icon, null);
  assert.deepEqual((await client.customEmojis.list({})).results, []);
  const [first] = (await client.blocks.children.list({ block_id: icons.id })).results.filter((b) => b.type === 'callout');
  assert.equal(first.callout.icon, null);
});
