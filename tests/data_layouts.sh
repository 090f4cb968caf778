#!/usr/bin/env bash
# Figure data as ministries publish it (title/unit rows, one- and two-level
# headers, ▲ negatives, -, …, x placeholders, 年度 columns, notes, a chart beside
# the data) gives no DATA-*/CSV-* warning or error: 22 workbooks from openpyxl,
# 12 of them saved again by LibreOffice Calc, and 10 CSVs. Each planted
# violation of the 統一ルール is found at the right place.
set -u
NOHIN=${NOHIN_BIN:?}
SRC=${NOHIN_SOURCE_DIR:?}/tests/labelled
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$PY -c 'import openpyxl, PIL' 2>/dev/null || { echo "openpyxl/PIL missing"; exit 77; }
$PY "$SRC/gen_layouts.py" "$tmp/set" || exit 1
if command -v soffice >/dev/null; then
    mkdir -p "$tmp/lo"
    (cd "$tmp/set" && HOME="$tmp" timeout 300 soffice --headless --convert-to \
        'xlsx:Calc MS Excel 2007 XML' --outdir "$tmp/lo" $(cat lo_sources) >/dev/null 2>&1)
    for f in "$tmp"/lo/*.xlsx; do mv "$f" "$tmp/set/ok/lo_$(basename "$f")"; done
fi
"$NOHIN" lint -q -f json --lang en "$tmp/set" >"$tmp/out.json"
$PY - "$tmp/out.json" "$tmp/set" <<'PYEOF'
import json, os, sys
d = json.load(open(sys.argv[1]))
root = sys.argv[2]
ok = sorted(os.listdir(os.path.join(root, "ok")))
lo = [n for n in ok if n.startswith("lo_")]
print(f"{sum(n.endswith('.xlsx') for n in ok)} workbooks ({len(lo)} by LibreOffice), "
      f"{sum(n.endswith('.csv') for n in ok)} CSVs")
fail = 0
if len(lo) < 10 and os.system("command -v soffice >/dev/null") == 0:
    print("FAIL: LibreOffice made fewer than 10 workbooks"); fail = 1
for f in d["findings"]:
    if f["file"].startswith("ok/") and f["rule"].startswith(("DATA-", "CSV-")) \
            and f["severity"] != "info":
        print(f"FAIL: {f['file']}: {f['rule']} {f['severity']} {f['location']}"); fail = 1
def loc(l):
    if "row" in l: return f"row:{l['row']}"
    if "cell" in l: return f"{l['sheet']}!{l['cell']}"
    if "sheet" in l: return f"sheet:{l['sheet']}"
    return str(l)
for line in open(os.path.join(root, "expect"), encoding="utf-8"):
    name, rule, where = line.rstrip("\n").split("\t")
    got = [loc(f["location"]) for f in d["findings"] if f["file"] == "bad/" + name and f["rule"] == rule
           and f["severity"] == "warning"]
    if where not in got:
        print(f"FAIL: {name}: {rule} at {where} not found (got {got})"); fail = 1
    else:
        print(f"found {rule} at {where} in {name}")
sys.exit(fail)
PYEOF
[ $? = 0 ] || exit 1

# CSV title/unit lines and notes: warnings in a public file, info in an internal
# one, with a fix a contractor can do; a Shift_JIS public CSV: CSV-ENCODING info.
mkdir -p "$tmp/b/公表用" "$tmp/b/非公表"
printf '図1 輸出量の推移\r\n（単位：トン）\r\n\r\n地域,2021年度,2022年度\r\n東京,12,▲3\r\n大阪,13,-\r\n\r\n出典：財務省「貿易統計」\r\n' >"$tmp/b/公表用/t.csv"
cp "$tmp/b/公表用/t.csv" "$tmp/b/非公表/t.csv"
printf '地域,輸出量（トン）\r\n東京,12\r\n' | iconv -t CP932 >"$tmp/b/公表用/sjis.csv"
printf '地域,輸出量（トン）\r\n東京,12\r\n' | iconv -t CP932 >"$tmp/b/非公表/sjis.csv"
"$NOHIN" lint -q -f json --lang en "$tmp/b" >"$tmp/b.json"
$PY - "$tmp/b.json" <<'PYEOF' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
got = sorted((f["file"], f["rule"], f["severity"], f["location"].get("line", 0))
             for f in d["findings"] if f["rule"].startswith(("CSV-", "DATA-")))
want = sorted([("公表用/t.csv", "CSV-STRUCTURE", "warning", 1), ("公表用/t.csv", "CSV-STRUCTURE", "warning", 2),
               ("公表用/t.csv", "CSV-STRUCTURE", "warning", 8), ("非公表/t.csv", "CSV-STRUCTURE", "info", 1),
               ("非公表/t.csv", "CSV-STRUCTURE", "info", 2), ("非公表/t.csv", "CSV-STRUCTURE", "info", 8),
               ("公表用/sjis.csv", "CSV-ENCODING", "info", 0)])
fix = [f["fix"] for f in d["findings"] if f["rule"] == "CSV-STRUCTURE" and f["location"].get("line") == 2]
enc = [f["fix"] for f in d["findings"] if f["rule"] == "CSV-ENCODING"]
ok = got == want and all("輸出量（トン）" in x for x in fix) and all("--normalize-csv" in x for x in enc)
print("CSV title/notes/encoding:", "ok" if ok else f"FAIL {got}")
sys.exit(0 if ok else 1)
PYEOF
