#!/usr/bin/env node
// Measures POST /v1/data_sources/{id}/query against a running localnotion whose
// "Products" data source bench/query.sh filled. Prints one JSON line per case:
//   {case, pages, first_ms (the first call ever: builds indexes), median_ms, p95_ms,
//    next_median_ms (the second page, from the snapshot), results, has_more}
//
// Environment: BASE_URL, TOKEN, DS (data source id), PAGES (count, for the output),
// RUNS (default 20), SLOW_RUNS (default 3, for cases storage cannot answer).
'use strict';

const BASE_URL = process.env.BASE_URL;
const TOKEN = process.env.TOKEN;
const DS = process.env.DS;
const PAGES = Number(process.env.PAGES);
const RUNS = Number(process.env.RUNS || 20);
const SLOW_RUNS = Number(process.env.SLOW_RUNS || 3);

async function query(body) {
  const started = process.hrtime.bigint();
  const res = await fetch(`${BASE_URL}/v1/data_sources/${DS}/query`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Notion-Version': '2025-09-03', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 200) throw new Error(`query -> ${res.status}: ${JSON.stringify(json)}`);
  return { ms, json };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const round = (x) => Math.round(x * 10) / 10;

const CASES = [
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
];

(async () => {
  for (const c of CASES) {
    if (c.slow && PAGES > Number(process.env.SLOW_MAX_PAGES || 100000)) continue;
    const first = await query(c.body);
    const times = [];
    const next = [];
    const runs = c.slow ? SLOW_RUNS : RUNS;
    let last = first;
    for (let i = 0; i < runs; i += 1) {
      last = await query(c.body);
      times.push(last.ms);
      if (last.json.next_cursor) next.push((await query({ ...c.body, start_cursor: last.json.next_cursor })).ms);
    }
    console.log(JSON.stringify({
      case: c.name, pages: PAGES, first_ms: round(first.ms), median_ms: round(median(times)), p95_ms: round(p95(times)),
      next_median_ms: next.length ? round(median(next)) : null, results: last.json.results.length,
      has_more: last.json.has_more, incomplete: Boolean(last.json.request_status),
    }));
  }
})().catch((e) => { console.error(e); process.exit(1); });
