-- wrk script: the seed PATCH, Notion's own example.
--
--   PATCH /v1/pages/$PAGE_ID
--   {"properties":{"In stock":{"checkbox":true}}}   (true and false alternate)
--
-- Environment: PAGE_ID and TOKEN (required), NOTION_VERSION (default 2025-09-03).
--
--   PAGE_ID=... TOKEN=... wrk -t1 -c64 -d10s --latency -s bench/patch_seed.lua http://127.0.0.1:8787
--
-- There is deliberately no response() callback: defining one makes wrk hand
-- every response's headers and body to Lua, which costs client CPU. Failed
-- requests still show up in wrk's "Non-2xx or 3xx responses" line, and
-- bench/run.sh sends one request with curl first and checks it gets a 200.

local page_id = os.getenv("PAGE_ID")
local token = os.getenv("TOKEN")
local version = os.getenv("NOTION_VERSION") or "2025-09-03"
if not page_id or page_id == "" or not token or token == "" then
  io.stderr:write("patch_seed.lua: set PAGE_ID and TOKEN in the environment\n")
  os.exit(2)
end

local path = "/v1/pages/" .. page_id
local headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Notion-Version"] = version,
  ["Content-Type"] = "application/json",
}
-- Both requests are formatted once, in init(): wrk sets the Host header in
-- wrk.init, after the script body has run, so a request formatted at load
-- time would have no Host. request() only alternates between the two.
local reqs
local n = 0

function init(args)
  reqs = {
    wrk.format("PATCH", path, headers, '{"properties":{"In stock":{"checkbox":true}}}'),
    wrk.format("PATCH", path, headers, '{"properties":{"In stock":{"checkbox":false}}}'),
  }
end

function request()
  n = n + 1
  return reqs[(n % 2) + 1]
end
