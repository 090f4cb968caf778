#!/bin/bash
# Throughput of the personal-data engine against `grep -cP` running one
# combined pattern (the engine's own candidate pattern) over the same file,
# in the same run. Target: the engine within 3x grep's wall time.
#   bench/pii.sh [BUILD_DIR] [SIZE_MB]      (defaults: build, 200)
# The machine may be shared: run it when it is quiet, and read the figures
# as indicative. Each side runs twice; the better time counts.
set -euo pipefail
build=${1:-build}
size=${2:-200}
gen=$build/fixtures/gen_pii_text
scan=$build/bench/pii_scan
[ -x "$gen" ] && [ -x "$scan" ] || { echo "build first: cmake --build $build" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
text=$tmp/mixed.txt
"$gen" "$text" "$size"
pattern=$("$scan" --pattern)
cat "$text" > /dev/null # page cache warm for both sides

best() { # command... -> best wall seconds of two runs on stdout
    local b=""
    for _ in 1 2; do
        local s e t
        s=$(date +%s.%N)
        "$@" > "$tmp/out" 2>&1 || true
        e=$(date +%s.%N)
        t=$(awk -v s="$s" -v e="$e" 'BEGIN { print e - s }')
        if [ -z "$b" ] || awk -v t="$t" -v b="$b" 'BEGIN { exit !(t < b) }'; then b=$t; fi
    done
    printf '%.3f\n' "$b"
}

bytes=$(stat -c %s "$text")
g=$(LC_ALL=C.UTF-8 best grep -cP "$pattern" "$text")
glines=$(LC_ALL=C.UTF-8 grep -cP "$pattern" "$text")
p=$(best "$scan" "$text")
hits=$("$scan" "$text" | awk '$1 == "total" { print $2 }')
calc() { awk "BEGIN { print $1 }"; }
mb=$(calc "$bytes / 1048576")
printf 'input:   %d bytes of mixed Japanese text (%s MB)\n' "$bytes" "$size"
printf 'grep -cP combined pattern: %8.3f s  %7.1f MB/s  (%s matching lines)\n' "$g" "$(calc "$mb / $g")" "$glines"
printf 'nohin pii engine:          %8.3f s  %7.1f MB/s  (%s findings)\n' "$p" "$(calc "$mb / $p")" "$hits"
printf 'ratio engine/grep: %.2fx (target <= 3x)\n' "$(calc "$p / $g")"
