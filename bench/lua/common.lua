-- Shared by the scenario scripts: loads ids, counts responses per thread, reports one JSON line.
local M = {}
local threads = {}

function M.load_ids(path)
  local ids = {}
  for line in io.lines(path) do ids[#ids + 1] = line end
  return ids
end

function M.setup(thread)
  thread:set("ok", 0)
  thread:set("unexpected", 0)
  thread:set("codes", "")
  table.insert(threads, thread)
end

-- Runs in each thread's own Lua state: globals here are per thread.
function M.count(status, expected)
  if expected[status] then
    ok = (ok or 0) + 1
  else
    unexpected = (unexpected or 0) + 1
    seen = seen or {}
    seen[status] = (seen[status] or 0) + 1
    local parts = {}
    for code, n in pairs(seen) do parts[#parts + 1] = code .. ":" .. n end
    codes = table.concat(parts, ",")
  end
end

function M.done(summary, latency, requests)
  local ok, unexpected, codes = 0, 0, {}
  for _, t in ipairs(threads) do
    ok = ok + (t:get("ok") or 0)
    unexpected = unexpected + (t:get("unexpected") or 0)
    local c = t:get("codes") or ""
    if c ~= "" then codes[#codes + 1] = c end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"max_ms":%.3f,' ..
    '"ok":%d,"unexpected_status":%d,"unexpected_codes":"%s","socket_errors":%d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000, ok, unexpected, table.concat(codes, ";"),
    e.connect + e.read + e.write + e.timeout))
end

return M
