#!/bin/bash
# A workbook's cells reach the personal-data check from the reader's one pass
# over each sheet (issue 20), with the summary checks fed by the same pass. On a
# workbook made by openpyxl: a My Number stored as a number (a numeric cell is
# still scanned when its digits can be personal), the same in a hidden row
# (reported as hidden), a header and a comment with a phone number (pieces that
# come before and after the cells), a name; DATA-FORMULAS and
# DATA-NUMBER-AS-TEXT from the summary. Near miss: prices, ratios, negative
# numbers and dates in numeric cells give no personal-data finding.
set -u
N=${NOHIN_BIN:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing: skipped"; exit 77; }
/usr/bin/python3 - "$T/book.xlsx" <<'PY' || { echo "FAIL: generator"; exit 1; }
import datetime, sys, openpyxl
from openpyxl.comments import Comment
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "名簿"
ws.append(["氏名", "個人番号", "金額", "比率", "差額", "日付", "コード"])
ws.append(["佐藤様", 526018159084, 1234.5, 0.1234567, -12345678, datetime.date(1985, 4, 12), "1,234"])
ws.append(["なし", 599528907864, 99.25, 0.5, -1, datetime.date(2020, 1, 1), "x"])
ws.append(["なし", 12345, 1.5, 0.25, -2, datetime.date(2020, 1, 2), "=1+1"])
ws["H2"] = "=C2*2"
ws.row_dimensions[3].hidden = True
ws.oddHeader.center.text = "担当 090-1234-5678"
ws["A4"].comment = Comment("連絡 080-2222-3333", "someone")
wb.save(sys.argv[1])
PY
"$N" lint --lang en --format json "$T/book.xlsx" > "$T/out.json"
rc=$?
[ $rc -le 1 ] || { echo "FAIL: lint exit $rc"; exit 1; }
/usr/bin/python3 - "$T/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
fail = 0
def has(rule, cell=None, where=None, evidence=None):
    for f in d["findings"]:
        loc = f.get("location", {})
        if f["rule"] != rule: continue
        if cell and loc.get("cell") != cell: continue
        if where and where not in f["message"]: continue
        if evidence and evidence not in f.get("evidence", ""): continue
        return True
    return False
def check(name, ok):
    global fail
    print(("ok: " if ok else "FAIL: ") + name)
    fail |= not ok
check("My Number stored as a number is found (B2)", has("PII-MY-NUMBER", "B2", "in the text"))
check("My Number in a hidden row is found as hidden (B3)", has("PII-MY-NUMBER", "B3", "hidden"))
check("phone number in the header is found", has("PII-PHONE", None, "header or footer", "oddHeader"))
check("phone number in a comment is found (A4)", has("PII-PHONE", "A4", "comment"))
check("name with an honorific is found (A2)", has("PII-PERSON-NAME", "A2"))
check("formula cells reported (DATA-FORMULAS)", has("DATA-FORMULAS"))
check("number stored as text reported (DATA-NUMBER-AS-TEXT G2)", has("DATA-NUMBER-AS-TEXT", "G2"))
quiet = [f for f in d["findings"] if f["rule"].startswith("PII-")
         and f.get("location", {}).get("cell", "")[:1] in ("C", "D", "E", "F")]
check("near miss: no personal data in prices, ratios, negative numbers, dates", not quiet)
sys.exit(fail)
PY
