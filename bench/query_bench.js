#!/usr/bin/env node
// Measures POST /v1/data_sources/{id}/query against a running localnotion whose
// "Products" data source bench/query.sh filled. Prints one JSON line per case:
//   {case, pages, first_ms (the first call ever: builds indexes), median_ms, p95_ms,
//    next_median_ms (the second page, from the snapshot), results, has_more}
//
// Environment: BASE_URL, TOKEN, DS (data source id), PAGES (count, for the output),
// RUNS (default 20), SLOW_RUNS (default 3, for cases marked slow), SLOW_MAX_PAGES
// (default 100000: slow cases are skipped above it), LABEL (added to each line, e.g.
// "before" or "after"), CASES (a regular expression: only the cases whose name matches).
// A call that does not answer 200 is reported with its status instead of failing the run.
'use strict';

const BASE_URL = process.env.BASE_URL;
const TOKEN = process.env.TOKEN;
const DS = process.env.DS;
const PAGES = Number(process.env.PAGES);
const RUNS = Number(process.env.RUNS || 20);
const SLOW_RUNS = Number(process.env.SLOW_RUNS || 3);

async function query(body, path = `/v1/data_sources/${DS}/query`) {
  const started = process.hrtime.bigint();
  const res = await fetch(`${BASE_URL}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Notion-Version': '2025-09-03', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 200) return { ms, json, status: res.status };
  return { ms, json, status: 200 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const round = (x) => Math.round(x * 10) / 10;

const CASES = [
  // No filter, no sort: every page in creation order, how integrations list a data source.
  { name: 'no filter, no sort (creation order)', body: { page_size: 100 } },
  {
    name: 'number range + checkbox, sorted by number desc (pushed down)',
    body: {
      filter: { and: [{ property: 'Price', number: { greater_than: 500 } }, { property: 'In stock', checkbox: { equals: true } }] },
      sorts: [{ property: 'Price', direction: 'descending' }],
      page_size: 100,
    },
  },
  {
    name: 'select equals, sorted by created_time desc (pushed down)',
    body: {
      filter: { property: 'Category', select: { equals: 'C' } },
      sorts: [{ timestamp: 'created_time', direction: 'descending' }],
      page_size: 100,
    },
  },
  {
    name: 'title contains, sorted by number asc (filter evaluated in the service)',
    slow: true,
    body: {
      filter: { property: 'Name', title: { contains: 'item 7' } },
      sorts: [{ property: 'Price', direction: 'ascending' }],
      page_size: 100,
    },
  },
  // Text conditions storage answers since issue 14 (a trigram index of folded text);
  // before it, the service evaluated them on every page. Titles are "Item <n>", notes
  // "Batch <n mod 97>, lot <n, five digits>" (bench/query.sh). At 100k pages "item 4242"
  // starts 11 titles (4242, 42420-42429), 10 end in "4242", "lot 04242" is in 1 note,
  // and "batch 42, lot" starts about 1% of them; ten times as many at 1M.
  { name: 'title contains "ITEM 4242"', slow: true, text: true,
    body: { filter: { property: 'Name', title: { contains: 'ITEM 4242' } }, page_size: 100 } },
  { name: 'title starts_with "item 4242"', slow: true, text: true,
    body: { filter: { property: 'Name', title: { starts_with: 'item 4242' } }, page_size: 100 } },
  { name: 'title ends_with "4242"', slow: true, text: true,
    body: { filter: { property: 'Name', title: { ends_with: '4242' } }, page_size: 100 } },
  { name: 'rich_text contains "lot 04242"', slow: true, text: true,
    body: { filter: { property: 'Notes', rich_text: { contains: 'LOT 04242' } }, page_size: 100 } },
  { name: 'rich_text starts_with "batch 42, lot"', slow: true, text: true,
    body: { filter: { property: 'Notes', rich_text: { starts_with: 'Batch 42, lot' } }, page_size: 100 } },
  { name: 'rich_text ends_with "lot 04242"', slow: true, text: true,
    body: { filter: { property: 'Notes', rich_text: { ends_with: 'lot 04242' } }, page_size: 100 } },
  { name: 'search pages by title "item 4242"', slow: true, text: true, path: '/v1/search',
    body: { query: 'item 4242', filter: { property: 'object', value: 'page' }, page_size: 100 } },
  // Every page, newest edit first: how integrations list what is shared with them.
  { name: 'search every page, no query', slow: true, path: '/v1/search',
    body: { filter: { property: 'object', value: 'page' }, page_size: 100 } },
];

(async () => {
  const only = process.env.CASES ? new RegExp(process.env.CASES) : null;
  for (const c of CASES) {
    // Text cases are slow only for a binary that evaluates them in the service.
    const slow = c.slow && !(c.text && process.env.LABEL === 'after');
    if (slow && PAGES > Number(process.env.SLOW_MAX_PAGES || 100000)) continue;
    if (only && !only.test(c.name)) continue;
    const path = c.path || `/v1/data_sources/${DS}/query`;
    const first = await query(c.body, path);
    if (first.status !== 200) {
      console.log(JSON.stringify({ label: process.env.LABEL, case: c.name, pages: PAGES, status: first.status,
        first_ms: round(first.ms), code: first.json.code }));
      continue;
    }
    const times = [];
    const next = [];
    const runs = slow ? SLOW_RUNS : RUNS;
    let last = first;
    for (let i = 0; i < runs; i += 1) {
      const r = await query(c.body, path);
      times.push(r.ms);
      if (r.status !== 200) {
        last = r;
        break;
      }
      last = r;
      if (last.json.next_cursor) next.push((await query({ ...c.body, start_cursor: last.json.next_cursor }, path)).ms);
    }
    console.log(JSON.stringify({
      label: process.env.LABEL,
      case: c.name, pages: PAGES, first_ms: round(first.ms), median_ms: round(median(times)), p95_ms: round(p95(times)),
      status: last.status, next_median_ms: next.length ? round(median(next)) : null,
      results: last.json.results ? last.json.results.length : null,
      has_more: last.json.has_more, incomplete: Boolean(last.json.request_status),
    }));
  }
})().catch((e) => { console.error(e); process.exit(1); });
