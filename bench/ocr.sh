#!/bin/bash
# Benchmark of `nohin ocr` against OCRmyPDF (`ocrmypdf -l jpn --skip-text`, Debian
# ocrmypdf) on the OCR test set of tests/ocr/make_set.py (26 Japanese pages:
# horizontal, vertical, tables, English and numbers; some skewed, some 200 dpi,
# some JPEG with noise), in one run: paired runs alternating the two tools,
# wall-clock time of each, their ratio, and the CER of each output (tests/ocr/cer.py).
# Both use every core (nohin: one page per core; ocrmypdf: --jobs = cores).
# The machine may be shared: the load average is printed before and after.
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
t_n=() t_o=()
for i in $(seq 1 "$RUNS"); do
  rm -f n.pdf o.pdf
  s=$(date +%s.%N); "$NOHIN" ocr -q set/scan.pdf -o n.pdf || true; e=$(date +%s.%N)
  t_n+=("$(echo "$e - $s" | bc)")
  s=$(date +%s.%N); ocrmypdf -q -l jpn --skip-text --jobs "$NPROC" set/scan.pdf o.pdf; e=$(date +%s.%N)
  t_o+=("$(echo "$e - $s" | bc)")
  echo "  run $i: nohin ocr ${t_n[-1]} s, ocrmypdf ${t_o[-1]} s  (load $(cut -d' ' -f1-3 /proc/loadavg))"
done
echo "  load after: $(uptime)"
/usr/bin/python3 - "${t_n[*]}" "${t_o[*]}" <<'PY'
import statistics, sys
n = [float(x) for x in sys.argv[1].split()]
o = [float(x) for x in sys.argv[2].split()]
mn, mo = statistics.mean(n), statistics.mean(o)
print(f"  mean wall: nohin ocr {mn:.1f} s, ocrmypdf {mo:.1f} s, ratio nohin/ocrmypdf = {mn / mo:.2f}x")
PY
echo "== CER, nohin ocr"
/usr/bin/python3 "$SRC/tests/ocr/cer.py" set n.pdf | tail -3 || true
echo "== CER, ocrmypdf -l jpn --skip-text"
/usr/bin/python3 "$SRC/tests/ocr/cer.py" set o.pdf | tail -3 || true
if [ "${OCR_BENCH_PAGES:-}" = 1 ]; then
  paste <(/usr/bin/python3 "$SRC/tests/ocr/cer.py" set n.pdf) <(/usr/bin/python3 "$SRC/tests/ocr/cer.py" set o.pdf)
fi
