#!/bin/bash
# Full PDF lint (every check, including hidden-text rendering) against pdftotext
# on the same 1,000-page report, in the same run. Target: nohin <= 3x pdftotext.
# Usage: bench/pdf_lint.sh [BUILD_DIR]   (needs hyperfine, else uses /usr/bin/time)
set -eu
build="${1:-build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pdf="$work/report-1000.pdf"
"$build/fixtures/gen_report_pdf" "$pdf" 1000 1200 50
pdfinfo "$pdf" | grep -E '^(Pages|File size)'
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs 5 --export-json "$work/h.json" \
        -n pdftotext "pdftotext '$pdf' /dev/null" \
        -n nohin "'$build/nohin' lint --quiet --format json '$pdf' >/dev/null || true"
    /usr/bin/python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
t, n = r["pdftotext"]["mean"], r["nohin"]["mean"]
print("pdftotext %.2fs  nohin %.2fs  ratio %.2fx (target <= 3x)" % (t, n, n / t))
PY
else
    for i in 1 2 3; do
        /usr/bin/time -f "pdftotext %e s" pdftotext "$pdf" /dev/null
        /usr/bin/time -f "nohin %e s" "$build/nohin" lint --quiet --format json "$pdf" >/dev/null || true
    done
fi
