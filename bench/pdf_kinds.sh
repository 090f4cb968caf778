#!/bin/bash
# Lint against pdftotext on the kinds of PDF that used to be slow, each pair timed
# in the same hyperfine run: a 300-page scan (JPEG pages, as pdftoppm + img2pdf make
# them), 150 text + 150 scanned pages, and a report saved incrementally 12 times.
# nohin also runs pinned to one core (taskset -c 0) so the single-core ratio shows.
# The 1-minute load is printed: ratios taken under load are not comparable.
# Targets (issue 20): scan <= 10x, mixed <= 5x, 12 revisions <= 3x.
# Usage: bench/pdf_kinds.sh [BUILD_DIR] [RUNS]   needs hyperfine, img2pdf, pdftoppm
set -eu
build="$(cd "${1:-build}" && pwd)"
runs="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
"$build/fixtures/gen_report_text_pdf" text300.pdf 300 1200 50
mkdir img
pdftoppm -r 150 -gray -jpeg text300.pdf img/p
img2pdf img/p-*.jpg -o scan300.pdf
"$build/fixtures/gen_report_text_pdf" text150.pdf 150 1200 50
qpdf --empty --pages text150.pdf scan300.pdf 1-150 -- mixed300.pdf
"$build/fixtures/gen_incremental_pdf" text300.pdf rev12.pdf 12
echo "load (1 min): $(cut -d' ' -f1 /proc/loadavg)   cores: $(nproc)"
for f in scan300 mixed300 rev12; do
    echo "== $f: $(pdfinfo $f.pdf | awk '/^Pages:/{print $2}') pages, $(stat -c %s $f.pdf) bytes"
    hyperfine -N -i --style none --warmup 1 --runs "$runs" --export-json "$f.json" \
        -n pdftotext "pdftotext $f.pdf /dev/null" \
        -n nohin "$build/nohin lint --quiet --format json $f.pdf" \
        -n nohin-1core "taskset -c 0 $build/nohin lint --quiet --format json $f.pdf" \
        >/dev/null
    /usr/bin/python3 - "$f.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
t = r["pdftotext"]["mean"]
for k in ("nohin", "nohin-1core"):
    print("  pdftotext %.3fs  %-11s %.3fs  ratio %.2fx" % (t, k, r[k]["mean"], r[k]["mean"] / t))
PY
done
echo "load (1 min) at the end: $(cut -d' ' -f1 /proc/loadavg)"
