#!/usr/bin/env bash
# Issue 13: a workbook whose parts use a prefixed SpreadsheetML namespace
# (<x:worksheet xmlns:x=…>, as the Open XML SDK writes them). clean used to
# write <row>/<c>/<v> without the prefix, i.e. in no namespace: openpyxl and
# Excel then saw an empty sheet (jp-UsingPhonetics.xlsx lost its only row).
# The workbook is made by openpyxl, its sheet re-prefixed with python zipfile,
# a hidden row added so clean rewrites rows, and the output read by openpyxl.
set -u
NOHIN=${NOHIN_BIN:?}
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$tmp" <<'PY' || exit 1
import openpyxl, re, sys, zipfile
d = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "データ"
rows = [("地域", "件数"), ("北海道", 12), ("東北", 7), ("関東", 30), ("近畿", 3.5)]
for r in rows:
    ws.append(r)
ws.row_dimensions[3].hidden = True      # 東北: clean removes it
wb.save(d + "/plain.xlsx")
SS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"

def prefix(xml):
    # every element of the main namespace gets the x: prefix; default ns dropped
    xml = re.sub(rb"<(/?)([A-Za-z][\w]*)([ />])", rb"<\1x:\2\3", xml)
    return xml.replace(b'xmlns="' + SS + b'"', b'xmlns:x="' + SS + b'"')

with zipfile.ZipFile(d + "/plain.xlsx") as zi, \
        zipfile.ZipFile(d + "/in.xlsx", "w", zipfile.ZIP_DEFLATED) as zo:
    for n in zi.namelist():
        data = zi.read(n)
        if re.match(r"xl/(worksheets/sheet\d+|sharedStrings)\.xml$", n):
            data = prefix(data)
            assert b"<x:row" in data or b"<x:sst" in data, n
        zo.writestr(n, data)
ws = openpyxl.load_workbook(d + "/in.xlsx").active
assert ws["A4"].value == "関東", "the re-prefixed input must read as the original"
PY
"$NOHIN" clean -q --file "$tmp/in.xlsx" -o "$tmp/out.xlsx"
rc=$?
[ $rc -le 1 ] || { echo "FAIL: clean exit $rc"; exit 1; }
/usr/bin/python3 - "$tmp/out.xlsx" <<'PY'
import openpyxl, sys, zipfile
ws = openpyxl.load_workbook(sys.argv[1], data_only=True)["データ"]
got = [tuple(c.value for c in r[:2]) for r in ws.iter_rows()]
want = [("地域", "件数"), ("北海道", 12), ("関東", 30), ("近畿", 3.5)]
ok = got == want
print(("ok" if ok else "FAIL") + ": visible rows kept with their values:", got)
xml = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml")
bare = b"<row " in xml or b"<c " in xml or b"<v>" in xml
print(("FAIL" if bare else "ok") + ": no unprefixed row/c/v in a prefixed sheet")
sys.exit(0 if ok and not bare else 1)
PY
