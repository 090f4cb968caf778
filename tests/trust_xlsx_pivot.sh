#!/usr/bin/env bash
# A pivot table made by LibreOffice Calc (a DataPilot in a .fods saved as .xlsx
# keeps its source records in a pivot cache): clean leaves such a workbook to a
# person, so lint must not call XLSX-PIVOT-CACHE fixable (it did). Near miss:
# an orphan cache part nobody refers to (added to an openpyxl workbook) is
# dropped by clean, and lint calls it fixable.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl soffice
. "$(dirname "$0")/lib/check.sh"
cd "$tmp" || exit 1
cat >pivot.fods <<'FODS'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet>
<table:table table:name="データ">
<table:table-row><table:table-cell office:value-type="string"><text:p>地域</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>件数</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>北海道</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="12"><text:p>12</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>東北</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>北海道</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row>
</table:table>
<table:table table:name="集計"><table:table-row><table:table-cell/></table:table-row></table:table>
<table:data-pilot-tables>
<table:data-pilot-table table:name="DP1" table:target-range-address="'集計'.A1:'集計'.B5">
<table:source-cell-range table:cell-range-address="'データ'.A1:'データ'.B4"/>
<table:data-pilot-field table:source-field-name="地域" table:orientation="row"/>
<table:data-pilot-field table:source-field-name="件数" table:orientation="data" table:function="sum"/>
</table:data-pilot-table>
</table:data-pilot-tables>
</office:spreadsheet></office:body></office:document>
FODS
soffice -env:UserInstallation=file://$tmp/profile --headless --convert-to xlsx:"Calc MS Excel 2007 XML" pivot.fods >/dev/null 2>&1
check "LibreOffice wrote a pivot cache with records" "unzip -Z1 pivot.xlsx | grep -q pivotCacheRecords"
$PY - <<'PYEOF' || exit 1
import io, zipfile, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.append(["地域", "件数"]); ws.append(["北海道", 12])
wb.properties.creator = "株式会社テスト"; wb.properties.title = "表1"
b = io.BytesIO(); wb.save(b)
src = zipfile.ZipFile(io.BytesIO(b.getvalue()))
with zipfile.ZipFile("orphan.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for i in src.infolist():
        z.writestr(i, src.read(i.filename))
    z.writestr("xl/pivotCache/pivotCacheRecords1.xml",
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords '
               'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1">'
               '<r><s v="山田太郎"/><n v="1"/></r></pivotCacheRecords>')
PYEOF
pivot() { "$NOHIN" lint --lang en --format json "$1" | $PY -c '
import json, sys
print(" ".join(str(f["fixable"]) for f in json.load(sys.stdin)["findings"] if f["rule"] == "XLSX-PIVOT-CACHE"))'; }
check "pivot in use: XLSX-PIVOT-CACHE reported, not fixable" "[ \"\$(pivot pivot.xlsx)\" = False ]"
"$NOHIN" clean --lang en --file pivot.xlsx -o out_pivot.xlsx >/dev/null 2>&1
check "pivot in use: clean leaves the workbook to a person" "[ ! -e out_pivot.xlsx ]"
check "near miss: an orphan cache is fixable" "[ \"\$(pivot orphan.xlsx)\" = True ]"
"$NOHIN" clean --lang en --file orphan.xlsx -o out_orphan.xlsx >/dev/null 2>&1
check "near miss: clean drops the orphan cache" "[ -s out_orphan.xlsx ] && [ -z \"\$(pivot out_orphan.xlsx)\" ]"
exit $fail
