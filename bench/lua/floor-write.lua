-- POST one of the floor instrument's writes for a random patient (bench/floor.sh): wrk ... -s floor-write.lua URL -- IDS OPERATION
-- (OPERATION: write, one durable insert; transaction, the statements a new episode needs)
package.path = package.path .. ";" .. debug.getinfo(1).source:match("@?(.*/)") .. "?.lua"
local common = require("common")
local ids, operation

function setup(thread) common.setup(thread) end

function init(args)
  ids = common.load_ids(args[1])
  operation = args[2]
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request() return wrk.format("POST", "/api/v1/floor/" .. ids[math.random(#ids)] .. "/" .. operation, nil, "") end

function response(status) common.count(status, {[200] = true}) end

function done(summary, latency, requests) common.done(summary, latency, requests) end
