-- GET /api/v1/users/me with HTTP Basic, rotating over many users (one "Basic <base64>" value per line).
--   wrk ... -s bench/lua/basic.lua URL -- basic.txt
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua").rotate_over_lines(function(authorization)
  return wrk.format("GET", "/api/v1/users/me", { ["Authorization"] = authorization })
end)
