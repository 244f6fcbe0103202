-- wrk script: GET /v1/pages/{id} of a different page each request, taken in turn from a
-- file of page ids (one per line), so that the reads spread over the whole store
-- (bench/size_flat.sh writes ids spread over its N pages, in random order).
--
-- Environment: PAGE_IDS_FILE and TOKEN (required), NOTION_VERSION (default 2025-09-03).
--
--   PAGE_IDS_FILE=ids.txt TOKEN=... wrk -t1 -c64 -d10s --latency -s bench/get_many.lua http://127.0.0.1:8787

local file = os.getenv("PAGE_IDS_FILE")
local token = os.getenv("TOKEN")
local version = os.getenv("NOTION_VERSION") or "2025-09-03"
if not file or file == "" or not token or token == "" then
  io.stderr:write("get_many.lua: set PAGE_IDS_FILE and TOKEN in the environment\n")
  os.exit(2)
end

-- The requests are formatted once, in init() (wrk sets the Host header in wrk.init, after the
-- script body has run); request() only takes the next one.
local reqs = {}
local n = 0

function init(args)
  local headers = { ["Authorization"] = "Bearer " .. token, ["Notion-Version"] = version }
  for id in io.lines(file) do
    if id ~= "" then reqs[#reqs + 1] = wrk.format("GET", "/v1/pages/" .. id, headers) end
  end
  if #reqs == 0 then
    io.stderr:write("get_many.lua: no page id in " .. file .. "\n")
    os.exit(2)
  end
end

function request()
  n = n + 1
  return reqs[(n % #reqs) + 1]
end
