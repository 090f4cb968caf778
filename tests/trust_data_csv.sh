#!/usr/bin/env bash
# CSV dialects as Excel and Python's csv module (dialect "excel") write them:
# CP932 with the NEC/IBM extension characters Excel uses (髙橋①, 﨑, ⅱ, ㈱),
# UTF-8 with a BOM and CRLF, UTF-8 with LF; quoted fields with a line break, a
# comma and doubled quotes; a 合計 row.
# 1. lint reads the CP932 file as CP932 (uchardet alone names ISO-8859-13);
# 2. clean --normalize-csv keeps every value: read back with the csv module
#    (utf-8-sig) the rows equal the ones written, the line break inside a
#    quoted field stays a bare LF (only record ends become CRLF); the file that
#    already was UTF-8 with BOM and CRLF is not touched; LibreOffice opens the
#    output with the same cell values; lint of the output has nothing new.
# Near miss: a Latin-1 CSV (Zürich, café, Histórico, Número ©: bytes that also
# decode as CP932) is not taken for CP932 and is
# converted to the same text in UTF-8.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl
. "$(dirname "$0")/lib/check.sh"
d="$tmp/b/公表用/図表等データ"
mkdir -p "$d"
$PY - "$d" "$tmp" <<'PYEOF' || exit 1
import csv, io, json, sys
out = sys.argv[1]
rows = [["都道府県", "回答数", "自由記述"], ["北海道", "1,234", "改行を\n含む回答"],
        ["東京都", "567", 'カンマ, と "引用符"'], ["髙橋①", "8", "﨑・ⅱ・㈱"], ["合計", "1,809", ""]]
def w(name, rows, enc, bom=False, nl="\r\n"):
    s = io.StringIO(); csv.writer(s, dialect="excel", lineterminator=nl).writerows(rows)
    open(out + "/" + name, "wb").write((b"\xef\xbb\xbf" if bom else b"") + s.getvalue().encode(enc))
w("表1-1.csv", rows, "cp932")
w("表1-2.csv", rows, "utf-8", True)
w("表1-3.csv", rows, "utf-8", False, "\n")
latin = [["city", "note"], ["Zürich", "café crème"], ["München", "Straße"], ["Histórico", "Número ©"]]
w("表1-4.csv", latin, "latin-1")
json.dump({"jp": rows, "latin": latin}, open(sys.argv[2] + "/rows.json", "w"))
PYEOF
cp "$d/表1-2.csv" "$tmp/orig12.csv"
"$NOHIN" lint --format json "$d/表1-1.csv" "$d/表1-4.csv" >"$tmp/in.json"
$PY - "$tmp/in.json" <<'PYEOF' || fail=1
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
enc = {f["file"]: (f["severity"], f.get("evidence", "")) for f in fs if f["rule"] == "CSV-ENCODING"}
ok1 = enc.get("表1-1.csv", ("", ""))[0] == "info"   # only "publish in UTF-8"
ok2 = enc.get("表1-4.csv", ("", ""))[0] == "error" and "CP932" not in enc["表1-4.csv"][1]
print(("ok" if ok1 else "FAIL") + ": the CP932 file with NEC/IBM characters is read as CP932", "" if ok1 else enc)
print(("ok" if ok2 else "FAIL") + ": near miss: the Latin-1 file is no CP932", "" if ok2 else enc)
sys.exit(0 if ok1 and ok2 else 1)
PYEOF
"$NOHIN" clean --lang en --quiet --normalize-csv "$tmp/b" -o "$tmp/out" >"$tmp/clean.txt"
o="$tmp/out/公表用/図表等データ"
$PY - "$o" "$tmp/rows.json" <<'PYEOF' || fail=1
import csv, json, sys
o, want = sys.argv[1], json.load(open(sys.argv[2]))
bad = 0
for n, rows in (("表1-1", want["jp"]), ("表1-2", want["jp"]), ("表1-3", want["jp"]), ("表1-4", want["latin"])):
    raw = open(f"{o}/{n}.csv", "rb").read()
    got = list(csv.reader(open(f"{o}/{n}.csv", encoding="utf-8-sig", newline="")))
    ok = got == rows and raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == len(rows)
    print(("ok" if ok else "FAIL") + f": {n}.csv: every value kept, BOM, CRLF record ends, LF inside the quoted field", "" if ok else got)
    bad += not ok
sys.exit(1 if bad else 0)
PYEOF
check "the UTF-8 BOM CRLF file is left as it was" "cmp -s '$tmp/orig12.csv' '$o/表1-2.csv'"
check "the fix list claims no re-encoding of 表1-2.csv" "grep -q '表1-1.csv -> .*Re-encoded' '$tmp/out/提出記録/fixlist.txt' && ! grep -q '表1-2.csv -> .*Re-encoded' '$tmp/out/提出記録/fixlist.txt'"
"$NOHIN" lint --format json "$o"/*.csv >"$tmp/outlint.json"
$PY - "$tmp/outlint.json" <<'PYEOF' || fail=1
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
bad = [(f["file"], f["rule"]) for f in fs if f.get("fixable") or f["rule"].startswith(("CSV-", "PII-"))]
print(("ok" if not bad else "FAIL") + ": lint of the output: nothing fixable, no CSV-* or PII-*", bad)
sys.exit(1 if bad else 0)
PYEOF
if command -v soffice >/dev/null 2>&1; then
  soffice -env:UserInstallation=file://$tmp/lo --headless --infilter="CSV:44,34,76,1,1/2/2/2/3/2" \
    --convert-to xlsx --outdir "$tmp/lo_out" "$o/表1-1.csv" >/dev/null 2>&1
  $PY - "$tmp/lo_out/表1-1.xlsx" "$tmp/rows.json" <<'PYEOF' || fail=1
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
got = [[("" if c.value is None else str(c.value)) for c in r] for r in ws.iter_rows(max_col=3)]
want = json.load(open(sys.argv[2]))["jp"]
ok = got == want
print(("ok" if ok else "FAIL") + ": LibreOffice reads the cleaned CP932 file with the same values", "" if ok else got)
sys.exit(0 if ok else 1)
PYEOF
fi
exit $fail
