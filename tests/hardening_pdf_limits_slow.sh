#!/usr/bin/env bash
# issue16 item 2: a 12 MB PDF whose /Pages /Kids holds 2,000,000 references to one
# page. lint must stay under 1 GB RSS and 30 s and say a limit was hit
# (PDF-MALFORMED, a warning); clean --file must refuse it within the same bounds.
# Near miss: 2,000 references (under the limit) are read normally.
# Slow (a 12 MB parse): normal build only.
set -u
NOHIN=${NOHIN_BIN:?}
SRC=${NOHIN_SOURCE_DIR:?}
PY=/usr/bin/python3
[ -x /usr/bin/time ] || { echo "skip: /usr/bin/time missing"; exit 77; }
. "$(dirname "$0")/lib/check_cmd.sh"
$PY "$SRC/fixtures/gen_kids_bomb_pdf.py" "$tmp/bomb.pdf" 2000000
$PY "$SRC/fixtures/gen_kids_bomb_pdf.py" "$tmp/small.pdf" 2000
qpdf --show-npages "$tmp/small.pdf" >"$tmp/n" 2>/dev/null
check "generator: qpdf reads the near miss (2000 pages)" grep -qx 2000 "$tmp/n"
# measure LABEL CMD…: peak RSS (KB) and CPU seconds (user+sys: the machine is shared,
# so wall time says more about the load than about nohin) into $tmp/LABEL.*
measure() {
  local label=$1; shift
  /usr/bin/time -f "%M %U %S %e" -o "$tmp/$label.time" timeout 120 "$@" >"$tmp/$label.out" 2>"$tmp/$label.err"
  echo $? >"$tmp/$label.rc"
  read -r kb usr sys wall < <(tail -n 1 "$tmp/$label.time") || { kb=0 usr=0 sys=0 wall=0; }
  secs=$($PY -c "print(round($usr + $sys, 2))")
  echo "$label: rc=$(cat "$tmp/$label.rc") rss=${kb} KB cpu=${secs} s wall=${wall} s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "$kb" >"$tmp/$label.kb"; echo "$secs" >"$tmp/$label.s"
}
under() { $PY -c 'import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)' "$@"; }

measure lint "$NOHIN" lint --quiet --lang en --format json "$tmp/bomb.pdf"
check "lint: finishes (exit 0 or 1)" [ "$(cat "$tmp/lint.rc")" -le 1 ]
check "lint: RSS < 1 GB" under "$(cat "$tmp/lint.kb")" 1048576
check "lint: < 30 s CPU" under "$(cat "$tmp/lint.s")" 30
check "lint: PDF-MALFORMED names the limit" $PY -c 'import json,sys
d=json.load(open(sys.argv[1]))
sys.exit(0 if any(f["rule"]=="PDF-MALFORMED" and "limit" in (f["evidence"] or "") for f in d["findings"]) else 1)' "$tmp/lint.out"

measure clean "$NOHIN" clean --quiet --lang en --file "$tmp/bomb.pdf" -o "$tmp/cleaned.pdf"
check "clean: refuses (exit != 0, not killed)" [ "$(cat "$tmp/clean.rc")" = 1 -o "$(cat "$tmp/clean.rc")" = 2 ]
check "clean: RSS < 1 GB" under "$(cat "$tmp/clean.kb")" 1048576
check "clean: < 30 s CPU" under "$(cat "$tmp/clean.s")" 30
check "clean: says why" grep -q 'page tree' "$tmp/clean.err"
check "clean: no output written" [ ! -e "$tmp/cleaned.pdf" ]

measure small "$NOHIN" lint --quiet --lang en --format json "$tmp/small.pdf"
check "near miss: no limit finding" $PY -c 'import json,sys
d=json.load(open(sys.argv[1]))
sys.exit(1 if any("limit" in (f["evidence"] or "") for f in d["findings"]) else 0)' "$tmp/small.out"
check "near miss: finishes" [ "$(cat "$tmp/small.rc")" -le 1 ]

finish
