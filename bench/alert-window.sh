#!/bin/sh
# Builds the data directory the judged alert set (bench/alert-judgments.jsonl) is measured on:
# the 4,527 real papers listed in ISO weeks 2025-W26, 2026-W11, 2026-W26 and 2026-W27, with
# their MiniLM vectors. Usage: bench/alert-window.sh [DATA_DIR] (default /tmp/alert-window).
set -eu
data=${1:-/tmp/alert-window}
src=${PAPERBOY_PAPERS:-../shared/data/papers/arxiv-cs-daily}
dir=$(dirname "$0")
mkdir -p "$data"
for f in 2025-06-h2 2025-07-h1 2026-03-h1 2026-06-h2 2026-07-h1; do
  gzip -dc "$src/arxiv-cs-daily-$f.jsonl.gz"
done | python3 -c '
import sys, json, datetime
keep = {(2025, 26), (2026, 11), (2026, 26), (2026, 27)}
for line in sys.stdin:
    if tuple(datetime.date.fromisoformat(json.loads(line)["listed_on"]).isocalendar()[:2]) in keep:
        sys.stdout.write(line)
' > "$data/window.jsonl"
PAPERBOY_SOURCES=none "$dir/../paperboy" --data "$data" import "$data/window.jsonl"
