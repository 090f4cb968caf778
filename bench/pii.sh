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

best() { # command... -> "wall cpu" (seconds) of the better of two runs
    local b="" bc=""
    for _ in 1 2; do
        /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" > "$tmp/out" 2>&1 || true
        read -r w u s < "$tmp/time"
        local c
        c=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
        if [ -z "$b" ] || awk -v t="$w" -v b="$b" 'BEGIN { exit !(t < b) }'; then b=$w; bc=$c; fi
    done
    echo "$b $bc"
}

bytes=$(stat -c %s "$text")
read -r g gc <<< "$(LC_ALL=C.UTF-8 best grep -cP "$pattern" "$text")"
glines=$(LC_ALL=C.UTF-8 grep -cP "$pattern" "$text")
read -r p pc <<< "$(best "$scan" "$text")"
hits=$("$scan" "$text" | awk '$1 == "total" { print $2 }')
calc() { awk "BEGIN { print $1 }"; }
mb=$(calc "$bytes / 1048576")
printf 'input:   %d bytes of mixed Japanese text (%s MB)\n' "$bytes" "$size"
printf 'grep -cP combined pattern: wall %8.3f s (%6.1f MB/s)  cpu %8.3f s  (%s matching lines)\n' "$g" "$(calc "$mb / $g")" "$gc" "$glines"
printf 'nohin pii engine:          wall %8.3f s (%6.1f MB/s)  cpu %8.3f s  (%s findings)\n' "$p" "$(calc "$mb / $p")" "$pc" "$hits"
printf 'ratio engine/grep: wall %.2fx (target <= 3x), cpu %.2fx\n' "$(calc "$p / $g")" "$(calc "$pc / $gc")"
printf 'load average at the end: %s (the machine may be shared)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
