#!/bin/bash
# Benchmark of `nohin clean`, every comparison paired in one hyperfine run:
#  1. whole-bundle clean vs `nohin lint` of the same bundle (issue 20: target
#     clean <= 1.3x lint), on
#       sample  the README's sample bundle (fixtures/gen_sample_bundle);
#       whole   a realistic bundle: a LibreOffice-made report PDF (~200 text
#               pages, captions), 6 openpyxl workbooks (a person as creator, a
#               hidden row, a comment), 3 CSVs (one CP932, one of 50,000 rows),
#               様式1/2/3 from the sample bundle; the report and data are in both
#               the public and the non-public package, as 001 §5 asks;
#       public  the same without the non-public copies (only 様式2/3 there): the
#               hardest case, where nearly everything lint reads is rewritten.
#     The PDFs have a text layer on every page, so OCR has nothing to do; clean
#     runs with its defaults (OCR on) and again with --no-ocr.
#     Printed: wall-clock means and user+sys CPU means (the machine is shared:
#     CPU times are the more reliable figure), the 1-minute load before/after,
#     then one clean's steps (NOHIN_CLEAN_DEBUG=1: time per step, files and PDF
#     pages the output lint took over).
#     With BASE_NOHIN=/path/to/an/older/nohin its lint and clean run in the
#     same hyperfine invocation (before/after figures of a change).
#  2. (BENCH_SANITISER=1) the sanitiser alone: a generated 1,000-page PDF,
#     `qpdf in.pdf out.pdf` vs `nohin clean --file` (target <= 2x), and a
#     100,000-row workbook, `mat2 --unknown-members omit` vs `nohin clean --file`.
#
# Usage: bench/clean.sh [BUILD_DIR] [RUNS]   (default: build, 5 runs)
#        CHAPTERS=40 (report size: ~5 pages per chapter) BENCH_KEEP=DIR (keep inputs)
#        BENCH_BUNDLES="whole public" (a subset)
#        BENCH_ALTERNATE=10 (also 10 alternating rounds, see alternate())
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd) # absolute: the bench runs in a temporary folder
RUNS=${2:-5}
NOHIN=${NOHIN_BIN:-$BUILD/nohin} # NOHIN_BIN: another build's binary (before/after runs)
GEN=$BUILD/fixtures/gen_clean_bench
SAMPLE=$BUILD/fixtures/gen_sample_bundle
for p in "$NOHIN" "$GEN" "$SAMPLE"; do [ -x "$p" ] || { echo "missing $p (build first)"; exit 2; }; done
command -v hyperfine >/dev/null || { echo "hyperfine missing (apt-get install hyperfine)"; exit 2; }
command -v qpdf >/dev/null || { echo "qpdf missing"; exit 2; }
command -v soffice >/dev/null || { echo "soffice missing (apt-get install libreoffice-writer-nogui)"; exit 2; }
W=${BENCH_KEEP:-$(mktemp -d)}
mkdir -p "$W"
[ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$W"' EXIT
cd "$W"
printf '[bundle]\norganisation = 株式会社ベンチマーク総研\n' >nohin.ini
load() { echo "  load (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"; }

ratio() { # json, index of the reference command, indices of ours -> ratios of wall and CPU means
    /usr/bin/python3 - "$@" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
ref = r[int(sys.argv[2])]
rc = ref["user"] + ref["system"]
print(f"  {ref['command']}: {ref['mean']:.3f} s wall, {rc:.3f} s user+sys")
for i in sys.argv[3:]:
    x = r[int(i)]
    c = x["user"] + x["system"]
    print(f"  {x['command']}: {x['mean']:.3f} s wall = {x['mean'] / ref['mean']:.2f}x, "
          f"{c:.3f} s user+sys = {c / rc:.2f}x")
PY
}

# BENCH_ALTERNATE=N: N rounds of lint, clean, clean --no-ocr (and BASE_NOHIN's lint
# and clean) one after another, user+sys and wall of each from /usr/bin/time. hyperfine
# runs each command's runs together, so a change in the machine's load lands on one
# command only (s4-clean: `clean --no-ocr` looked 5-10 % slower than `clean` that way;
# alternating, the two are the same).
alternate() {
    local kind=$1 n=$2 cmds=(lint clean noocr) i c
    [ -n "${BASE_NOHIN:-}" ] && cmds+=(base-lint base-clean)
    rm -f alt-*.t
    echo "  alternating, $n rounds:"
    load
    for i in $(seq "$n"); do
        for c in "${cmds[@]}"; do
            case $c in
            lint) set -- "$NOHIN" lint -q $kind ;;
            clean) set -- "$NOHIN" clean -q --force $kind -o out ;;
            noocr) set -- "$NOHIN" clean -q --no-ocr --force $kind -o out-noocr ;;
            base-lint) set -- "$BASE_NOHIN" lint -q $kind ;;
            base-clean) set -- "$BASE_NOHIN" clean -q --force $kind -o out-base ;;
            esac
            /usr/bin/time -a -o alt-$c.t -f "%U %S %e" "$@" >/dev/null 2>&1 || true
        done
    done
    load
    for c in "${cmds[@]}"; do
        awk -v c="$c" '!/status/ {u += $1 + $2; w += $3; k++}
            END {printf "    %-10s %.3f s user+sys %.3f s wall\n", c, u / k, w / k}' alt-$c.t
    done
}

# --- the bundles
if [ ! -d sample ]; then "$SAMPLE" sample >/dev/null; fi
if [ ! -f gen/report.pdf ]; then
    /usr/bin/python3 "$SRC/bench/make_clean_bundle.py" gen "${CHAPTERS:-40}" 50000
    (cd gen && soffice --headless --convert-to pdf report.fodt >/dev/null 2>&1)
    [ -f gen/report.pdf ] || { echo "soffice did not write the report PDF"; exit 2; }
fi
INT=sample/調査報告書等一式
for kind in whole public; do
    [ -d $kind ] && continue
    P="$kind/調査報告書等一式（公表用）" I="$kind/調査報告書等一式"
    mkdir -p "$P/図表等データ" "$I"
    cp gen/report.pdf "$P/令和6年度産業構造調査報告書.pdf"
    cp gen/data/* "$P/図表等データ/"
    cp "$INT"/様式2_*.xlsx "$INT"/様式3_*.xlsx "$I/"
    if [ $kind = whole ]; then
        mkdir -p "$I/図表等データ"
        cp gen/report.pdf "$I/令和6年度産業構造調査報告書.pdf"
        cp gen/data/* "$I/図表等データ/"
        cp "$INT"/様式1_*.docx "$INT"/*報告書.docx "$I/"
    fi
    cp nohin.ini $kind/
done
echo "report: $(pdfinfo gen/report.pdf | awk '/^Pages:/ {print $2}') pages, $(stat -c %s gen/report.pdf) bytes (LibreOffice)"

for kind in ${BENCH_BUNDLES:-sample whole public}; do
    echo "== clean vs lint: $kind bundle ($(find $kind -type f | wc -l) files, $(du -sk $kind | cut -f1) KiB)"
    load
    base=()
    if [ -n "${BASE_NOHIN:-}" ]; then
        base=(-n "lint (BASE_NOHIN)" "$BASE_NOHIN lint -q $kind"
            -n "clean (BASE_NOHIN)" "$BASE_NOHIN clean -q --force $kind -o out-base")
    fi
    hyperfine -N --style basic -i --warmup 1 --runs "$RUNS" --export-json $kind.json \
        -n "lint" "$NOHIN lint -q $kind" \
        -n "clean" "$NOHIN clean -q --force $kind -o out" \
        -n "clean --no-ocr" "$NOHIN clean -q --no-ocr --force $kind -o out-noocr" \
        "${base[@]}" >/dev/null
    load
    ratio $kind.json 0 1 2
    if [ -n "${BASE_NOHIN:-}" ]; then ratio $kind.json 3 4; fi
    (cd out && sha256sum --quiet -c 提出記録/MANIFEST.sha256) && echo "  manifest verifies"
    echo "  one more clean with NOHIN_CLEAN_DEBUG=1 (CPU and wall time of each step):"
    NOHIN_CLEAN_DEBUG=1 "$NOHIN" clean -q --force $kind -o out 2>&1 >/dev/null | sed 's/^/    /'
    [ "${BENCH_ALTERNATE:-0}" -gt 0 ] && alternate $kind "$BENCH_ALTERNATE"
done

[ "${BENCH_SANITISER:-0}" = 1 ] || exit 0
echo "== 1,000-page PDF, sanitiser alone"
"$GEN" pdf in.pdf 1000
ls -l in.pdf | awk '{print "  input: " $5 " bytes"}'
load
hyperfine -N --style basic -i --warmup 1 --runs "$RUNS" --export-json pdf.json \
    -n "qpdf in.pdf out.pdf" "qpdf in.pdf q.pdf" \
    -n "nohin clean --file" "$NOHIN clean -q --force --config nohin.ini --file in.pdf -o n.pdf" >/dev/null
ratio pdf.json 0 1
qpdf --check n.pdf >/dev/null && echo "  qpdf --check on the output: ok"
pdftotext -q in.pdf a.txt && pdftotext -q n.pdf b.txt && cmp -s a.txt b.txt &&
    echo "  pdftotext: same text as the input"

echo "== 100,000-row workbook"
"$GEN" xlsx big.xlsx 100000
ls -l big.xlsx | awk '{print "  input: " $5 " bytes"}'
if command -v mat2 >/dev/null && cp big.xlsx probe.xlsx && mat2 --unknown-members omit probe.xlsx >/dev/null 2>&1; then
    hyperfine --style basic -i --runs 2 --export-json xlsx.json \
        -n "mat2 --unknown-members omit" --prepare "rm -f m.cleaned.xlsx; cp big.xlsx m.xlsx" \
        "mat2 --unknown-members omit m.xlsx" \
        -n "nohin clean --file" \
        "$NOHIN clean -q --force --config nohin.ini --file big.xlsx -o n.xlsx" >/dev/null
    ratio xlsx.json 0 1
else
    echo "  mat2 missing or refused the file: nohin alone"
    hyperfine --style basic --runs 3 \
        "$NOHIN clean -q --force --config nohin.ini --file big.xlsx -o n.xlsx" | grep -E "Time"
fi
