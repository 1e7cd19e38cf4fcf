#!/usr/bin/env bash
# Web search rate across several running `paperboy serve` nodes (e.g. two nodes on one SolrCloud),
# with wrk (Debian package "wrk") over loopback.
#
#   bench/web-nodes.sh DATA_DIR SECONDS CONNECTIONS URL [URL...]
#
# Sends GET /search?q=<first five words of a title in DATA_DIR> to every URL at once for SECONDS,
# the CONNECTIONS split evenly between the URLs, every query different (node i of N takes the
# queries i, i+N, ...; the warm-up takes them from the other end), and prints each node's wrk
# figures and the total requests/s. Start the nodes first (docs/deploy.md, BENCHMARKS.md).
set -euo pipefail

data=${1:?usage: bench/web-nodes.sh DATA_DIR SECONDS CONNECTIONS URL [URL...]}
secs=${2:?seconds}
conns=${3:?connections}
shift 3
urls=("$@")
[ ${#urls[@]} -gt 0 ] || { echo "give at least one node URL" >&2; exit 1; }
n=${#urls[@]}
per=$(( conns / n ))
[ "$per" -ge 1 ] || { echo "fewer connections than nodes" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }

# shellcheck source=bench/queries.sh
. "$here/queries.sh"
write_queries "$root/paperboy" "$data" "$work/queries.txt"

script() { # $1: node index, $2: "up" from the start or "down" from the end
    cat <<LUA
local queries = {}
for line in io.lines("$work/queries.txt") do queries[#queries + 1] = line end
local i = $1
request = function()
  i = i + $n
  local k = (i - 1) % #queries + 1
  local q = "$2" == "up" and queries[k] or queries[#queries + 1 - k]
  return wrk.format("GET", "/search?q=" .. q)
end
LUA
}

echo "== warm-up (20 s, every node)"
for i in "${!urls[@]}"; do
    script "$((i + 1))" down > "$work/warm$i.lua"
    wrk -t1 -c"$per" -d20s -s "$work/warm$i.lua" "${urls[$i]}" > /dev/null &
done
wait
echo "== GET /search?q=<title words> (${secs}s, $per connections to each of $n nodes)"
for i in "${!urls[@]}"; do
    script "$((i + 1))" up > "$work/run$i.lua"
    wrk -t1 -c"$per" -d"${secs}s" --latency -s "$work/run$i.lua" "${urls[$i]}" > "$work/out$i.txt" &
done
wait
total=0
for i in "${!urls[@]}"; do
    echo "-- ${urls[$i]}"
    cat "$work/out$i.txt"
    rate=$(awk '/Requests\/sec/ {print $2}' "$work/out$i.txt")
    total=$(awk -v a="$total" -v b="$rate" 'BEGIN {print a + b}')
done
echo "== total: $total requests/s over $n node(s)"
