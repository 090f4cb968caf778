#!/usr/bin/env bash
# Issue 13: clean corrects 様式2 in a workbook the way other writers lay it out
# (Open XML SDK style): every part with a prefixed SpreadsheetML namespace
# (<x:c>), the relationships namespace under another prefix (rel:id), the
# workbook part not named xl/workbook.xml and the first sheet stored in
# xl/worksheets/form.xml while xl/worksheets/sheet1.xml is the second sheet.
# The form is made by openpyxl and rewritten with python zipfile; clean's
# corrected values are read back with openpyxl (a bare <v> inside <x:c> would
# be in no namespace and read as empty).
set -u
NOHIN=${NOHIN_BIN:?}
. "$(dirname "$0")/lib/check.sh"
. "$(dirname "$0")/lib/form2_bundle.sh"
/usr/bin/python3 - "$F2" "$((pages + 3))" "$((data + 2))" <<'PY' || exit 1
import io, openpyxl, re, sys, zipfile
path = sys.argv[1]
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "書誌情報"
rows = [("委託調査報告書公表用書誌情報", None), ("項目", "内容"),
        ("報告書の題名", "調査報告書"), ("受注事業者名", "株式会社日本産業総合研究所"),
        ("総頁数", int(sys.argv[2])), ("図表等データのファイル数", int(sys.argv[3])),
        ("発行年月", "令和7年3月")]
for r in rows: ws.append(r)
other = wb.create_sheet("メモ")
other["B5"] = "別シート"; other["B6"] = "別シート"
buf = io.BytesIO(); wb.save(buf)
SS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RN = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
def prefix(xml):
    xml = re.sub(rb"<(/?)([A-Za-z][\w]*)([ />])", rb"<\1x:\2\3", xml)
    xml = xml.replace(b'xmlns="' + SS + b'"', b'xmlns:x="' + SS + b'"')
    return xml.replace(b'xmlns:r="' + RN + b'"', b'xmlns:rel="' + RN + b'"').replace(b" r:id=", b" rel:id=")
names = {"xl/workbook.xml": "xl/book.xml", "xl/_rels/workbook.xml.rels": "xl/_rels/book.xml.rels",
         "xl/worksheets/sheet1.xml": "xl/worksheets/form.xml",
         "xl/worksheets/sheet2.xml": "xl/worksheets/sheet1.xml"}
with zipfile.ZipFile(buf) as zi, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zo:
    for n in zi.namelist():
        d = zi.read(n)
        if re.match(r"xl/(workbook|worksheets/sheet\d+|sharedStrings)\.xml$", n):
            d = prefix(d)
        if n == "xl/_rels/workbook.xml.rels":
            d = d.replace(b"worksheets/sheet1.xml", b"worksheets/TMP").replace(
                b"worksheets/sheet2.xml", b"worksheets/sheet1.xml").replace(b"worksheets/TMP", b"worksheets/form.xml")
        if n == "[Content_Types].xml":
            d = d.replace(b"/xl/workbook.xml", b"/xl/book.xml").replace(
                b"/xl/worksheets/sheet1.xml", b"/xl/worksheets/TMP").replace(
                b"/xl/worksheets/sheet2.xml", b"/xl/worksheets/sheet1.xml").replace(
                b"/xl/worksheets/TMP", b"/xl/worksheets/form.xml")
        if n == "_rels/.rels":
            d = d.replace(b"xl/workbook.xml", b"xl/book.xml")
        zo.writestr(names.get(n, n), d)
with zipfile.ZipFile(path) as z:
    assert b"<x:c " in z.read("xl/worksheets/form.xml") and b"rel:id" in z.read("xl/book.xml")
    assert "xl/workbook.xml" not in z.namelist()
wb = openpyxl.load_workbook(path)
assert wb.worksheets[0].title == "書誌情報" and wb.worksheets[0]["B5"].value == int(sys.argv[2])
PY
"$NOHIN" lint --lang en --format json "$tmp/b" >"$tmp/bad.json"
n=$(/usr/bin/python3 -c 'import json,sys; print(sum(1 for f in json.load(open(sys.argv[1]))["findings"] if f["rule"]=="BUNDLE-FORM2-MISMATCH"))' "$tmp/bad.json")
check "lint reads the prefixed 様式2: two mismatches (pages, data files)" "[ \"$n\" -ge 2 ]"
"$NOHIN" clean -q "$tmp/b" -o "$tmp/o"; rc=$?
check "clean exits 0 or 1" "[ $rc -le 1 ]"
out=$(ls "$tmp/o/提出記録"/様式2_*.xlsx)
opages=$(pdfinfo "$tmp/o"/公表用/*.pdf | awk '/^Pages:/ {print $2}')
got=$(/usr/bin/python3 -c '
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
print(wb.worksheets[0]["B5"].value, wb.worksheets[0]["B6"].value, wb.worksheets[1]["B5"].value, sep="|")' "$out")
check "corrected values read by openpyxl in the first sheet, second sheet untouched ($got)" "[ \"$got\" = \"$opages|$data|別シート\" ]"
check "no unprefixed value element in the rewritten sheet" \
  "! unzip -p \"$out\" xl/worksheets/form.xml | grep -qE '<(v|is|t)>'"
check "the fix list lists the corrections" "grep -q 'BUNDLE-FORM2-MISMATCH' \"$tmp/o/提出記録/fixlist.txt\""
check "no manual item: the form was corrected" "! grep -q 'could not be corrected' \"$tmp/o/提出記録/fixlist.txt\""
exit $fail
