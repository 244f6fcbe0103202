-- wrk script: runs the case script named by CASE_SCRIPT (bench/patch_seed.lua,
-- patch_six.lua, patch_many.lua, ...) and, at the end, prints how many requests took
-- longer than OVER_MS milliseconds (default 50), with the maximum:
--
--   over 50 ms: 3 of 612345 (max 71.20 ms)
--
--   CASE_SCRIPT=bench/patch_seed.lua PAGE_ID=... TOKEN=... \
--     wrk -t1 -c64 -d60s --latency -s bench/over_ms.lua http://127.0.0.1:8787
--
-- wrk's Lua side has no count of the requests above a value, only percentiles:
-- latency:percentile(p) is the value of rank round(p / 100 * count + 0.5), so
-- p = (k - 0.5) / count * 100 gives the k-th fastest request, and a binary search
-- finds the last one at or under the bound. count is summary.requests, the responses
-- wrk recorded a latency for (timeouts are counted apart, in "Socket errors").

local case_script = os.getenv("CASE_SCRIPT")
if not case_script or case_script == "" then
  io.stderr:write("over_ms.lua: set CASE_SCRIPT to the wrk script of the case\n")
  os.exit(2)
end
dofile(case_script)

local over_ms = tonumber(os.getenv("OVER_MS") or "50")

function done(summary, latency, requests)
  local n = summary.requests
  local bound = over_ms * 1000  -- wrk's latencies are in microseconds
  local function kth(k) return latency:percentile((k - 0.5) / n * 100) end
  local over = 0
  if n > 0 and kth(n) > bound then
    -- The largest k whose k-th fastest request took at most `bound` (0 when none did).
    local lo, hi = 0, n - 1
    while lo < hi do
      local mid = math.floor((lo + hi + 1) / 2)
      if kth(mid) <= bound then lo = mid else hi = mid - 1 end
    end
    over = n - lo
  end
  io.write(string.format("over %g ms: %d of %d (max %.2f ms)\n", over_ms, over, n, latency.max / 1000))
end
