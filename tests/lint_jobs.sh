#!/usr/bin/env bash
# Files checked in parallel (nohin lint --jobs N) give the same bytes as one after
# another: JSON, SARIF and text, on a bundle with report, forms and findings
# (gen_sample_bundle, gen_findings_bundle) plus a data folder of CSV (Python's csv)
# and XLSX (openpyxl) files; also under --isolate. A bad --jobs is a usage error (2).
set -u
NOHIN=${NOHIN_BIN:?}
GEN=${NOHIN_BINARY_DIR:?}/fixtures
SRC=${NOHIN_SOURCE_DIR:?}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
"$GEN/gen_sample_bundle" "$T/b" >/dev/null || { echo "gen_sample_bundle failed"; exit 1; }
"$GEN/gen_findings_bundle" "$T/b/findings" >/dev/null || { echo "gen_findings_bundle failed"; exit 1; }
"$PY" - "$T/b/data" <<'PY' || { echo "data folder failed"; exit 1; }
import csv, os, sys, openpyxl
out = sys.argv[1]
os.makedirs(out)
for i in range(24):
    rows = [["地域", "年度", "件数"]] + [[f"地域{r}", 2015 + r, r * i] for r in range(5 + i)]
    if i % 2:
        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(os.path.join(out, f"表{i}_件数.xlsx"))
    else:
        with open(os.path.join(out, f"図{i}_件数.csv"), "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)
PY
n_files=$(find "$T/b" -type f | wc -l)
for fmt in json sarif text; do
  "$NOHIN" lint --quiet --lang en --format $fmt --jobs 1 "$T/b" >"$T/s.$fmt" 2>"$T/err"
  rc1=$?
  for j in 2 3 0; do
    "$NOHIN" lint --quiet --lang en --format $fmt --jobs $j "$T/b" >"$T/p.$fmt" 2>>"$T/err"
    rc=$?
    if [ $rc -ne $rc1 ] || ! cmp -s "$T/s.$fmt" "$T/p.$fmt"; then
      echo "FAIL: $fmt --jobs $j differs from --jobs 1 (exit $rc vs $rc1)"
      diff "$T/s.$fmt" "$T/p.$fmt" | head -10
      fail=1
    fi
  done
done
# the bundle really has findings of file checks and bundle checks, or this proves little
"$PY" - "$T/s.json" "$n_files" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
files = {f["file"] for f in d["findings"]}
rules = {f["rule"] for f in d["findings"]}
bundle = {r for r in rules if r.startswith("BUNDLE-")}
ok = len(d["files"]) == int(sys.argv[2]) and len(files) > 3 and bundle and rules - bundle
print(f"{len(d['files'])} files, {len(d['findings'])} findings, {len(rules)} rules")
sys.exit(0 if ok else 1)
PY
"$NOHIN" lint --quiet --lang en --format json --isolate --jobs 2 "$T/b" >"$T/iso.json" 2>>"$T/err"
if ! cmp -s "$T/s.json" "$T/iso.json"; then
  echo "FAIL: --isolate --jobs 2 differs from --jobs 1"; diff "$T/s.json" "$T/iso.json" | head; fail=1
fi
for bad in -1 100000 x; do
  "$NOHIN" lint --quiet --jobs "$bad" "$T/b" >/dev/null 2>"$T/err"
  rc=$?
  if [ $rc -ne 2 ]; then echo "FAIL: --jobs $bad exit $rc, want 2"; fail=1; fi
done
grep -E "AddressSanitizer|runtime error:|ThreadSanitizer" "$T/err" && fail=1
[ $fail -eq 0 ] && echo "JSON, SARIF and text identical for --jobs 1, 2, 3, 0 and --isolate"
exit $fail
