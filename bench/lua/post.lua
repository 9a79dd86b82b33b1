-- POST a new episode to a random patient: wrk ... -s post.lua URL -- IDS
package.path = package.path .. ";" .. debug.getinfo(1).source:match("@?(.*/)") .. "?.lua"
local common = require("common")
local ids
local drugs = {"methotrexate", "azathioprine", "mycophenolate", "hydroxychloroquine"}

function setup(thread) common.setup(thread) end

function init(args)
  ids = common.load_ids(args[1])
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body = string.format('{"drug":"%s","route":"ORAL","dose":{"value":15,"unit":"mg/wk"},"startDate":"2024-0%d-1%d"}',
    drugs[math.random(#drugs)], math.random(1, 9), math.random(0, 9))
  return wrk.format("POST", "/api/v1/patients/" .. ids[math.random(#ids)] .. "/episodes", nil, body)
end

function response(status) common.count(status, {[201] = true}) end

function done(summary, latency, requests) common.done(summary, latency, requests) end
