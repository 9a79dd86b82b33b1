-- GET a path template with {id} replaced by a random id from a file, {page} by a page number and {date} by a day of
-- the past year (each as-of date is a view of its own: a read of a view not seen before): wrk ... -s get.lua URL -- IDS TEMPLATE
package.path = package.path .. ";" .. debug.getinfo(1).source:match("@?(.*/)") .. "?.lua"
local common = require("common")
local ids, template

function setup(thread) common.setup(thread) end

function init(args)
  ids = common.load_ids(args[1])
  template = args[2]
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  local path = template:gsub("{id}", ids[math.random(#ids)]):gsub("{page}", tostring(math.random(0, 99)))
    :gsub("{date}", os.date("!%Y-%m-%d", os.time() - 86400 * math.random(1, 365)))
  return wrk.format("GET", path)
end

function response(status) common.count(status, {[200] = true}) end

function done(summary, latency, requests) common.done(summary, latency, requests) end
