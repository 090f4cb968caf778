#!/usr/bin/env bash
# Foundation benchmark: `nohin lint` (every check registered in this build) on a
# generated 1,000-page text PDF against `pdftotext` on the same file, paired in one
# hyperfine run, nohin also pinned to one core (taskset -c 0); the 1-minute load and
# the CPU time (user + sys) are printed. Target: lint <= 1.2x pdftotext.
# The generated file has no fills: the realistic report (LibreOffice, shaded tables,
# figures) is bench/pdf_kinds.sh's lo1001.
# Usage: bench/lint_vs_pdftotext.sh [BUILD_DIR] [RUNS]   needs hyperfine
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
runs=${2:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/fixtures/gen_report_text_pdf" "$tmp/report.pdf" 1000 1200 50
echo "input: $(pdfinfo "$tmp/report.pdf" | awk '/^Pages:/{print $2}') pages, $(stat -c %s "$tmp/report.pdf") bytes, $(nproc) cores, load (1 min) $(cut -d' ' -f1 /proc/loadavg)"
hyperfine -N -i --style none --warmup 1 --runs "$runs" --export-json "$tmp/h.json" \
    -n pdftotext "pdftotext $tmp/report.pdf /dev/null" \
    -n nohin "$build/nohin lint --quiet --format json $tmp/report.pdf" \
    -n nohin-1core "taskset -c 0 $build/nohin lint --quiet --format json $tmp/report.pdf" >/dev/null
/usr/bin/time -o "$tmp/t" -f %M "$build/nohin" lint --quiet --format json "$tmp/report.pdf" >/dev/null || true
/usr/bin/python3 - "$tmp/h.json" "$(tail -1 "$tmp/t")" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
t = r["pdftotext"]
cpu = lambda x: x["user"] + x["system"]
for k in ("nohin", "nohin-1core"):
    n = r[k]
    print("pdftotext %.3fs (cpu %.3fs)  %-11s %.3fs (cpu %.3fs)  ratio %.2fx  cpu ratio %.2fx"
          % (t["mean"], cpu(t), k, n["mean"], cpu(n), n["mean"] / t["mean"], cpu(n) / cpu(t)))
print("nohin peak RSS: %s KB" % sys.argv[2])
PY
echo "load (1 min) at the end: $(cut -d' ' -f1 /proc/loadavg)"
