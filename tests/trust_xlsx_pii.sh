#!/usr/bin/env bash
# Personal data in the hiding places of a workbook made by openpyxl:
# 1. a hidden defined name holding a constant ("山田太郎 090-…"): the
#    XLSX-HIDDEN-NAME evidence is masked in every report format (text, JSON,
#    SARIF, HTML); a hidden name that is a reference stays readable (near miss);
# 2. names in a hidden row and on a hidden sheet under a 氏名 column header are
#    PII-PERSON-NAME like visible ones (the header is context for hidden cells
#    too); near miss: a hidden row under a 品種 header holding 佐藤錦 (a cherry);
# 3. a form cell "氏　　名：加藤 大輔" (the label spaced out) is a label too.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl
. "$(dirname "$0")/lib/check.sh"
$PY - "$tmp" <<'PYEOF' || exit 1
import sys, openpyxl
from openpyxl.workbook.defined_name import DefinedName
wb = openpyxl.Workbook()
ws = wb.active; ws.title = "名簿"
for r in (["No.", "氏名", "所属"], [1, "佐藤 花子", "総務課"], [2, "高橋健太", "企画課"], [3, "中村 正樹", "総務課"]):
    ws.append(r)
ws.row_dimensions[3].hidden = True
h = wb.create_sheet("控え"); h.sheet_state = "hidden"
h.append(["氏名", "電話"]); h.append(["渡辺 大輔", "内線 1234"])
p = wb.create_sheet("品種")
for r in (["品種", "産地"], ["佐藤錦", "山形県"], ["紅秀峰", "山形県"]):
    p.append(r)
p.row_dimensions[2].hidden = True
f = wb.create_sheet("申込書")  # a form: the label spaced out in the cell itself
f["A1"] = "受講申込書"; f["A3"] = "氏　　名：加藤 大輔"; f["A4"] = "所　　属：総務課"
wb.defined_names.append(DefinedName("担当", attr_text='"山田太郎 090-1234-5678"', hidden=True))
wb.defined_names.append(DefinedName("範囲", attr_text="名簿!$A$1:$C$4", hidden=True))
wb.properties.creator = "株式会社テスト"; wb.properties.title = "名簿"
wb.save(sys.argv[1] + "/in.xlsx")
PYEOF
for fmt in text json sarif html; do
  "$NOHIN" lint --lang ja --format "$fmt" "$tmp/in.xlsx" >"$tmp/r.$fmt"
done
for v in 山田太郎 1234-5678 高橋健太 渡辺 大輔 加藤; do
  check "report formats never show '$v'" "! grep -q -- '$v' $tmp/r.text $tmp/r.json $tmp/r.sarif $tmp/r.html"
done
$PY - "$tmp/r.json" <<'PYEOF' || fail=1
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
ev = sorted(f.get("evidence", "") for f in fs if f["rule"] == "XLSX-HIDDEN-NAME")
names = sorted((f["location"].get("sheet"), f["location"].get("cell")) for f in fs if f["rule"] == "PII-PERSON-NAME")
want_names = [("名簿", "B2"), ("名簿", "B3"), ("名簿", "B4"), ("控え", "A2"), ("申込書", "A3")]
checks = [
    ("hidden-name evidence: the constant masked, the reference readable",
     len(ev) == 2 and ev[0] == 'refers_to="山*** ***-****-***8"' and ev[1] == "refers_to=名簿!$A$1:$C$4", ev),
    ("names under 氏名 in a visible row, a hidden row and a hidden sheet; after 氏　　名：",
     names == want_names, names),
    ("near miss: 佐藤錦 under 品種 in a hidden row is no name",
     not any(f["location"].get("sheet") == "品種" and f["rule"].startswith("PII-") for f in fs), ""),
]
from checks import report
report(checks)
PYEOF
exit $fail
