#!/bin/bash
# A folder of N small files (a third each CSV, XLSX, PDF, like a bundle's data folder;
# made by bench/folder_gen.py with Python's csv, openpyxl and LibreOffice) linted with
# files one after another (--jobs 1) and in parallel (--jobs 2), in the same hyperfine
# run as a reference that only reads the same files: pdftotext for the PDFs,
# unzip -p | xmllint --stream for the workbooks' sheets, cat for the CSVs (one process
# per file, xargs -P 1 and -P 2). Prints the 1-minute load before and after, mean wall
# time and user+sys CPU per command, peak RSS (/usr/bin/time -v) at 250, 500 and 1,000
# files, and whether JSON, SARIF and text are byte-identical between --jobs 1 and 2.
# On a shared, loaded machine the wall-time ratio says little: the CPU times and the
# load are printed so the reader can judge. Target (issue 20): parallel <= 0.6x serial
# wall on 2 cores, peak RSS < 150 MB and flat in the number of files.
# Usage: bench/folder.sh [BUILD_DIR] [RUNS] [BASE_NOHIN]
#   BASE_NOHIN: another nohin binary (e.g. main's) whose RSS is printed beside.
#   needs hyperfine, soffice, python3-openpyxl, poppler-utils, libxml2-utils, unzip
set -eu
build="$(cd "${1:-build}" && pwd)"
runs="${2:-3}"
base="${3:-}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
load() { cut -d' ' -f1-3 /proc/loadavg; }

# A few text documents of 1–8 pages made into PDFs by LibreOffice, copied under new names.
mkdir src pdf
/usr/bin/python3 - <<'PY'
import random
rnd = random.Random(7)
words = "調査 結果 市場 動向 分析 事業 地域 出荷 統計 報告 の を に は が と で について により".split()
for d in range(8):
    with open(f"src/doc{d}.txt", "w") as f:
        f.write(f"参考資料 {d + 1}\n\n")
        for p in range(20 + d * 25):
            f.write("".join(rnd.choice(words) for _ in range(40)) + "。\n")
PY
soffice -env:UserInstallation="file://$work/lo" --headless --convert-to pdf --outdir pdf \
    src/*.txt >/dev/null 2>&1
/usr/bin/python3 "$here/folder_gen.py" f1000 1000 pdf
for n in 250 500; do # the first n files by index, hard links (the walker skips symlinks)
    mkdir "f$n"
    for f in f1000/*; do
        b=${f##*/} i=${f##*_} i=${i%%.*}
        if [ $((10#$i)) -lt $n ]; then ln "$f" "f$n/$b"; fi
    done
done
echo "files: $(ls f1000 | sed 's/.*\.//' | sort | uniq -c | tr -s ' \n' ' ')  bytes: $(du -sb f1000 | cut -f1)"
echo "cores: $(nproc)   load (1/5/15 min) before: $(load)"

# The reference: each file read by the tool that reads its format, nothing checked.
cat >ref.sh <<'SH'
#!/bin/bash
for f in "$@"; do
  case $f in
    *.pdf) pdftotext "$f" /dev/null ;;
    *.xlsx) unzip -p "$f" 'xl/worksheets/*.xml' 'xl/sharedStrings.xml' | xmllint --stream --noout - ;;
    *) cat "$f" >/dev/null ;;
  esac
done
SH
chmod +x ref.sh
n="$build/nohin lint --quiet --format json"
hyperfine -N -i --style none --warmup 1 --runs "$runs" --export-json folder.json \
    -n serial "$n --jobs 1 f1000" \
    -n parallel "$n --jobs 2 f1000" \
    -n ref-serial "bash -c 'ls -d f1000/* | xargs -d \"\\n\" -n 50 -P 1 ./ref.sh'" \
    -n ref-parallel "bash -c 'ls -d f1000/* | xargs -d \"\\n\" -n 50 -P 2 ./ref.sh'" \
    >/dev/null
echo "load after hyperfine: $(load)"
/usr/bin/python3 - folder.json <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
print("  %-13s %8s %8s %8s %8s" % ("command", "wall s", "±", "user s", "sys s"))
for k in ("serial", "parallel", "ref-serial", "ref-parallel"):
    x = r[k]
    print("  %-13s %8.3f %8.3f %8.3f %8.3f" % (k, x["mean"], x["stddev"], x["user"], x["system"]))
s, p = r["serial"], r["parallel"]
print("  parallel/serial wall %.2fx (target <= 0.6x)   CPU (user+sys) parallel/serial %.2fx"
      % (p["mean"] / s["mean"], (p["user"] + p["system"]) / (s["user"] + s["system"])))
print("  serial/ref-serial wall %.2fx   parallel/ref-parallel wall %.2fx"
      % (s["mean"] / r["ref-serial"]["mean"], p["mean"] / r["ref-parallel"]["mean"]))
PY

# Load on a shared machine swings within seconds: also time serial and parallel
# alternately (ABAB…), each pair a few seconds apart, and take the median of the ratios.
echo "alternating pairs (serial, parallel) x $runs, wall and user+sys CPU per run:"
/usr/bin/python3 - "$runs" "$build/nohin" <<'PY'
import os, resource, statistics, subprocess, sys, time
runs, nohin = int(sys.argv[1]), sys.argv[2]
def one(jobs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    subprocess.run([nohin, "lint", "--quiet", "--format", "json", "--jobs", str(jobs), "f1000"],
                   stdout=subprocess.DEVNULL)
    wall = time.monotonic() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, os.getloadavg()[0]
ratios = []
for i in range(runs):
    s, p = one(1), one(2)
    ratios.append(p[0] / s[0])
    print("  pair %d: serial %.2fs (cpu %.2fs)  parallel %.2fs (cpu %.2fs)  ratio %.2f  load %.1f"
          % (i + 1, s[0], s[1], p[0], p[1], p[0] / s[0], p[2]))
print("  median parallel/serial wall ratio %.2f (target <= 0.6)" % statistics.median(ratios))
PY

echo "peak RSS (MB, /usr/bin/time -v; target < 150 and flat):"
rss() { /usr/bin/time -v "$@" >/dev/null 2>rss.txt || true
        awk '/Maximum resident/{printf "%.1f", $6/1024}' rss.txt; }
for size in 250 500 1000; do
    line="  $size files: --jobs 1 $(rss $n --jobs 1 f$size)  --jobs 2 $(rss $n --jobs 2 f$size)"
    if [ -n "$base" ]; then line="$line  base $(rss "$base" lint --quiet --format json f$size)"; fi
    echo "$line"
done

for fmt in json sarif text; do
    "$build/nohin" lint --quiet --format $fmt --jobs 1 f1000 >s.$fmt || true
    "$build/nohin" lint --quiet --format $fmt --jobs 2 f1000 >p.$fmt || true
    if cmp -s s.$fmt p.$fmt; then same=identical; else same=DIFFERENT; fi
    echo "  $fmt: --jobs 1 and --jobs 2 $same ($(stat -c %s s.$fmt) bytes)"
done
echo "load (1/5/15 min) at the end: $(load)"
