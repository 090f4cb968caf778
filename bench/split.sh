#!/bin/bash
# Benchmark of `nohin split` against `qpdf --split-pages=1000` on the same
# generated 2,500-page report (a bookmark every 300 pages), paired runs in one
# hyperfine call. nohin also extracts every page's text with poppler to plan
# the parts (the character limit) and prunes bookmarks and links per part.
# Target (issue 14): ratio <= 1.5x. The machine may be shared: compare the ratio.
#
# Usage: bench/split.sh [BUILD_DIR]   (default: build)
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd)
NOHIN=$BUILD/nohin
GEN=$BUILD/fixtures/gen_report_pdf
for p in "$NOHIN" "$GEN"; do [ -x "$p" ] || { echo "missing $p (build first)"; exit 2; }; done
command -v hyperfine >/dev/null || { echo "hyperfine missing (apt-get install hyperfine)"; exit 2; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
echo "load: $(uptime)"
"$GEN" in.pdf 2500 30 300
ls -l in.pdf | awk '{print "  input: " $5 " bytes, 2,500 pages"}'
hyperfine -N --warmup 1 --runs ${RUNS:-5} --export-json r.json \
    --prepare 'rm -rf q n' \
    -n "qpdf --split-pages=1000" "sh -c 'mkdir -p q && qpdf --split-pages=1000 in.pdf q/out.pdf'" \
    -n "nohin split" "$NOHIN split -o n in.pdf"
/usr/bin/python3 - r.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(f"  nohin split / qpdf --split-pages: {r[1]['mean'] / r[0]['mean']:.2f} x "
      f"({r[1]['mean']:.3f} s vs {r[0]['mean']:.3f} s)")
PY
echo "load: $(uptime)"
