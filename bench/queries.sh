#!/usr/bin/env bash
# Never-seen search queries for the web load scripts (sourced by web-load.sh and web-nodes.sh).
#
#   write_queries PAPERBOY DATA_DIR OUT
#
# Writes to OUT the distinct first five words of the titles of the papers in DATA_DIR, shuffled
# with a fixed seed and URL-encoded, one per line: a run sends each at most once, so the server's
# query-vector cache never helps.
write_queries() {
    local paperboy=$1 data=$2 out=$3
    "$paperboy" --data "$data" export --out "$out.papers.jsonl" >/dev/null
    jq -r '.title' "$out.papers.jsonl" | cut -d' ' -f1-5 | sort -u | shuf --random-source=<(yes) \
        | jq -sRr 'split("\n")[] | select(length > 0) | @uri' > "$out"
    rm -f "$out.papers.jsonl"
}
