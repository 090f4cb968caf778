#!/bin/bash
# Full PDF lint (every check) against pdftotext on a generated 1,000-page report,
# paired in one hyperfine run, nohin also pinned to one core (taskset -c 0), with the
# 1-minute load and CPU time (user + sys). Target: nohin <= 3x pdftotext.
# The generated pages draw no fills, so PDF-HIDDEN-TEXT renders none of them (run
# with NOHIN_DEBUG_HIDDEN=1 to see the count): the LibreOffice report with shaded
# tables and figures is bench/pdf_kinds.sh's lo1001.
# Usage: bench/pdf_lint.sh [BUILD_DIR] [RUNS]   needs hyperfine
set -eu
build="$(cd "${1:-build}" && pwd)"
runs="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pdf="$work/report-1000.pdf"
"$build/fixtures/gen_report_pdf" "$pdf" 1000 1200 50
pdfinfo "$pdf" | grep -E '^(Pages|File size)'
echo "load (1 min): $(cut -d' ' -f1 /proc/loadavg)   cores: $(nproc)"
hyperfine -N -i --style none --warmup 1 --runs "$runs" --export-json "$work/h.json" \
    -n pdftotext "pdftotext $pdf /dev/null" \
    -n nohin "$build/nohin lint --quiet --format json $pdf" \
    -n nohin-1core "taskset -c 0 $build/nohin lint --quiet --format json $pdf" >/dev/null
/usr/bin/python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
t = r["pdftotext"]
cpu = lambda x: x["user"] + x["system"]
for k in ("nohin", "nohin-1core"):
    n = r[k]
    print("pdftotext %.2fs (cpu %.2fs)  %-11s %.2fs (cpu %.2fs)  ratio %.2fx  cpu ratio %.2fx (target <= 3x)"
          % (t["mean"], cpu(t), k, n["mean"], cpu(n), n["mean"] / t["mean"], cpu(n) / cpu(t)))
PY
echo "load (1 min) at the end: $(cut -d' ' -f1 /proc/loadavg)"
