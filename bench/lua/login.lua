-- POST /api/v1/auth_session/login as form fields, rotating over many users (one "email password" per line).
--   wrk ... -s bench/lua/login.lua URL -- logins.txt
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")
local threads, requests, index = {}, {}, 0

function setup(thread)
  thread:set("tid", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  for i, line in ipairs(common.read_lines(args[1])) do
    local email, password = line:match("^(%S+) (.+)$")
    requests[i] = wrk.format("POST", "/api/v1/auth_session/login", headers,
      "email=" .. email:gsub("@", "%%40") .. "&password=" .. password)
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
