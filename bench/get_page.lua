-- wrk script: GET /v1/pages/$PAGE_ID, a read that runs in a read transaction (in
-- parallel with other reads, on its own SQLite connection).
--
-- Environment: PAGE_ID and TOKEN (required), NOTION_VERSION (default 2025-09-03).
--
--   PAGE_ID=... TOKEN=... wrk -t1 -c64 -d10s --latency -s bench/get_page.lua http://127.0.0.1:8787

local page_id = os.getenv("PAGE_ID")
local token = os.getenv("TOKEN")
local version = os.getenv("NOTION_VERSION") or "2025-09-03"
if not page_id or page_id == "" or not token or token == "" then
  io.stderr:write("get_page.lua: set PAGE_ID and TOKEN in the environment\n")
  os.exit(2)
end

local req

function init(args)
  req = wrk.format("GET", "/v1/pages/" .. page_id, {
    ["Authorization"] = "Bearer " .. token,
    ["Notion-Version"] = version,
  })
end

function request()
  return req
end
