-- GET /api/v1/users/me with HTTP Basic, rotating over many users (one "Basic <base64> [address]" per line; with an
-- address, the request says X-Forwarded-For: address, so the service sees that client).
--   wrk ... -s bench/lua/basic.lua URL -- basic.txt
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua").rotate_over_lines(function(line)
  local authorization, address = line:match("^(Basic %S+) ?(%S*)$")
  local headers = { ["Authorization"] = authorization }
  if address ~= "" then headers["X-Forwarded-For"] = address end
  return wrk.format("GET", "/api/v1/users/me", headers)
end)
