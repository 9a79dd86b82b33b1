-- 90% reads (patient, timeline, assessment) and 10% episode writes: wrk ... -s mixed.lua URL -- IDS
package.path = package.path .. ";" .. debug.getinfo(1).source:match("@?(.*/)") .. "?.lua"
local common = require("common")
local ids
local reads = {"/api/v1/patients/%s", "/api/v1/patients/%s/timeline", "/api/v1/patients/%s/assessment"}

function setup(thread) common.setup(thread) end

function init(args)
  ids = common.load_ids(args[1])
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  local id = ids[math.random(#ids)]
  if math.random(10) == 1 then
    -- a header table replaces wrk's defaults, so it carries the bearer token too
    local headers = {["Content-Type"] = "application/json", ["Authorization"] = wrk.headers["Authorization"]}
    return wrk.format("POST", "/api/v1/patients/" .. id .. "/episodes", headers,
      '{"drug":"methotrexate","route":"SC","dose":{"value":20,"unit":"mg/wk"},"startDate":"2024-03-01"}')
  end
  return wrk.format("GET", string.format(reads[math.random(#reads)], id))
end

function response(status) common.count(status, {[200] = true, [201] = true}) end

function done(summary, latency, requests) common.done(summary, latency, requests) end
