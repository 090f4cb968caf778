#!/usr/bin/env bash
# issue16 item 7: a CSV field over the 1 MiB limit is reported as such (not as an
# unclosed quote), in linear time: a 50 MB one-field CSV against a 10 MB one.
# Near miss: a real runaway quote keeps its own wording. Slow: normal build only.
set -u
NOHIN=${NOHIN_BIN:?}
PY=/usr/bin/python3
. "$(dirname "$0")/lib/check_cmd.sh"
not_q() { ! grep -q "never closed" "$1"; }
$PY - "$tmp" <<'P'
import sys
d = sys.argv[1]
open(d + "/f10.csv", "w").write("a" * 10_000_000 + "\n")
open(d + "/f50.csv", "w").write("a" * 50_000_000 + "\n")
open(d + "/quote.csv", "w").write('h1,h2\n1,"' + "b" * 2_000_000 + "\n")
P
secs() { # secs FILE: wall seconds of lint, JSON into FILE.json
  local t0 t1
  t0=$(date +%s.%N)
  timeout 300 "$NOHIN" lint --quiet --lang en --format json "$1" >"$1.json" 2>/dev/null
  t1=$(date +%s.%N)
  $PY -c "print(round($t1 - $t0, 2))"
}
s10=$(secs "$tmp/f10.csv"); s50=$(secs "$tmp/f50.csv")
echo "10 MB field: ${s10} s, 50 MB field: ${s50} s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
msg() { $PY -c 'import json,sys
d=json.load(open(sys.argv[1]))
print("\n".join(f["message"] for f in d["findings"] if f["rule"]=="CSV-STRUCTURE"))' "$1"; }
check "50 MB: says the field is over the limit" grep -q 'longer than 1 MiB' <(msg "$tmp/f50.csv.json")
check "50 MB: does not claim an unclosed quote" not_q "$tmp/f50.csv.json"
check "50 MB: one finding for one field" [ "$(msg "$tmp/f50.csv.json" | wc -l)" = 1 ]
check "linear: 50 MB < 10 x (10 MB) + 2 s" $PY -c "import sys; sys.exit(0 if $s50 < 10 * $s10 + 2 else 1)"
check "50 MB under 60 s" $PY -c "import sys; sys.exit(0 if $s50 < 60 else 1)"
secs "$tmp/quote.csv" >/dev/null
check "near miss: runaway quote keeps its wording" grep -q 'never closed' <(msg "$tmp/quote.csv.json")
finish
