#!/usr/bin/env bash
# CSV benchmark: a 1 GB CSV generated on the fly (UTF-8, Japanese text,
# numbers, quoted fields); throughput of `nohin lint --quiet` against `wc -l`
# on the same file. Usage: bench/csv.sh [BUILD_DIR] [MB]   (shared machine: say so)
set -euo pipefail
build="${1:-build}"
mb="${2:-1024}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
csv="$work/data.csv"
/usr/bin/python3 - "$csv" "$mb" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
target = mb * 1024 * 1024
regions = ["北区", "南区", "東区", "西区", "中央区", "港区", "緑区", "青葉区"]
with open(path, "w", encoding="utf-8", newline="\n") as f:
    f.write("番号,地域,人口,増減,備考\n")
    block, i = [], 0
    size = 0
    while size < target:
        lines = []
        for _ in range(10000):
            i += 1
            lines.append(f'{i},{regions[i % 8]},{1000 + i % 9973},{(i % 7) - 3},"注記 {i % 100}, 確認済み"\n')
        chunk = "".join(lines)
        f.write(chunk)
        size += len(chunk.encode("utf-8"))
PY
bytes=$(stat -c %s "$csv")
echo "CSV: $bytes bytes, $(wc -l < "$csv") lines"
t() { /usr/bin/time -f "%e %M %U %S" "$@" >/dev/null 2>"$work/t.txt" || true; tail -1 "$work/t.txt"; }
read -r wc_s wc_kb wc_u wc_sys <<<"$(t wc -l "$csv")"
read -r n_s n_kb n_u n_sys <<<"$(t "$build/nohin" lint --quiet --lang en "$csv")"
mbps() { awk -v b="$bytes" -v s="$1" 'BEGIN{ if (s <= 0) s = 0.01; printf "%.0f", b / 1048576 / s }'; }
echo "wc -l:              ${wc_s} s wall ($(mbps "$wc_s") MB/s), CPU ${wc_u} s user + ${wc_sys} s sys, peak RSS $((wc_kb / 1024)) MB"
echo "nohin lint --quiet: ${n_s} s wall ($(mbps "$n_s") MB/s), CPU ${n_u} s user + ${n_sys} s sys, peak RSS $((n_kb / 1024)) MB"
echo "(nohin also hashes the file (SHA-256) and runs libmagic on it; the machine may be shared: see the load average)"
uptime
awk -v a="$n_s" -v b="$wc_s" 'BEGIN{ if (b <= 0) b = 0.01; printf "ratio nohin/wc: %.1f\n", a / b }'
