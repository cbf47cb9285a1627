-- wrk script of the load benchmark (LoadBenchmark starts wrk with it).
--   wrk ... -s tokens.lua <url> -- <path> [<token file> <first line> <count> [<header> [<pause ms>]]]
-- Without a token file, every request is a plain GET of <path>. With one, request n carries the n-th token of the
-- slice [first, first+count) as "Authorization: Bearer <token>": a distinct token per request, so no cache of
-- verified tokens can flatter the result. If the run outlasts the slice, it starts over and reports the reuse.
-- <header> sends it in another header instead (the same bytes, for a baseline run that no app authenticates).
-- <pause ms> > 0 makes each connection wait that long between requests (a paced run instead of a saturating one).

local path = "/"
tokens = {}
ntokens = 0
issued = 0
header = "Authorization"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  path = args[1] or "/"
  header = args[5] or header
  local pace = tonumber(args[6] or "0")
  if pace > 0 then
    delay = function() return pace end
  end
  if args[2] then
    local first, count = tonumber(args[3]), tonumber(args[4])
    local n = 0
    for line in io.lines(args[2]) do
      if n >= first + count then break end
      if n >= first then tokens[#tokens + 1] = line end
      n = n + 1
    end
    if #tokens < count then error("the token file holds fewer than " .. (first + count) .. " tokens") end
    ntokens = #tokens
  end
end

function request()
  issued = issued + 1
  if #tokens == 0 then
    return wrk.format("GET", path)
  end
  local token = tokens[((issued - 1) % #tokens) + 1]
  return wrk.format("GET", path, { [header] = "Bearer " .. token })
end

function done(summary, latency, requests)
  local reused = 0
  for _, thread in ipairs(threads) do
    local count = thread:get("ntokens")
    local n = thread:get("issued")
    if count > 0 and n > count then reused = reused + (n - count) end
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d reused=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), reused))
end
