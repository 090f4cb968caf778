#!/usr/bin/env bash
# 黒塗り in a workbook made by openpyxl: a cell "blacked out" with a black fill
# still holds its value. Excel and LibreOffice draw a solid fill without an
# <fgColor> black (openpyxl writes it so for PatternFill("solid") and for
# fgColor="000000", its default), and Excel draws text without a <color>
# (automatic) black: such cells are XLSX-INVISIBLE-CELL, as black text on an
# explicit black fill already was; the name inside is PII "in hidden content".
# Near misses: white text on a black fill, default text on a yellow fill, a
# header in white on dark blue.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl
. "$(dirname "$0")/lib/check.sh"
$PY - "$tmp" <<'PYEOF' || exit 1
import sys, openpyxl
from openpyxl.styles import Font, PatternFill
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "表"
ws.append(["区分", "値"])
for c in ws[1]:
    c.font = Font(color="FFFFFFFF", bold=True); c.fill = PatternFill("solid", fgColor="FF1F4E78")
ws.append(["A", "黒塗り 佐藤様"]); ws["B2"].fill = PatternFill("solid", fgColor="FF000000")
ws.append(["B", "黒塗り 高橋様"]); ws["B3"].fill = PatternFill("solid")
ws.append(["C", "黒塗り3"]); ws["B4"].fill = PatternFill("solid", fgColor="FF000000"); ws["B4"].font = Font(name="Calibri")
ws.append(["D", "見える"]); ws["B5"].fill = PatternFill("solid", fgColor="FF000000"); ws["B5"].font = Font(color="FFFFFFFF")
ws.append(["E", "見える2"]); ws["B6"].fill = PatternFill("solid", fgColor="FFFFFF00")
wb.properties.creator = "株式会社テスト"; wb.properties.title = "表"
wb.save(sys.argv[1] + "/t.xlsx")
PYEOF
"$NOHIN" lint --format json --lang en "$tmp/t.xlsx" >"$tmp/r.json"
$PY - "$tmp/r.json" <<'PYEOF' || fail=1
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
inv = sorted(f["location"]["cell"] for f in fs if f["rule"] == "XLSX-INVISIBLE-CELL")
pii = sorted((f["location"]["cell"], "hidden" in f["message"]) for f in fs if f["rule"] == "PII-PERSON-NAME")
checks = [("black fill (explicit, or solid without a colour) under black or automatic text: B2:B4 only", inv == ["B2:B4"], inv),
          ("the names in them are personal data in hidden content", pii == [("B2", True), ("B3", True)], pii)]
from checks import report
report(checks)
PYEOF
exit $fail
