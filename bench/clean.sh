#!/bin/bash
# Benchmark of `nohin clean` against reference tools, in the same run:
#  1. a generated 1,000-page report PDF: `qpdf in.pdf out.pdf` (a plain full
#     rewrite) vs `nohin clean --file` (the sanitiser alone) vs `nohin clean` of
#     a bundle holding it (sanitiser + both lint runs). Target: sanitiser <= 2x qpdf.
#  2. a generated 100,000-row workbook: `mat2 --unknown-members omit` vs
#     `nohin clean --file` (when mat2 is installed: apt-get install mat2).
# The machine may be shared: figures are wall-clock means of a few runs; compare
# the ratios, not the absolute times.
#
# Usage: bench/clean.sh [BUILD_DIR]   (default: build)
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd) # absolute: the bench runs in a temporary folder
NOHIN=${NOHIN_BIN:-$BUILD/nohin} # NOHIN_BIN: another build's binary (before/after runs)
GEN=$BUILD/fixtures/gen_clean_bench
for p in "$NOHIN" "$GEN"; do [ -x "$p" ] || { echo "missing $p (build first)"; exit 2; }; done
command -v hyperfine >/dev/null || { echo "hyperfine missing (apt-get install hyperfine)"; exit 2; }
command -v qpdf >/dev/null || { echo "qpdf missing"; exit 2; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
printf '[bundle]\norganisation = 株式会社ベンチマーク総研\n' >nohin.ini

ratio() { # json, name of the reference command index, name of ours -> ratio of means
    /usr/bin/python3 - "$@" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
ref = r[int(sys.argv[2])]["mean"]
for i in sys.argv[3:]:
    m = r[int(i)]["mean"]
    print(f"  {r[int(i)]['command']}: {m:.3f} s = {m / ref:.2f} x {r[int(sys.argv[2])]['command']} ({ref:.3f} s)")
PY
}

echo "== 1,000-page PDF"
"$GEN" pdf in.pdf 1000
mkdir -p bundle/公表用 && cp in.pdf bundle/公表用/report.pdf && cp nohin.ini bundle/
ls -l in.pdf | awk '{print "  input: " $5 " bytes"}'
hyperfine --style basic -i --warmup 1 --runs 5 --export-json pdf.json \
    -n "qpdf in.pdf out.pdf" "qpdf in.pdf q.pdf" \
    -n "nohin clean --file" "$NOHIN clean -q --force --config nohin.ini --file in.pdf -o n.pdf" \
    -n "nohin clean BUNDLE" "$NOHIN clean -q --force bundle -o outb" >/dev/null
ratio pdf.json 0 1 2
qpdf --check n.pdf >/dev/null && echo "  qpdf --check on the output: ok"
pdftotext -q in.pdf a.txt && pdftotext -q n.pdf b.txt && cmp -s a.txt b.txt &&
    echo "  pdftotext: same text as the input"

echo "== 100,000-row workbook"
"$GEN" xlsx big.xlsx 100000
ls -l big.xlsx | awk '{print "  input: " $5 " bytes"}'
if command -v mat2 >/dev/null && cp big.xlsx probe.xlsx && mat2 --unknown-members omit probe.xlsx >/dev/null 2>&1; then
    hyperfine --style basic -i --runs 2 --export-json xlsx.json \
        -n "mat2 --unknown-members omit" --prepare "rm -f m.cleaned.xlsx; cp big.xlsx m.xlsx" \
        "mat2 --unknown-members omit m.xlsx" \
        -n "nohin clean --file" \
        "$NOHIN clean -q --force --config nohin.ini --file big.xlsx -o n.xlsx" >/dev/null
    ratio xlsx.json 0 1
else
    echo "  mat2 missing or refused the file: nohin alone"
    hyperfine --style basic --runs 3 \
        "$NOHIN clean -q --force --config nohin.ini --file big.xlsx -o n.xlsx" | grep -E "Time"
fi
echo "(shared machine: wall-clock times vary with load; ratios are from the same run)"
