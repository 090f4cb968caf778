#!/usr/bin/env bash
# A 様式2 (openpyxl) whose 報告書の題名 is typed with inner spaces (「令和6年度　…
# （…） 報告書」, the same title as the report's for lint and clean) got
# DATA-LAYOUT-SPACES in clean's own check of its output — the corrected 様式2 in
# 提出記録 was read as a data table — so clean exited 1 on a bundle it had
# nothing left to fix in. A form is not a data table: clean exits 0. Near miss:
# the same spaced text in a data workbook of 図表等データ is still reported.
set -u
. "$(dirname "$0")/lib/requires.sh"
. "$(dirname "$0")/lib/check.sh"
. "$(dirname "$0")/lib/form2_bundle.sh"
spaced=$($PY -c 'import sys; t=sys.argv[1]; print(t[:5] + "\u3000" + t[5:].replace("（", " （").replace("）", "） "))' "$title")
$PY - "$F2" "$pages" "$data" "$spaced" <<'PY' || exit 1
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "書誌情報"
rows = [("委託調査報告書公表用書誌情報", None), ("項目", "内容"),
        ("報告書の題名", sys.argv[4]), ("受注事業者名", "株式会社日本産業総合研究所"),
        ("総頁数", int(sys.argv[2])), ("図表等データのファイル数", int(sys.argv[3])),
        ("発行年月", "令和7年3月")]
for r in rows: ws.append(r)
wb.save(sys.argv[1])
PY
"$NOHIN" clean -q --lang en "$tmp/b" -o "$tmp/o" >/dev/null 2>&1
rc=$?
check "clean exits 0 (got $rc)" "[ $rc -eq 0 ]"
check "clean's check of its output: no DATA-LAYOUT-SPACES" \
    "! grep -q DATA-LAYOUT-SPACES \"$tmp/o/提出記録/fixlist.txt\""
check "the 様式2 went out with its title as typed" \
    "$PY -c 'import openpyxl,sys; sys.exit(openpyxl.load_workbook(sys.argv[1]).active[\"B3\"].value != sys.argv[2])' \"\$(ls \"$tmp/o/提出記録\"/様式2_*.xlsx)\" \"$spaced\""
# near miss: the spaced text as a cell of a data table (its blank doubled: one blank
# between words is part of a value, two align — DATA-LAYOUT-SPACES since s4-data)
$PY - "$tmp/b/調査報告書等一式（公表用）/図表等データ/図2-1_地域別出荷額の推移.xlsx" "$spaced" <<'PY' || exit 1
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
ws.cell(row=ws.max_row, column=1).value = sys.argv[2].replace("\u3000", "\u3000\u3000")
wb.save(sys.argv[1])
PY
check "near miss: a data table's spaced cell is DATA-LAYOUT-SPACES" \
    "\"\$NOHIN\" lint --lang en \"$tmp/b\" | grep -q DATA-LAYOUT-SPACES"
exit $fail
