-- wrk script: POST /v1/data_sources/$DS_ID/query, by default a filtered and sorted query of the
-- bench/setup.js Catalog data source (one page; the cost is the query path, not the data).
-- QUERY_BODY replaces the body: bench/side_by_side.sh's `query` case sends {"page_size":100} to
-- the Inventory data source, whose every page (65 by default) each answer then lists.
--
-- Environment: DS_ID and TOKEN (required), NOTION_VERSION (default 2025-09-03), QUERY_BODY.
--
--   DS_ID=... TOKEN=... wrk -t1 -c64 -d10s --latency -s bench/query_ds.lua http://127.0.0.1:8787

local ds = os.getenv("DS_ID")
local token = os.getenv("TOKEN")
local version = os.getenv("NOTION_VERSION") or "2025-09-03"
local body = os.getenv("QUERY_BODY")
if not body or body == "" then
  body = '{"filter":{"property":"Price","number":{"greater_than":-1}},' ..
         '"sorts":[{"timestamp":"created_time","direction":"descending"}],"page_size":100}'
end
if not ds or ds == "" or not token or token == "" then
  io.stderr:write("query_ds.lua: set DS_ID and TOKEN in the environment\n")
  os.exit(2)
end

local req

function init(args)
  req = wrk.format("POST", "/v1/data_sources/" .. ds .. "/query", {
    ["Authorization"] = "Bearer " .. token,
    ["Notion-Version"] = version,
    ["Content-Type"] = "application/json",
  }, body)
end

function request()
  return req
end
