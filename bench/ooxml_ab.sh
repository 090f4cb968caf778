#!/usr/bin/env bash
# Before/after of the OOXML model (issue 13) on the workloads of bench/xlsx.sh and
# bench/clean.sh, paired in the same hyperfine runs: lint of a 1,000,000-row
# workbook, clean --file of a 100,000-row workbook and of a 1,000-page PDF.
# Also one /usr/bin/time -v run of each for peak RSS and user+sys CPU (more
# reliable than wall time on a shared machine). Inputs come from NEW's generators.
# Usage: [RUNS=5] [XLSX_ROWS=100000] [PDF_PAGES=1000] bench/ooxml_ab.sh OLD_NOHIN NEW_NOHIN NEW_BUILD_DIR [ROWS]
set -euo pipefail
OLD=$(realpath "$1") NEW=$(realpath "$2") B=$(realpath "$3") ROWS=${4:-1000000}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
printf '[bundle]\norganisation = 株式会社ベンチマーク総研\n' >nohin.ini
"$B/fixtures/gen_xlsx_big" book.xlsx "$ROWS" 10
"$B/fixtures/gen_clean_bench" xlsx big.xlsx "${XLSX_ROWS:-100000}"
"$B/fixtures/gen_clean_bench" pdf in.pdf "${PDF_PAGES:-1000}"
uptime
declare -A CMD=(
  [lint_xlsx]="lint --quiet --lang en book.xlsx"
  [clean_xlsx]="clean -q --force --config nohin.ini --file big.xlsx -o o.xlsx"
  [clean_pdf]="clean -q --force --config nohin.ini --file in.pdf -o o.pdf"
)
for k in lint_xlsx clean_xlsx clean_pdf; do
  echo "== $k: ${CMD[$k]}"
  hyperfine --style basic -i --warmup 1 --runs "${RUNS:-5}" --export-json "$k.json" \
    -n before "$OLD ${CMD[$k]}" -n after "$NEW ${CMD[$k]}" >/dev/null
  /usr/bin/python3 - "$k.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
b, a = r["before"], r["after"]
print(f"  wall mean: before {b['mean']:.3f} s ± {b['stddev']:.3f}, after {a['mean']:.3f} s ± {a['stddev']:.3f},"
      f" after/before {a['mean'] / b['mean']:.2f}")
print(f"  user+sys mean: before {b['user'] + b['system']:.3f} s, after {a['user'] + a['system']:.3f} s,"
      f" after/before {(a['user'] + a['system']) / (b['user'] + b['system']):.2f}")
PY
  for v in before after; do
    bin=$OLD; [ $v = after ] && bin=$NEW
    /usr/bin/time -v $bin ${CMD[$k]} >/dev/null 2>time.txt || true
    awk -F': ' -v v=$v '/Maximum resident/{r=$2} /User time/{u=$2} /System time/{s=$2} /Elapsed/{e=$2}
      END{printf "  %s (time -v): peak RSS %.1f MB, user+sys %.2f s, wall %s\n", v, r/1024, u+s, e}' time.txt
  done
  uptime
done
