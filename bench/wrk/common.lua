-- Shared by the scenario scripts (found through LUA_PATH, which run.sh sets): request headers, file reading, and
-- one machine-readable summary line per run, which run.sh turns into the markdown table.
local common = {}

-- GraphQL requests are POSTs of JSON asking for the GraphQL-over-HTTP media type; the floor is a plain GET.
-- With TOKEN set (an office token from `Directory.Api token --role commissioner-office`), every request carries it,
-- so that once authentication is on, contact lists are measured with the contacts the office sees.
function common.headers(graphql)
  if graphql then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Accept"] = "application/graphql-response+json"
  else
    wrk.headers["Accept"] = "application/json"
  end
  local token = os.getenv("TOKEN")
  if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
end

function common.read(path)
  local file = assert(io.open(assert(path, "a file path is required"), "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

-- One entry per line, empty lines included (an empty cursor means "the first page").
function common.lines(path)
  local lines = {}
  for line in (common.read(path) .. "\n"):gmatch("(.-)\r?\n") do
    lines[#lines + 1] = line
  end
  if lines[#lines] == "" and #lines > 1 then
    lines[#lines] = nil
  end
  return lines
end

function common.done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "socket_errors=%d non2xx=%d timeouts=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors.connect + errors.read + errors.write, errors.status, errors.timeout))
end

return common
