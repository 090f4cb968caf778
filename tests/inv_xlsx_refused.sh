#!/usr/bin/env bash
# A workbook nohin clean leaves out — pivot tables (LibreOffice DataPilot),
# damaged relationships, strict OOXML, hidden rows on a sheet with an anchored
# picture (openpyxl) — had its other findings (a person as creator, comments)
# called fixable by lint. Lint now asks clean's own predicates
# (nohin_clean_xlsx_refusal; nohin_clean_xlsx_keeps_hidden for the sheets): none
# is fixable, and the fix says why. Near miss: the same workbook undamaged keeps
# its fixable findings, clean writes it, and lint of the output has no fixable
# finding.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl py:PIL soffice
. "$(dirname "$0")/lib/check.sh"
cd "$tmp" || exit 1
: >nohin.ini
cat >pivot.fods <<'FODS'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:meta><meta:initial-creator>山田 太郎</meta:initial-creator><dc:creator>山田 太郎</dc:creator><dc:title>地域別件数</dc:title></office:meta>
<office:body><office:spreadsheet>
<table:table table:name="データ">
<table:table-row><table:table-cell office:value-type="string"><text:p>地域</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>件数</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>北海道</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="12"><text:p>12</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>東北</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell></table:table-row>
</table:table>
<table:table table:name="集計"><table:table-row><table:table-cell/></table:table-row></table:table>
<table:data-pilot-tables>
<table:data-pilot-table table:name="DP1" table:target-range-address="'集計'.A1:'集計'.B5">
<table:source-cell-range table:cell-range-address="'データ'.A1:'データ'.B3"/>
<table:data-pilot-field table:source-field-name="地域" table:orientation="row"/>
<table:data-pilot-field table:source-field-name="件数" table:orientation="data" table:function="sum"/>
</table:data-pilot-table>
</table:data-pilot-tables>
</office:spreadsheet></office:body></office:document>
FODS
soffice -env:UserInstallation=file://$tmp/profile --headless --convert-to xlsx:"Calc MS Excel 2007 XML" pivot.fods >/dev/null 2>&1
check "LibreOffice wrote a pivot cache and a person as creator" \
    "unzip -Z1 pivot.xlsx | grep -q pivotCacheRecords && unzip -p pivot.xlsx docProps/core.xml | grep -q '山田 太郎'"
$PY - <<'PYEOF' || exit 1
import io, zipfile, openpyxl
from openpyxl.comments import Comment
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "集計"
ws.append(["地域", "件数"]); ws.append(["北海道", 12]); ws.append(["東北", 7])
ws["B2"].comment = Comment("確認済み", "山田 太郎")
wb.properties.creator = "山田 太郎"; wb.properties.title = "地域別件数"
wb.save("plain.xlsx")
src = zipfile.ZipFile("plain.xlsx")
def rewrite(name, edit):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for i in src.infolist():
            z.writestr(i.filename, edit(i.filename, src.read(i.filename)))
# damaged: the sheet's relationships part cut in half (no longer XML)
rewrite("damaged.xlsx", lambda n, d: d[: len(d) // 2] if n == "xl/worksheets/_rels/sheet1.xml.rels" else d)
# strict OOXML (ISO/IEC 29500 strict namespaces in the workbook and its sheets)
T = [(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
     (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      b"http://purl.oclc.org/ooxml/officeDocument/relationships")]
def strict(n, d):
    if n in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels") or n.startswith("xl/worksheets/sheet"):
        for a, b in T:
            d = d.replace(a, b)
    return d
rewrite("strict.xlsx", strict)
# hidden rows on a sheet with a picture anchored to its cells (clean would move it)
from openpyxl.drawing.image import Image
from PIL import Image as PILImage
PILImage.new("RGB", (40, 20), "red").save("p.png")
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "集計"
for r in (["地域", "件数"], ["北海道", 12], ["東北", 7], ["関東", 30]): ws.append(r)
ws.row_dimensions[3].hidden = True
ws.add_image(Image("p.png"), "D2")
wb.properties.creator = "山田 太郎"; wb.properties.title = "地域別件数"
wb.save("anchored.xlsx")
PYEOF
# "RULE=fixable …" for every finding of a file, and the fix texts
flags() { "$NOHIN" lint -c "$tmp/nohin.ini" --lang en --format json "$1" | $PY -c '
import json, sys
print(" ".join("%s=%s" % (f["rule"], f["fixable"]) for f in json.load(sys.stdin)["findings"]))'; }
fixes() { "$NOHIN" lint -c "$tmp/nohin.ini" --lang en --format json "$1" | $PY -c '
import json, sys
print("\n".join(f["fix"] for f in json.load(sys.stdin)["findings"]))'; }
for w in pivot damaged strict anchored; do
    f=$(flags $w.xlsx)
    check "$w: a person as creator is reported ($f)" "grep -q XLSX-METADATA-PERSON <<<'$f'"
    check "$w: no finding is fixable" "! grep -q '=True' <<<'$f'"
    check "$w: the fix says clean leaves it to a person" \
        "[ \$(fixes $w.xlsx | grep -c 'nohin clean leaves this workbook to a person') -ge 1 ]"
    "$NOHIN" clean --lang en --file $w.xlsx -o out_$w.xlsx >/dev/null 2>err_$w
    check "$w: clean refuses it ($(cat err_$w))" "[ ! -e out_$w.xlsx ]"
done
check "pivot: the reason is clean's" "fixes pivot.xlsx | grep -q 'pivot tables keep a copy of their source records'"
check "strict: the reason is clean's" "fixes strict.xlsx | grep -q 'strict OOXML is not supported'"
check "anchored: the reason is clean's" "fixes anchored.xlsx | grep -q 'anchors would move'"
# the organisation named, so clean can set the author (tests/inv_no_author.sh: without)
printf '[bundle]\norganisation = 株式会社テスト調査\n' >nohin.ini
f=$(flags plain.xlsx)
check "near miss: plain workbook, creator and comment fixable ($f)" \
    "grep -q 'XLSX-METADATA-PERSON=True' <<<'$f' && grep -q 'XLSX-COMMENT=True' <<<'$f'"
check "near miss: no fix mentions a person's hand" "! fixes plain.xlsx | grep -q 'leaves this workbook'"
"$NOHIN" clean -c nohin.ini --lang en --file plain.xlsx -o out_plain.xlsx >/dev/null 2>&1
check "near miss: clean writes it, and its lint has no fixable finding" \
    "[ -s out_plain.xlsx ] && ! flags out_plain.xlsx | grep -q '=True'"
check "Japanese: the reason is translated" \
    "\"\$NOHIN\" lint --lang ja pivot.xlsx | grep -q 'nohin clean では修正せず'"
exit $fail
