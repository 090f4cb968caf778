#!/usr/bin/env bash
# XLSX benchmark: a generated 1,000,000-row × 10-column workbook (libxlsxwriter
# constant_memory mode). Peak RSS and wall time of `nohin lint --quiet` against
# `unzip -p book.xlsx xl/worksheets/sheet1.xml | xmllint --stream --noout -`,
# measured in the same run. Targets: RSS < 64 MB, wall ≤ 2× the pipeline.
# Usage: bench/xlsx.sh [BUILD_DIR] [ROWS]   (the machine may be shared: say so)
set -euo pipefail
build="${1:-build}"
rows="${2:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
book="$work/book.xlsx"
"$build/fixtures/gen_xlsx_big" "$book" "$rows" 10
echo "workbook: $rows rows × 10 columns, $(stat -c %s "$book") bytes zipped," \
     "sheet1.xml $(unzip -l "$book" xl/worksheets/sheet1.xml | awk 'NR==4{print $1}') bytes"

measure() { # label, command…  -> prints "label wall_s rss_kb"
  local label="$1"; shift
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$work/time.txt")
  cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{print u+s}' "$work/time.txt")
  echo "$label $wall $rss $cpu"
}
ref=$(measure pipeline sh -c "unzip -p '$book' xl/worksheets/sheet1.xml | xmllint --stream --noout -")
nohin=$(measure nohin "${NOHIN_BIN:-$build/nohin}" lint --quiet --lang en "$book")
read -r _ ref_wall ref_rss ref_cpu <<<"$ref"
read -r _ n_wall n_rss n_cpu <<<"$nohin"
ratio=$(awk -v a="$n_wall" -v b="$ref_wall" 'BEGIN{printf "%.2f", a/b}')
echo "reference (unzip | xmllint --stream): wall ${ref_wall} s, CPU ${ref_cpu} s (unzip + xmllint, run in parallel), peak RSS $((ref_rss / 1024)) MB"
echo "nohin lint --quiet:                   wall ${n_wall} s, CPU ${n_cpu} s, peak RSS $((n_rss / 1024)) MB"
uptime
echo "ratio nohin/reference: ${ratio} (target ≤ 2), RSS target < 64 MB"
ok=1
[ "$n_rss" -lt $((64 * 1024)) ] || { echo "RSS over target"; ok=0; }
awk -v r="$ratio" 'BEGIN{exit !(r <= 2.0)}' || { echo "wall time over target"; ok=0; }
[ $ok = 1 ]
