#!/usr/bin/env bash
# A statistics table (openpyxl) with a row hidden because its value may not be
# published (岩手県) and a 合計 row =SUM(C3:C7) over it: deleting the row (as
# clean does, or a person) keeps the total, and total − visible rows gives the
# hidden value away. XLSX-HIDDEN-ROW names the formula cell (evidence
# used_by=C8, the fix says to recompute or remove it; in Japanese too).
# Near misses: a sheet whose total sums only visible rows (=SUM(C3:C4)) and
# multiplies by a constant (=C3*5: 5 is no row), a formula inside the hidden
# column itself, and another sheet's reference (他!C5) give no used_by.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl
. "$(dirname "$0")/lib/check.sh"
$PY - "$tmp" <<'PYEOF' || exit 1
import sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active; ws.title = "集計"
ws.append(["都道府県", "区分", "2021年度", "2022年度"])
for r in (["北海道", "a", 10, 11], ["青森県", "b", 20, 21], ["岩手県", "c", 30, 31],
          ["東京都", "d", 40, 41], ["神奈川県", "e", 50, 51]):
    ws.append(r)
ws.append(["合計", None, "=SUM(C2:C6)", "=SUM(D2:D6)"])
ws.row_dimensions[4].hidden = True      # 岩手県
ws.column_dimensions["D"].hidden = True  # its total D7 is in the hidden column
n = wb.create_sheet("他")
n.append(["都道府県", "件数", "比率"])
for r in (["北海道", 10, "=B2*5"], ["青森県", 20, None], ["岩手県", 30, None]):
    n.append(r)
n.append(["合計", "=SUM(B2:B3)", "=集計!C4"])
n.row_dimensions[4].hidden = True
wb.properties.creator = "株式会社テスト"; wb.properties.title = "集計"
wb.save(sys.argv[1] + "/t.xlsx")
PYEOF
"$NOHIN" lint --format json --lang en "$tmp/t.xlsx" >"$tmp/en.json"
"$NOHIN" lint --format json --lang ja "$tmp/t.xlsx" >"$tmp/ja.json"
$PY - "$tmp/en.json" "$tmp/ja.json" <<'PYEOF' || fail=1
import json, sys
en = json.load(open(sys.argv[1]))["findings"]; ja = json.load(open(sys.argv[2]))["findings"]
def hid(fs):
    return {(f["location"].get("sheet"), f["location"].get("row") or f["location"].get("column")): f for f in fs if f["rule"].startswith("XLSX-HIDDEN-")}
e, j = hid(en), hid(ja)
row = e.get(("集計", 4), {})
checks = [
    ("the hidden row 4 is read by the total in C7", row.get("evidence") == "rows=4-4 why=hidden used_by=C7", row.get("evidence")),
    ("the fix says to recompute or remove 集計!C7", "集計!C7" in row.get("fix", "") and "recompute or remove" in row.get("fix", ""), row.get("fix")),
    ("in Japanese too", "非表示の値が分かって" in j.get(("集計", 4), {}).get("fix", ""), j.get(("集計", 4), {}).get("fix")),
    ("near miss: the hidden column D's own total (D7) is no reader", "used_by" not in e.get(("集計", "D"), {}).get("evidence", "x used_by"), e.get(("集計", "D"))),
    ("near miss: =SUM(B2:B3), =B2*5 and 集計!C4 do not read 他's hidden row 4", e.get(("他", 4), {}).get("evidence") == "rows=4-4 why=hidden", e.get(("他", 4))),
]
from checks import report
report(checks)
PYEOF
exit $fail
