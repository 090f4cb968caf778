#!/bin/bash
# Lint against pdftotext on the kinds of PDF that used to be slow, each pair timed
# in the same hyperfine run: a 300-page scan (JPEG pages, as pdftoppm + img2pdf make
# them), 150 text + 150 scanned pages, a report saved incrementally 12 times, and a
# 1,001-page report made by LibreOffice (headings, tables with shaded cells and a
# dark header row, a filled note box, a figure every fourth page: bench/lo_report_fodt.py).
# nohin also runs pinned to one core (taskset -c 0) so the single-core ratio shows.
# The 1-minute load is printed (ratios taken under load are not comparable), and the
# CPU time (user + sys) of each command, which load disturbs less than wall time.
# Targets (issue 20): scan <= 10x, mixed <= 5x, 12 revisions <= 3x, LibreOffice
# report <= 1.2x (<= 2.0x pinned).
# Usage: bench/pdf_kinds.sh [BUILD_DIR] [RUNS] [KINDS...]
#   KINDS: any of scan300 mixed300 rev12 lo1001 (default: all)
#   needs hyperfine, img2pdf, pdftoppm, qpdf, soffice (LibreOffice)
set -eu
build="$(cd "${1:-build}" && pwd)"
runs="${2:-5}"
shift 2 2>/dev/null || shift $#
kinds="${*:-scan300 mixed300 rev12 lo1001}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
want() { case " $kinds " in *" $1 "*) return 0 ;; esac; return 1; }
if want scan300 || want mixed300 || want rev12; then
    "$build/fixtures/gen_report_text_pdf" text300.pdf 300 1200 50
fi
if want scan300 || want mixed300; then
    mkdir img
    pdftoppm -r 150 -gray -jpeg text300.pdf img/p
    img2pdf img/p-*.jpg -o scan300.pdf
fi
if want mixed300; then
    "$build/fixtures/gen_report_text_pdf" text150.pdf 150 1200 50
    qpdf --empty --pages text150.pdf scan300.pdf 1-150 -- mixed300.pdf
fi
want rev12 && "$build/fixtures/gen_incremental_pdf" text300.pdf rev12.pdf 12
if want lo1001; then
    /usr/bin/python3 "$here/lo_report_fodt.py" lo1001.fodt 1001
    HOME="$work" timeout 1800 soffice --headless --convert-to pdf lo1001.fodt >/dev/null 2>&1
fi
echo "load (1 min): $(cut -d' ' -f1 /proc/loadavg)   cores: $(nproc)"
for f in $kinds; do
    echo "== $f: $(pdfinfo $f.pdf | awk '/^Pages:/{print $2}') pages, $(stat -c %s $f.pdf) bytes, load $(cut -d' ' -f1 /proc/loadavg)"
    hyperfine -N -i --style none --warmup 1 --runs "$runs" --export-json "$f.json" \
        -n pdftotext "pdftotext $f.pdf /dev/null" \
        -n nohin "$build/nohin lint --quiet --format json $f.pdf" \
        -n nohin-1core "taskset -c 0 $build/nohin lint --quiet --format json $f.pdf" \
        >/dev/null
    /usr/bin/python3 - "$f.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
t = r["pdftotext"]
cpu = lambda x: x["user"] + x["system"]
for k in ("nohin", "nohin-1core"):
    n = r[k]
    print("  pdftotext %.3fs (cpu %.3fs)  %-11s %.3fs (cpu %.3fs)  ratio %.2fx  cpu ratio %.2fx"
          % (t["mean"], cpu(t), k, n["mean"], cpu(n), n["mean"] / t["mean"], cpu(n) / cpu(t)))
PY
done
echo "load (1 min) at the end: $(cut -d' ' -f1 /proc/loadavg)"
