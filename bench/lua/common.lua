-- Shared by the wrk scripts: read a file of lines, and print one JSON line of results for run.sh.
local M = {}

function M.read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then lines[#lines + 1] = line end
  end
  assert(#lines > 0, "no lines in " .. path)
  return lines
end

function M.report(summary, latency)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"errors":%d,"non2xx":%d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors, summary.errors.status))
end

-- Makes the calling script send, in turn, one request per line of the file named after "--": wrk's setup, init,
-- request and done, with each thread starting at a different line. build(line) returns the request.
function M.rotate_over_lines(build)
  local threads, requests, index = {}, {}, 0

  function setup(thread)
    thread:set("tid", #threads)
    threads[#threads + 1] = thread
  end

  function init(args)
    for i, line in ipairs(M.read_lines(args[1])) do
      requests[i] = build(line)
    end
    index = ((tid or 0) * 7919) % #requests
  end

  function request()
    index = index % #requests + 1
    return requests[index]
  end

  function done(summary, latency)
    M.report(summary, latency)
  end
end

return M
