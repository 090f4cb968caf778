#!/bin/bash
# Benchmark of `nohin ocr` against OCRmyPDF (`ocrmypdf -l jpn --skip-text`, Debian
# ocrmypdf) on the OCR test set of tests/ocr/make_set.py (26 Japanese pages:
# horizontal, vertical, tables, English and numbers; some skewed, some 200 dpi,
# some JPEG with noise), in one run: paired runs alternating the two tools,
# wall-clock and user+sys CPU time of each, their ratios, and the CER of each
# output (tests/ocr/cer.py).
# Both use every core (nohin: one page per core; ocrmypdf: --jobs = cores).
# The machine may be shared: the load average is printed before and after, and
# the 1-minute load before, between and after the two tools of each run.
#
# Usage: bench/ocr.sh [BUILD_DIR] [RUNS]   (default: build, 2 paired runs)
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd)
RUNS=${2:-2}
NOHIN=$BUILD/nohin
[ -x "$NOHIN" ] || { echo "missing $NOHIN (build first)"; exit 2; }
command -v ocrmypdf >/dev/null || { echo "ocrmypdf missing (apt-get install ocrmypdf)"; exit 2; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
NPROC=$(nproc)
echo "== OCR test set (LibreOffice → pdftoppm/PIL → img2pdf)"
/usr/bin/python3 "$SRC/tests/ocr/make_set.py" set | sed 's/^/  pages: /'
echo "  cores: $NPROC; tesseract $(tesseract --version 2>&1 | head -1); ocrmypdf $(ocrmypdf --version)"
echo "  load before: $(uptime)"
# /usr/bin/time (Debian "time"): wall, user and sys CPU of each tool with its children
# (ocrmypdf runs tesseract, ghostscript etc. as child processes).
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "missing $TIME (apt-get install time)"; exit 2; }
: >times
for i in $(seq 1 "$RUNS"); do
  rm -f n.pdf o.pdf
  l0=$(cut -d' ' -f1 /proc/loadavg)
  "$TIME" -f "%e %U %S" -o t.n "$NOHIN" ocr -q set/scan.pdf -o n.pdf || true
  l1=$(cut -d' ' -f1 /proc/loadavg)
  "$TIME" -f "%e %U %S" -o t.o ocrmypdf -q -l jpn --skip-text --jobs "$NPROC" set/scan.pdf o.pdf
  l2=$(cut -d' ' -f1 /proc/loadavg)
  echo "$(tail -1 t.n) $(tail -1 t.o)" >>times
  read -r nw nu ns ow ou os < <(tail -1 times)
  echo "  run $i: nohin ocr $nw s wall ($nu user + $ns sys), ocrmypdf $ow s wall ($ou user + $os sys)  (1-min load $l0 -> $l1 -> $l2)"
done
echo "  load after: $(uptime)"
/usr/bin/python3 - times <<'PY'
import statistics, sys
rows = [[float(x) for x in line.split()] for line in open(sys.argv[1]) if line.strip()]
col = lambda k: statistics.mean(r[k] for r in rows)
nw, nc, ow, oc = col(0), col(1) + col(2), col(3), col(4) + col(5)
print(f"  mean wall: nohin ocr {nw:.1f} s, ocrmypdf {ow:.1f} s, ratio nohin/ocrmypdf = {nw / ow:.2f}x")
print(f"  mean CPU (user+sys): nohin ocr {nc:.1f} s, ocrmypdf {oc:.1f} s, ratio = {nc / oc:.2f}x")
PY
echo "== CER, nohin ocr"
/usr/bin/python3 "$SRC/tests/ocr/cer.py" set n.pdf | tail -3 || true
echo "== CER, ocrmypdf -l jpn --skip-text"
/usr/bin/python3 "$SRC/tests/ocr/cer.py" set o.pdf | tail -3 || true
if [ "${OCR_BENCH_PAGES:-}" = 1 ]; then
  paste <(/usr/bin/python3 "$SRC/tests/ocr/cer.py" set n.pdf) <(/usr/bin/python3 "$SRC/tests/ocr/cer.py" set o.pdf)
fi
