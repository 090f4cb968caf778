#!/bin/bash
# Benchmark of `nohin split` against `qpdf --split-pages=1000` on the same
# generated 2,500-page report (a bookmark every 300 pages), paired runs in one
# hyperfine call. nohin also extracts every page's text with poppler to plan
# the parts (the character limit) and rebuilds bookmarks and links per part.
# Target (issue 14): ratio <= 1.5x. The machine may be shared: compare the
# ratios, and the CPU times (user+sys) more than the wall times.
#
# Usage: bench/split.sh [BUILD_DIR]   (default: build)
#   RUNS=N (default 5); NOHIN_BEFORE=/path/to/an/older/nohin adds it as a third
#   command, for a before/after comparison in the same run.
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
extra=()
if [ -n "${NOHIN_BEFORE:-}" ]; then
  extra=(-n "nohin split (before)" "$NOHIN_BEFORE split -o b in.pdf")
fi
hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json r.json \
    --prepare 'rm -rf q n b' \
    -n "qpdf --split-pages=1000" "sh -c 'mkdir -p q && qpdf --split-pages=1000 in.pdf q/out.pdf'" \
    -n "nohin split" "$NOHIN split -o n in.pdf" "${extra[@]}"
/usr/bin/python3 - r.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
for x in r:
    print(f"  {x['command']}: wall {x['mean']:.3f} s ± {x['stddev']:.3f}, "
          f"CPU user {x['user']:.3f} + sys {x['system']:.3f} = {x['user'] + x['system']:.3f} s")
q = r[0]
for x in r[1:]:
    print(f"  {x['command']} / qpdf --split-pages: wall {x['mean'] / q['mean']:.2f} x, "
          f"CPU {(x['user'] + x['system']) / (q['user'] + q['system']):.2f} x")
PY
echo "load: $(uptime)"
