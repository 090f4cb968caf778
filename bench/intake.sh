#!/bin/bash
# Intake throughput: 1,000 generated messages (each with a PDF, an XLSX and a CSV
# attachment) in one mbox, scanned by `nohin intake` (isolation on, the default,
# and off), against ripmime extracting the same mbox in the same run. Then the
# per-file overhead of isolation: `nohin lint` with and without --isolate on the
# same 300 files.
#
# usage: bench/intake.sh [BUILD_DIR] [MESSAGES] [BEFORE_BUILD_DIR]  (defaults: build, 1000)
# With BEFORE_BUILD_DIR (e.g. a build of main), isolated intake of the same mbox
# is timed with both binaries, alternately, twice each (best of two): the
# per-message figure before and after a change, under the same load.
# The machine may be shared: figures vary between runs; compare within one run.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
n=${2:-1000}
N="$build/nohin"
PY=/usr/bin/python3
command -v ripmime >/dev/null || { echo "ripmime not installed (apt-get install ripmime)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/fixtures/gen_intake_files" "$work/files"

"$PY" - "$work/files" "$work/bench.mbox" "$n" <<'PY'
import os, sys
from email import encoders
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
files, mbox, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
att = [(f, open(os.path.join(files, f), "rb").read()) for f in ("report.pdf", "data.xlsx", "data.csv")]
with open(mbox, "wb") as out:
    for i in range(n):
        m = MIMEMultipart()
        m["Message-ID"] = f"<bench-{i:05d}@contractor.example.jp>"
        m["From"] = "sender@contractor.example.jp"
        m["Subject"] = f"report {i}"
        m["Date"] = "Tue, 31 Mar 2026 17:00:00 +0900"
        m.attach(MIMEText("attached"))
        for name, data in att:
            p = MIMEBase("application", "octet-stream")
            p.set_payload(data)
            encoders.encode_base64(p)
            p.add_header("Content-Disposition", "attachment", filename=f"{i:05d}-{name}")
            m.attach(p)
        out.write(b"From sender@contractor.example.jp Tue Mar 31 08:00:00 2026\n")
        out.write(m.as_bytes() + b"\n\n")
PY
echo "mbox: $n messages, $(du -h "$work/bench.mbox" | cut -f1), $((n * 3)) attachments"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (shared)"

secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
rate() { printf '%.1f' "$(echo "$n / $1" | bc -l)"; }

mkdir -p "$work/rip"
t_rip=$(secs ripmime --mailbox -i "$work/bench.mbox" -d "$work/rip")
rip_files=$(find "$work/rip" -type f | wc -l)
t_iso=$(secs "$N" intake -q -f json -o "$work/iso.jsonl" "$work/bench.mbox")
t_plain=$(secs "$N" intake -q --no-isolate -f json -o "$work/plain.jsonl" "$work/bench.mbox")
lines=$(grep -c '"message_id"' "$work/iso.jsonl")
cmp -s "$work/iso.jsonl" "$work/plain.jsonl" && same=identical || same=DIFFERENT
atts=$("$PY" -c "import json,sys; print(sum(len(json.loads(l).get('attachments', [])) for l in open(sys.argv[1])))" "$work/iso.jsonl")
printf 'ripmime --mailbox (extract only):  %6.2f s  %8s msg/s  (%d files written)\n' "$t_rip" "$(rate "$t_rip")" "$rip_files"
printf 'nohin intake (isolated, default):  %6.2f s  %8s msg/s  (%d records, %d attachments)\n' "$t_iso" "$(rate "$t_iso")" "$lines" "$atts"
printf 'nohin intake --no-isolate:         %6.2f s  %8s msg/s  (output %s to the isolated run)\n' \
    "$t_plain" "$(rate "$t_plain")" "$same"
printf 'ratio intake/ripmime time: %.1fx (intake also detects types and runs every check)\n' \
    "$(echo "$t_iso / $t_rip" | bc -l)"

# Isolation overhead per file: the same 300 files linted both ways.
mkdir -p "$work/lint"
for i in $(seq 1 100); do
    for f in report.pdf data.xlsx data.csv; do cp "$work/files/$f" "$work/lint/$i-$f"; done
done
t_l0=$(secs "$N" lint -q -f json "$work/lint")
t_l1=$(secs "$N" lint -q --isolate -f json "$work/lint")
printf 'lint 300 files: %.2f s plain, %.2f s --isolate: %.2f ms per file for isolation\n' \
    "$t_l0" "$t_l1" "$(echo "($t_l1 - $t_l0) * 1000 / 300" | bc -l)"

# Before/after: the same isolated run with a reference build, alternating.
if [ -n "${3:-}" ]; then
    B="$(cd "$3" && pwd)/nohin"
    best() { local a b; a=$(secs "$@"); b=$(secs "$@"); echo "if ($a < $b) $a else $b" | bc -l; }
    t_b1=$(secs "$B" intake -q -f json -o "$work/b.jsonl" "$work/bench.mbox")
    t_a1=$(secs "$N" intake -q -f json -o "$work/a.jsonl" "$work/bench.mbox")
    t_b2=$(secs "$B" intake -q -f json -o "$work/b.jsonl" "$work/bench.mbox")
    t_a2=$(secs "$N" intake -q -f json -o "$work/a.jsonl" "$work/bench.mbox")
    tb=$(echo "if ($t_b1 < $t_b2) $t_b1 else $t_b2" | bc -l)
    ta=$(echo "if ($t_a1 < $t_a2) $t_a1 else $t_a2" | bc -l)
    printf 'before (%s): %.2f s, %.1f ms/message; after: %.2f s, %.1f ms/message (runs %.2f/%.2f, %.2f/%.2f)\n' \
        "$3" "$tb" "$(echo "$tb * 1000 / $n" | bc -l)" "$ta" "$(echo "$ta * 1000 / $n" | bc -l)" \
        "$t_b1" "$t_b2" "$t_a1" "$t_a2"
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
