-- GET /api/v1/auth_session/verify as a reverse proxy's auth_request sends it, each request with the next of many
-- session cookies (one "name=value" per line).
--   wrk ... -s bench/lua/verify.lua URL -- cookies.txt
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua").rotate_over_lines(function(cookie)
  return wrk.format("GET", "/api/v1/auth_session/verify", { ["Cookie"] = cookie, ["X-Original-Method"] = "GET" })
end)
