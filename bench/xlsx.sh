#!/usr/bin/env bash
# XLSX benchmark: ROWS × 10 columns written by tools nobody here wrote.
# NOHIN_BENCH_KIND=openpyxl (default): openpyxl write_only writes numbers,
# dates, booleans and texts (inline strings). NOHIN_BENCH_KIND=lo: the same
# saved again by LibreOffice (shared strings, LibreOffice's styles, booleans as
# formulas); LibreOffice writes ~570 bytes per row, so 1,000,000 rows pass the
# 512 MB inflation limit (the workbook is then XLSX-MALFORMED, not read): use
# ≤ 800,000 rows for that kind. The workbook is made once and kept in
# $NOHIN_BENCH_CACHE (1,000,000 rows take minutes to make).
#
# Paired runs in one hyperfine invocation (1-minute load printed before and
# after): the reference `unzip -p BOOK xl/worksheets/sheet1.xml | xmllint
# --stream --noout -` (one streaming parse of the same sheet; unzip and
# xmllint run on two cores at once), `nohin lint --quiet` (a large sheet is
# inflated, parsed and checked on three threads), nohin with
# NOHIN_XLSX_SERIAL=1 (one thread does all three), and nohin pinned to one core
# (`taskset -c 0`) so the single-core ratio shows. Then one run each under
# /usr/bin/time -v for peak RSS and user+sys CPU (the steadier figure on a
# shared machine).
# Targets: nohin wall ≤ 2× the reference, peak RSS < 64 MB.
# Usage: bench/xlsx.sh [BUILD_DIR] [ROWS] [RUNS]   (the machine may be shared: say so)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build}"
nohin_bin="${NOHIN_BIN:-$build/nohin}" # NOHIN_BIN: another build's binary (before/after runs)
rows="${2:-1000000}"
runs="${3:-3}"
cache="${NOHIN_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nohin-bench}"
mkdir -p "$cache"
kind="${NOHIN_BENCH_KIND:-openpyxl}"
book="$cache/xlsx_${kind}_${rows}.xlsx"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ ! -s "$book" ]; then
  echo "making the workbook ($kind) …"
  /usr/bin/python3 "$here/xlsx_book.py" "$work/book.xlsx" "$rows"
  if [ "$kind" = lo ]; then
    soffice -env:UserInstallation="file://$work/lo_profile" --headless --convert-to xlsx \
      --outdir "$work/lo" "$work/book.xlsx" >/dev/null 2>&1
    mv "$work/lo/book.xlsx" "$book"
  else
    mv "$work/book.xlsx" "$book"
  fi
fi
sheet=xl/worksheets/sheet1.xml
echo "workbook: $book: $rows rows × 10 columns, $(stat -c %s "$book") bytes zipped," \
  "$sheet $(unzip -l "$book" "$sheet" | awk 'NR==4{print $1}') bytes," \
  "sharedStrings $(unzip -l "$book" xl/sharedStrings.xml | awk 'NR==4{print $1+0}') bytes"

ref="unzip -p '$book' $sheet | xmllint --stream --noout -"
lint="'$nohin_bin' lint --quiet --lang en '$book' >/dev/null; test \$? -le 1"
pinned="taskset -c 0 '$nohin_bin' lint --quiet --lang en '$book' >/dev/null; test \$? -le 1"
serial="NOHIN_XLSX_SERIAL=1 '$nohin_bin' lint --quiet --lang en '$book' >/dev/null; test \$? -le 1"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --runs "$runs" --warmup "${NOHIN_BENCH_WARMUP:-1}" --export-json "$work/h.json" \
  -n reference "$ref" -n nohin "$lint" -n nohin-serial "$serial" -n nohin-pinned "$pinned"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

measure() { # label, command… -> "label wall_s rss_kb cpu_s"
  local label="$1"
  shift
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || true
  awk -F': ' -v l="$label" '/Elapsed \(wall clock\)/{n=split($2,a,":"); w=0; for(i=1;i<=n;i++) w=w*60+a[i]}
    /Maximum resident set size/{r=$2} /User time/{u=$2} /System time/{s=$2}
    END{printf "%s %.2f %d %.2f\n", l, w, r, u+s}' "$work/time.txt"
}
read -r _ rw rr rc <<<"$(measure reference sh -c "$ref")"
read -r _ nw nr nc <<<"$(measure nohin "$nohin_bin" lint --quiet --lang en "$book")"
echo "time -v: reference wall ${rw} s, user+sys ${rc} s, peak RSS $((rr / 1024)) MB (xmllint; unzip runs beside it)"
echo "time -v: nohin     wall ${nw} s, user+sys ${nc} s, peak RSS $((nr / 1024)) MB"
echo "CPU ratio nohin/reference (user+sys): $(awk -v a="$nc" -v b="$rc" 'BEGIN{printf "%.2f", a/b}')"
python3 - "$work/h.json" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ref = r["reference"]["mean"]
for name in ("nohin", "nohin-serial", "nohin-pinned"):
    print(f"ratio {name}/reference (mean wall): {r[name]['mean'] / ref:.2f} (target ≤ 2)")
EOF
ok=1
[ "$nr" -lt $((64 * 1024)) ] || { echo "RSS over target"; ok=0; }
[ $ok = 1 ]
