-- Conditional GETs: wrk ... -s revalidate.lua URL -- TAGS TEMPLATE, where each line of TAGS is "id etag" (from
-- bench/prime.py); every request sends the ETag that id's view was served with, so an unchanged history is 304.
package.path = package.path .. ";" .. debug.getinfo(1).source:match("@?(.*/)") .. "?.lua"
local common = require("common")
local ids, tags, template

function setup(thread) common.setup(thread) end

function init(args)
  ids, tags = {}, {}
  for line in io.lines(args[1]) do
    local id, tag = line:match("^(%S+)%s+(.+)$")
    if id then ids[#ids + 1] = id; tags[#tags + 1] = tag end
  end
  template = args[2]
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  local i = math.random(#ids)
  local headers = {["If-None-Match"] = tags[i], ["Authorization"] = wrk.headers["Authorization"]}
  return wrk.format("GET", (template:gsub("{id}", ids[i])), headers)
end

function response(status) common.count(status, {[304] = true}) end

function done(summary, latency, requests) common.done(summary, latency, requests) end
