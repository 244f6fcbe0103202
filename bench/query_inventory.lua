-- wrk script: POST /v1/data_sources/$INVENTORY_DATA_SOURCE_ID/query with page_size 100, an
-- unfiltered query of the bench/setup.js Inventory data source (the seed page and the
-- MANY_PAGES more, 65 by default): every answer lists all its pages, so the cost is
-- reading and writing pages.
--
-- Environment: INVENTORY_DATA_SOURCE_ID and TOKEN (required), NOTION_VERSION (default 2025-09-03).
--
--   INVENTORY_DATA_SOURCE_ID=... TOKEN=... wrk -t1 -c64 -d10s --latency -s bench/query_inventory.lua http://127.0.0.1:8787

local ds = os.getenv("INVENTORY_DATA_SOURCE_ID")
local token = os.getenv("TOKEN")
local version = os.getenv("NOTION_VERSION") or "2025-09-03"
if not ds or ds == "" or not token or token == "" then
  io.stderr:write("query_inventory.lua: set INVENTORY_DATA_SOURCE_ID and TOKEN in the environment\n")
  os.exit(2)
end

local req

function init(args)
  req = wrk.format("POST", "/v1/data_sources/" .. ds .. "/query", {
    ["Authorization"] = "Bearer " .. token,
    ["Notion-Version"] = version,
    ["Content-Type"] = "application/json",
  }, '{"page_size":100}')
end

function request()
  return req
end
