#!/usr/bin/env bash
# Load test of the web site with wrk (Debian package "wrk") over loopback.
#
#   bench/web-load.sh DATA_DIR [SECONDS] [CONNECTIONS]
#
# Starts `paperboy serve` on DATA_DIR (already imported and indexed), warms it up, then measures
#   1. GET /                      (the latest day's feed)
#   2. GET /search?q=...          (hybrid search; a different query on every request: the first
#                                  five words of the titles in DATA_DIR, never repeated, so the
#                                  server's query-vector cache never helps)
# for SECONDS each (default 60) with CONNECTIONS connections (default 16), and prints wrk's
# figures (requests/s, latency percentiles, errors). With SOAK=300 it then runs both mixed for
# that many seconds, sampling the server's resident memory and heap after GC every 15 s.
set -euo pipefail

data=${1:?usage: bench/web-load.sh DATA_DIR [SECONDS] [CONNECTIONS]}
secs=${2:-60}
conns=${3:-16}
port=${PORT:-8111}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }

# shellcheck source=bench/queries.sh
. "$here/queries.sh"
# The warm-up reads the queries from the end, the measurements from the start: none is sent twice.
write_queries "$root/paperboy" "$data" "$work/queries.txt"

# Scheduled sources off: a benchmark never fetches from huggingface.co or arxiv.org.
PAPERBOY_SOURCES=${PAPERBOY_SOURCES:-none} PAPERBOY_JAVA_OPTS="${PAPERBOY_JAVA_OPTS:-} -Xlog:gc:file=$work/gc.log" \
    "$root/paperboy" --data "$data" serve --port "$port" > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 1
done
# The model loads in the background; wait until search by meaning is ready.
sleep 10
pid=$(pgrep -f "java.* serve --port $port" | head -1 || true)

search_script() { # $1: "up" reads from the start, "down" from the end
    cat <<LUA
local queries = {}
for line in io.lines("$work/queries.txt") do queries[#queries + 1] = line end
local i = 0
request = function()
  i = i % #queries + 1
  local q = "$1" == "up" and queries[i] or queries[#queries + 1 - i]
  return wrk.format("GET", "/search?q=" .. q)
end
LUA
}
search_script up > "$work/search.lua"
search_script down > "$work/warmup.lua"
cat > "$work/mixed.lua" <<LUA
local queries = {}
for line in io.lines("$work/queries.txt") do queries[#queries + 1] = line end
local i = 0
request = function()
  i = i + 1
  if i % 8 == 0 then
    local half = math.floor(#queries / 2)
    return wrk.format("GET", "/search?q=" .. queries[half + (i / 8) % half])
  end
  return wrk.format("GET", "/")
end
LUA

echo "== warm-up"
wrk -t1 -c"$conns" -d20s "http://127.0.0.1:$port/" >/dev/null
wrk -t1 -c4 -d20s -s "$work/warmup.lua" "http://127.0.0.1:$port" >/dev/null
echo "== GET / (${secs}s, $conns connections)"
wrk -t1 -c"$conns" -d"${secs}s" --latency "http://127.0.0.1:$port/"
echo "== GET /search?q=<title words> (${secs}s, $conns connections)"
wrk -t1 -c"$conns" -d"${secs}s" --latency -s "$work/search.lua" "http://127.0.0.1:$port"

if [ -n "${SOAK:-}" ]; then
    echo "== soak: / and 1 in 8 /search for ${SOAK}s; memory every 15 s (RSS MB, heap after last GC)"
    wrk -t1 -c"$conns" -d"${SOAK}s" --latency -s "$work/mixed.lua" "http://127.0.0.1:$port" > "$work/soak.txt" &
    load=$!
    t=0
    while kill -0 $load 2>/dev/null; do
        rss=$(ps -o rss= -p "$pid" | awk '{printf "%.0f", $1 / 1024}')
        heap=$(grep -o 'Pause Young[^>]*->[0-9]*M' "$work/gc.log" | tail -1 | sed 's/.*->//')
        echo "t=${t}s rss=${rss}MB heap_after_gc=${heap:-?}"
        sleep 15
        t=$((t + 15))
    done
    cat "$work/soak.txt"
fi
errors=$(grep -c ' ERROR ' "$work/serve.err" || true)
echo "== server log: $errors ERROR lines"
