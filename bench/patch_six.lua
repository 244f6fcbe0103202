-- wrk script: PATCH six properties of a page in a 15-property database.
--
-- Each request updates rich_text, number, select, date, checkbox and url at
-- once, with values that change from one request to the next.
--
-- Environment: SIX_PAGE_ID (falls back to PAGE_ID) and TOKEN (required),
--              NOTION_VERSION (default 2025-09-03).
-- Property names are the ones bench/setup.js creates in the "Catalog" database:
--   "Notes" rich_text, "Price" number, "Category" select (options A, B, C),
--   "Due" date, "In stock" checkbox, "Link" url.
--
--   SIX_PAGE_ID=... TOKEN=... wrk -t1 -c64 -d10s --latency -s bench/patch_six.lua http://127.0.0.1:8787
--
-- The requests are built once, at start-up, in a pool of 4096 different bodies
-- that request() cycles through, so that the client spends its CPU on the
-- socket and not in string.format. No response() callback, for the same
-- reason (see patch_seed.lua).

local page_id = os.getenv("SIX_PAGE_ID") or os.getenv("PAGE_ID")
local token = os.getenv("TOKEN")
local version = os.getenv("NOTION_VERSION") or "2025-09-03"
if not page_id or page_id == "" or not token or token == "" then
  io.stderr:write("patch_six.lua: set SIX_PAGE_ID and TOKEN in the environment\n")
  os.exit(2)
end

local path = "/v1/pages/" .. page_id
local headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Notion-Version"] = version,
  ["Content-Type"] = "application/json",
}
local categories = { "A", "B", "C" }

local function body_for(i)
  return string.format(
    '{"properties":{' ..
      '"Notes":{"rich_text":[{"type":"text","text":{"content":"bench note %d"}}]},' ..
      '"Price":{"number":%d.25},' ..
      '"Category":{"select":{"name":"%s"}},' ..
      '"Due":{"date":{"start":"2025-%02d-%02d"}},' ..
      '"In stock":{"checkbox":%s},' ..
      '"Link":{"url":"https://example.com/item/%d"}' ..
    '}}',
    i, i, categories[(i % 3) + 1], (i % 12) + 1, (i % 28) + 1,
    (i % 2 == 0) and "true" or "false", i)
end

local POOL = 4096
local reqs = {}
local n = 0

-- Formatted in init(), not at load time: wrk sets the Host header in wrk.init,
-- after the script body has run. Each wrk thread runs the script in its own
-- Lua state, so each thread starts at a different place in the pool.
function init(args)
  for i = 1, POOL do
    reqs[i] = wrk.format("PATCH", path, headers, body_for(i))
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  n = math.random(0, POOL - 1)
end

function request()
  n = n + 1
  return reqs[(n % POOL) + 1]
end
