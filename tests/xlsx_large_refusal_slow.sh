#!/usr/bin/env bash
# A workbook with a sheet of ~300 MB, 1,000,000 rows (openpyxl's layout, written
# in a stream):
# lint asked clean's refusal predicate on its own zip handle, which had spent
# most of the 512 MiB inflation limit on the sheet, so the predicate met the
# limit, called _rels/.rels damaged and marked every finding not fixable ("clean
# leaves this workbook to a person") — on the 1,000,000-row bench workbook
# too. And clean, which reads each sheet twice (scan, rewrite), met the same
# 512 MiB limit on such a sheet and gave up. The predicate now opens the file as
# clean does, and clean may inflate twice the limit. Slow (a 300 MB sheet is
# inflated five times): normal build only.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl xmllint unzip
. "$(dirname "$0")/lib/check.sh"
cd "$tmp" || exit 1
$PY - <<'PYEOF' || exit 1
import openpyxl, zipfile
wb = openpyxl.Workbook(); wb.active.title = "集計"; wb.active["A1"] = "x"
wb.properties.creator = "株式会社テスト調査"
wb.save("base.xlsx")
with zipfile.ZipFile("base.xlsx") as src, \
     zipfile.ZipFile("big.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
    for i in src.infolist():
        if i.filename != "xl/worksheets/sheet1.xml":
            dst.writestr(i.filename, src.read(i))
            continue
        with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
            w.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe5\x9c\xb0\xe5\x9f\x9f</t></is></c><c r="B1" t="inlineStr"><is><t>\xe4\xbb\xb6\xe6\x95\xb0</t></is></c></row>')
            buf = []
            for r in range(2, 1_000_002):
                buf.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>地域{r % 47}</t></is></c>'
                           f'<c r="B{r}" t="inlineStr"><is><t>区分{r % 13}の集計値（年度別）</t></is></c>'
                           f'<c r="C{r}"><v>{r * 37 % 100003}</v></c><c r="D{r}"><v>{r * 53 % 99991}</v></c>'
                           f'<c r="E{r}"><v>{r % 1000}.{r % 7}</v></c>'
                           f'<c r="F{r}" t="inlineStr"><is><t>備考{r % 5}</t></is></c></row>')
                if len(buf) == 50000:
                    w.write("".join(buf).encode()); buf = []
            w.write(("".join(buf) + "</sheetData></worksheet>").encode())
PYEOF
size=$(unzip -l big.xlsx xl/worksheets/sheet1.xml | awk '$NF == "xl/worksheets/sheet1.xml" {print $1}')
check "the sheet inflates past half the 512 MiB limit ($size bytes)" "[ \"$size\" -gt 268435456 ]"
"$NOHIN" lint --lang en --format json big.xlsx >big.json 2>/dev/null
check "lint read it (XLSX-PROPERTIES: no title)" "grep -q XLSX-PROPERTIES big.json"
check "no claim of damaged relationships" "! grep -q 'damaged relationships' big.json"
check "the missing title is fixable, as clean fixes it" \
    "$PY -c 'import json,sys; fs=json.load(open(\"big.json\"))[\"findings\"]; sys.exit(0 if any(f[\"rule\"]==\"XLSX-PROPERTIES\" and f.get(\"fixable\") for f in fs) else 1)'"
printf '[bundle]\norganisation = 株式会社テスト調査\n' >nohin.ini
"$NOHIN" clean -q -c nohin.ini --file big.xlsx -o out.xlsx >clean.txt 2>&1
check "clean rewrites it (each sheet read twice: within its limit, not over lint's)" "[ -s out.xlsx ]"
check "the output's sheet is well-formed XML (xmllint --stream)" \
    "unzip -p out.xlsx xl/worksheets/sheet1.xml | xmllint --stream --noout - 2>/dev/null"
rows=$(unzip -p out.xlsx xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l)
check "every row is kept ($rows)" "[ \"$rows\" -eq 1000001 ]"
"$NOHIN" lint -c nohin.ini --format json out.xlsx >out.json 2>/dev/null
check "lint of the output: nothing fixable, nothing new" \
    "$PY -c 'import json,sys; fs=json.load(open(\"out.json\"))[\"findings\"]; was={(f[\"rule\"],str(f[\"location\"])) for f in json.load(open(\"big.json\"))[\"findings\"]}; sys.exit(0 if not any(f.get(\"fixable\") for f in fs) and {(f[\"rule\"],str(f[\"location\"])) for f in fs} <= was else 1)'"
exit $fail
