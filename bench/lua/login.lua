-- POST /api/v1/auth_session/login as form fields, rotating over many users (one "email password [address]" per
-- line; with an address, the request says X-Forwarded-For: address, so the service sees that client).
--   wrk ... -s bench/lua/login.lua URL -- logins.txt
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua").rotate_over_lines(function(line)
  local email, password, address = line:match("^(%S+) (%S+) ?(%S*)$")
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  if address ~= "" then headers["X-Forwarded-For"] = address end
  return wrk.format("POST", "/api/v1/auth_session/login", headers,
    "email=" .. email:gsub("@", "%%40") .. "&password=" .. password)
end)
