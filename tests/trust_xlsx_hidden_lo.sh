#!/usr/bin/env bash
# Hidden rows and columns in a workbook saved by LibreOffice Calc, which writes
# an empty drawing part for a sheet with an autofilter: clean deletes them (the
# empty drawing anchors nothing that could move) — before, it left the whole
# workbook to a person while lint said "nohin clean can fix this". Lint and
# clean agree on the cases clean does refuse: formulas without stored values
# (openpyxl writes none) and a picture anchored on the sheet — there the hidden
# rows/columns are not called fixable. Outputs checked with openpyxl and
# LibreOffice.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl py:PIL soffice
. "$(dirname "$0")/lib/check.sh"
cd "$tmp" || exit 1
$PY - <<'PYEOF' || exit 1
import io, openpyxl
from openpyxl.drawing.image import Image as XLImage
from PIL import Image
for name, picture in (("book", False), ("picture", True)):
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = "表1"
    ws["A1"] = "表1 地域別件数"; ws.merge_cells("A1:D1")
    ws.append(["地域", "件数", "メモ", "割合"])
    for r in (("北海道", 12, "内部", 0.1), ("東北", 7, "内部", 0.2), ("関東", 30, "x", 0.3)):
        ws.append(list(r))
    ws["E3"] = "=B3*2"
    ws.column_dimensions["C"].hidden = True
    ws.row_dimensions[4].hidden = True
    ws.auto_filter.ref = "A2:D5"  # LibreOffice then writes an empty drawing part
    if picture:
        b = io.BytesIO(); Image.new("RGB", (30, 20), "blue").save(b, "PNG"); b.seek(0)
        ws.add_image(XLImage(b), "G2")
    wb.properties.creator = "株式会社テスト"; wb.properties.title = "表1"
    wb.save(f"{name}.xlsx")
PYEOF
mkdir lo
soffice -env:UserInstallation=file://$tmp/profile --headless --convert-to xlsx:"Calc MS Excel 2007 XML" \
  --outdir lo book.xlsx picture.xlsx >/dev/null 2>&1
check "LibreOffice saved both workbooks, with a drawing part" \
  "[ -s lo/book.xlsx ] && [ -s lo/picture.xlsx ] && unzip -p lo/book.xlsx xl/worksheets/sheet1.xml | grep -q '<drawing '"
hidden() { "$NOHIN" lint --lang en --format json "$1" | $PY -c '
import json, sys
print(" ".join(sorted(str(f["fixable"]) for f in json.load(sys.stdin)["findings"] if f["rule"].startswith("XLSX-HIDDEN-"))))'; }
check "LibreOffice workbook: hidden row and column are fixable" "[ \"\$(hidden lo/book.xlsx)\" = 'True True' ]"
"$NOHIN" clean --lang en --file lo/book.xlsx -o out.xlsx >fix.txt 2>&1
check "clean writes it, deleting the hidden row and column" \
  "[ -s out.xlsx ] && grep -q 'Hidden rows deleted' fix.txt && grep -q 'Hidden columns deleted' fix.txt"
check "lint of the output: no hidden row or column left" "[ -z \"\$(hidden out.xlsx)\" ]"
$PY - <<'PYEOF' || fail=1
import openpyxl
ws = openpyxl.load_workbook("out.xlsx").active
got = [list(r) for r in ws.iter_rows(values_only=True)]
want = [["表1 地域別件数", None, None, None], ["地域", "件数", "割合", None],
        ["北海道", 12, 0.1, 24], ["関東", 30, 0.3, None]]
ok = got == want and [str(r) for r in ws.merged_cells.ranges] == ["A1:C1"]
print(("ok" if ok else "FAIL") + f": openpyxl reads the visible cells, the title merged over A1:C1: {got} {ws.merged_cells.ranges}")
raise SystemExit(0 if ok else 1)
PYEOF
soffice -env:UserInstallation=file://$tmp/profile --headless \
  --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" out.xlsx >/dev/null 2>&1
check "LibreOffice opens the output" "tr -d '\"\r' <out.csv | grep -qx '北海道,12,0.1,24'"
for f in book.xlsx lo/picture.xlsx; do
  check "$f: lint does not promise the fix clean refuses" "[ \"\$(hidden $f)\" = 'False False' ]"
  rm -f refused.xlsx
  "$NOHIN" clean --lang en --file "$f" -o refused.xlsx >/dev/null 2>&1
  check "$f: clean leaves it to a person" "[ ! -e refused.xlsx ]"
done
exit $fail
