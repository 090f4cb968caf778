#!/usr/bin/env bash
# OLE objects, embedded documents and ActiveX controls on a VISIBLE sheet
# (XLSX-EMBEDDED-OBJECT): lint calls them fixable and clean removes them — the
# embedded part, the sheet's <oleObjects>/<controls> (also inside Excel's
# mc:AlternateContent), the VML shape and the preview picture — keeping the
# cells. The output opens in openpyxl and LibreOffice and lints with nothing
# fixable and nothing new. Near miss: an ordinary picture is no embedded object
# and stays. Workbooks: openpyxl, objects added as Excel 2016 stores them.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl py:PIL soffice
. "$(dirname "$0")/lib/check.sh"
$PY "$NOHIN_SOURCE_DIR/tests/trust/xlsx_ole.py" "$tmp" || exit 1
# rule fixable-flag per finding, one line each
findings() { "$NOHIN" lint --lang en --format json "$1" | $PY -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    print(f["rule"], f["fixable"])' | sort; }
for k in ole package control; do
  in="$tmp/obj_$k.xlsx" out="$tmp/clean_$k.xlsx"
  findings "$in" >"$tmp/in_$k.txt"
  check "$k: lint reports XLSX-EMBEDDED-OBJECT as fixable" "grep -qx 'XLSX-EMBEDDED-OBJECT True' $tmp/in_$k.txt"
  "$NOHIN" clean --lang en --file "$in" -o "$out" >"$tmp/fix_$k.txt"
  check "$k: clean wrote the output" "[ -f $out ]"
  check "$k: fix list says the object was removed" "grep -q 'XLSX-EMBEDDED-OBJECT.*removed' $tmp/fix_$k.txt"
  findings "$out" >"$tmp/out_$k.txt"
  check "$k: lint of the output: no fixable finding" "! grep -q ' True$' $tmp/out_$k.txt"
  check "$k: lint of the output: nothing new" "[ -z \"\$(comm -13 $tmp/in_$k.txt $tmp/out_$k.txt)\" ]"
  check "$k: no embedded, ActiveX, VML or preview part left" \
    "! unzip -Z1 $out | grep -Eq 'embeddings/|activeX|vmlDrawing|preview'"
  check "$k: the sheet names no object or control" \
    "! unzip -p $out xl/worksheets/sheet1.xml | grep -Eq 'oleObject|control|AlternateContent|legacyDrawing'"
  $PY - "$out" <<'PYEOF' || fail=1
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
cells = [list(r) for r in wb["データ"].iter_rows(values_only=True)]
ok = cells == [["地域", "件数"], ["北海道", 12], ["東北", 7]] and wb.properties.creator == "株式会社テスト"
print(("ok" if ok else "FAIL") + f": openpyxl reads the cells and the organisation as creator: {cells} {wb.properties.creator}")
sys.exit(0 if ok else 1)
PYEOF
done
(cd "$tmp" && soffice -env:UserInstallation=file://$tmp/lo --headless \
   --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" clean_ole.xlsx clean_package.xlsx \
   clean_control.xlsx >/dev/null 2>&1)
for k in ole package control; do
  check "$k: LibreOffice opens the output with the same cells" \
    "[ \"\$(tr -d '\r\"' <$tmp/clean_$k.csv)\" = \"\$(printf '地域,件数\n北海道,12\n東北,7')\" ]"
done
# near miss: a picture
findings "$tmp/picture.xlsx" >"$tmp/in_pic.txt"
check "near miss: a picture is no XLSX-EMBEDDED-OBJECT" "! grep -q EMBEDDED $tmp/in_pic.txt"
"$NOHIN" clean --lang en --file "$tmp/picture.xlsx" -o "$tmp/clean_pic.xlsx" >/dev/null
check "near miss: clean keeps the picture and its drawing" \
  "unzip -Z1 $tmp/clean_pic.xlsx | grep -q 'xl/media/' && unzip -Z1 $tmp/clean_pic.xlsx | grep -q 'xl/drawings/drawing1.xml'"
exit $fail
