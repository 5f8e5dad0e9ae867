-- GET /api/v1/status, the cheapest route (public, no database): a flood of requests that cost the service the least.
--   wrk ... -s bench/lua/status.lua URL
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
wrk.method = "GET"
wrk.path = "/api/v1/status"
function done(summary, latency)
  dofile(dir .. "common.lua").report(summary, latency)
end
