-- Rotates over the ids in $IDS_FILE; sends $AUTH as Authorization if set;
-- prints p50/p95/p99 in milliseconds at the end.
local ids = {}
local path_prefix = os.getenv("PATH_PREFIX") or "/api/v1/practitioners/"
local auth = os.getenv("AUTH")
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
local i = 0
request = function()
  i = i + 1
  local headers = {}
  if auth then headers["Authorization"] = auth end
  return wrk.format("GET", path_prefix .. ids[(i % #ids) + 1], headers)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50=%.2f p95=%.2f p99=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
