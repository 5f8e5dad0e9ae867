-- GET /api/v1/users/me, each request with the next of many session cookies (one "name=value" per line).
--   wrk ... -s bench/lua/me.lua URL -- cookies.txt
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")
local threads, requests, index = {}, {}, 0

function setup(thread)
  thread:set("tid", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  for i, cookie in ipairs(common.read_lines(args[1])) do
    requests[i] = wrk.format("GET", "/api/v1/users/me", { ["Cookie"] = cookie })
  end
  index = ((tid or 0) * 7919) % #requests
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function done(summary, latency)
  common.report(summary, latency)
end
