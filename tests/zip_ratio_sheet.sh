#!/usr/bin/env bash
# A sheet of one long sentence repeated (a free-text answer column) deflates at
# about 250:1, past the old per-entry limit of 200: lint called the workbook a
# zip bomb (XLSX-MALFORMED), and called clean's own output one (corpus
# size-large_strings.xlsx: clean's sheet at 274:1). Entries up to 64 MiB are now
# refused past 500:1 (pure filler is ~980-1030:1). Near miss: 4 MiB of
# spaces is still refused.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl unzip
. "$(dirname "$0")/lib/check.sh"
cd "$tmp" || exit 1
$PY - <<'PYEOF' || exit 1
import openpyxl, zipfile, zlib
def book(path, sheet_xml):
    wb = openpyxl.Workbook(); wb.active.title = "回答"; wb.active["A1"] = "x"
    wb.properties.creator = "株式会社テスト調査"; wb.properties.title = "自由回答"
    wb.save("base.xlsx")
    with zipfile.ZipFile("base.xlsx") as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for i in src.infolist():
            data = sheet_xml if i.filename == "xl/worksheets/sheet1.xml" else src.read(i)
            dst.writestr(i.filename, data)
head = '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
t = "令和6年度の調査では、回答事業者の多くが人手不足を課題に挙げた。" * 2000
rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>自由回答</t></is></c><c r="B1" t="inlineStr"><is><t>件数</t></is></c></row>']
rows += [f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{t}</t></is></c><c r="B{i}"><v>{i * 7}</v></c></row>' for i in range(2, 52)]
book("answers.xlsx", (head + "".join(rows) + "</sheetData></worksheet>").encode())
book("filler.xlsx", (head + '<row r="1"><c r="A1" t="inlineStr"><is><t>' + " " * (4 << 20) + "</t></is></c></row></sheetData></worksheet>").encode())
PYEOF
printf '[bundle]\norganisation = 株式会社テスト調査\n' >nohin.ini
ratio() { unzip -v "$1" xl/worksheets/sheet1.xml | awk '$NF == "xl/worksheets/sheet1.xml" {print int($1 / $3)}'; }
r=$(ratio answers.xlsx)
check "the sheet deflates past 200:1 and below 500:1 (ratio $r)" "[ \"$r\" -gt 200 ] && [ \"$r\" -lt 500 ]"
"$NOHIN" lint -c nohin.ini --format json answers.xlsx >a.json 2>/dev/null
check "lint: a repeated-answer sheet is no zip bomb" "! grep -q XLSX-MALFORMED a.json"
"$NOHIN" clean -q -c nohin.ini --file answers.xlsx -o out.xlsx >/dev/null 2>&1
check "clean wrote the workbook" "[ -s out.xlsx ]"
"$NOHIN" lint -c nohin.ini --format json out.xlsx >o.json 2>/dev/null
check "lint of clean's output: no XLSX-MALFORMED" "[ -s o.json ] && ! grep -q XLSX-MALFORMED o.json"
check "openpyxl reads clean's output (51 answers)" \
    "$PY -c 'import openpyxl,sys; ws=openpyxl.load_workbook(\"out.xlsx\").active; sys.exit(0 if ws.max_row == 51 and ws[\"A2\"].value.startswith(\"令和6年度\") else 1)'"
"$NOHIN" lint -c nohin.ini --format json filler.xlsx >f.json 2>/dev/null
check "near miss: 4 MiB of spaces is still refused as a zip bomb" "grep -q XLSX-MALFORMED f.json"
exit $fail
