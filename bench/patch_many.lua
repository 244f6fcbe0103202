-- wrk script: the seed PATCH spread over many pages, so that concurrent requests
-- touch different pages (on PostgreSQL they then run on different connections at once).
--
--   PATCH /v1/pages/$ID   {"properties":{"In stock":{"checkbox":true|false}}}
--
-- Environment: MANY_PAGE_IDS (comma-separated page ids of a database with an "In stock"
-- checkbox; bench/setup.js makes 64) and TOKEN (required), NOTION_VERSION (default 2025-09-03).
--
--   MANY_PAGE_IDS=a,b,... TOKEN=... wrk -t1 -c64 -d10s --latency -s bench/patch_many.lua http://127.0.0.1:8787
--
-- Request i goes to page i mod N with the checkbox alternating per round over the
-- pages; every request is formatted once, in init() (see bench/patch_seed.lua).

local ids_env = os.getenv("MANY_PAGE_IDS")
local token = os.getenv("TOKEN")
local version = os.getenv("NOTION_VERSION") or "2025-09-03"
if not ids_env or ids_env == "" or not token or token == "" then
  io.stderr:write("patch_many.lua: set MANY_PAGE_IDS and TOKEN in the environment\n")
  os.exit(2)
end

local ids = {}
for id in string.gmatch(ids_env, "[^,]+") do ids[#ids + 1] = id end
local headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Notion-Version"] = version,
  ["Content-Type"] = "application/json",
}
local reqs
local n = 0

function init(args)
  reqs = {}
  for _, id in ipairs(ids) do
    reqs[#reqs + 1] = wrk.format("PATCH", "/v1/pages/" .. id, headers, '{"properties":{"In stock":{"checkbox":true}}}')
    reqs[#reqs + 1] = wrk.format("PATCH", "/v1/pages/" .. id, headers, '{"properties":{"In stock":{"checkbox":false}}}')
  end
end

function request()
  n = n + 1
  local page = n % #ids
  local round = math.floor(n / #ids) % 2
  return reqs[page * 2 + round + 1]
end
