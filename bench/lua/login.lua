-- POST /api/v1/auth_session/login as form fields, rotating over many users (one "email password" per line).
--   wrk ... -s bench/lua/login.lua URL -- logins.txt
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local form = { ["Content-Type"] = "application/x-www-form-urlencoded" }
dofile(dir .. "common.lua").rotate_over_lines(function(line)
  local email, password = line:match("^(%S+) (.+)$")
  return wrk.format("POST", "/api/v1/auth_session/login", form,
    "email=" .. email:gsub("@", "%%40") .. "&password=" .. password)
end)
