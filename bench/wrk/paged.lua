-- The national contact list page by page: cycles through the cursors of every page (CURSORS_FILE, one per line,
-- the first line empty for the first page), either as GraphQL POSTs of QUERY_FILE (MODE=graphql, the document as a
-- JSON string) or as GETs of the floor's equivalent URL (MODE=floor). Each thread starts at a different page.
local common = require("common")

local mode = os.getenv("MODE") or "graphql"
local pageSize = os.getenv("PAGE_SIZE") or "50"
local cursors = common.lines(os.getenv("CURSORS_FILE"))
local threads = 0
local requests = {}
local position = 1

common.headers(mode == "graphql")

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

function init(args)
  local query = mode == "graphql" and common.read(os.getenv("QUERY_FILE")) or nil
  for i, cursor in ipairs(cursors) do
    if mode == "floor" then
      local path = "/floor/national-contact-list?first=" .. pageSize
      if cursor ~= "" then
        path = path .. "&after=" .. urlencode(cursor)
      end
      requests[i] = wrk.format("GET", path)
    else
      local variables = cursor == "" and "{}" or ('{"after":"' .. cursor .. '"}')
      requests[i] = wrk.format("POST", "/graphql", nil, '{"query":' .. query .. ',"variables":' .. variables .. '}')
    end
  end
  -- Spread the threads over the list so that they do not ask for the same page at the same moment.
  position = ((thread_index or 0) * 7919) % #requests + 1
end

function request()
  local r = requests[position]
  position = position % #requests + 1
  return r
end

done = common.done
