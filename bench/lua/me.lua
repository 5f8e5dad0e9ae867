-- GET /api/v1/users/me, each request with the next of many session cookies (one "name=value" per line).
--   wrk ... -s bench/lua/me.lua URL -- cookies.txt
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua").rotate_over_lines(function(cookie)
  return wrk.format("GET", "/api/v1/users/me", { ["Cookie"] = cookie })
end)
