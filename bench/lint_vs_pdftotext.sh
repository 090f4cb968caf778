#!/usr/bin/env bash
# Foundation benchmark: `nohin lint` (limits, text layer, garbled text, every check
# registered in this build) on a generated 1,000-page text PDF, against
# `pdftotext` on the same file, in the same run. Target: lint ≤ 1.2× pdftotext.
# Usage: bench/lint_vs_pdftotext.sh [BUILD_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/fixtures/gen_report_text_pdf" "$tmp/report.pdf" 1000 1200 50
echo "input: $(pdfinfo "$tmp/report.pdf" | awk '/^Pages:/{print $2}') pages, $(stat -c %s "$tmp/report.pdf") bytes, $(nproc) cores"
best() { # best-of-N wall seconds of a command
  local best=999999 t
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tmp/t" -f %e "$@" >/dev/null 2>&1 || true
    t=$(tail -1 "$tmp/t")
    best=$(echo "$t $best" | awk '{print ($1<$2)?$1:$2}')
  done
  echo "$best"
}
ref=$(best pdftotext "$tmp/report.pdf" "$tmp/out.txt")
ours=$(best "$build/nohin" lint --quiet --format json "$tmp/report.pdf")
/usr/bin/time -o "$tmp/t" -f %M "$build/nohin" lint --quiet --format json "$tmp/report.pdf" >/dev/null || true
rss=$(tail -1 "$tmp/t")
echo "pdftotext: ${ref}s   nohin lint: ${ours}s   ratio: $(echo "$ours $ref" | awk '{printf "%.2f", $1/$2}')   nohin peak RSS: ${rss} KB"
