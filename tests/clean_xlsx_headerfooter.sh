#!/usr/bin/env bash
# Issue 13: XLSX-HEADER-FOOTER is fixable again. lint and clean take the same
# decision (nohin_ooxml_headerfooter_flagged in src/ooxml/headerfooter.c):
# clean removes the header/footer sections lint flags (a person's name, &Z&F,
# a literal path) and keeps the page-number sections; the output lints without
# the rule. Near miss: a sheet with page numbers only has no finding and keeps
# its header and footer unchanged. Workbook made by openpyxl, output read back
# by openpyxl, parts checked with xmllint.
set -u
NOHIN=${NOHIN_BIN:?}
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing: skipped"; exit 77; }
command -v xmllint >/dev/null || { echo "xmllint missing: skipped"; exit 77; }
. "$(dirname "$0")/lib/check.sh"
/usr/bin/python3 - "$tmp" <<'PY' || exit 1
import openpyxl, sys
wb = openpyxl.Workbook()
ws = wb.active; ws.title = "集計"
ws.append(["地域", "件数"]); ws.append(["北海道", 12])
ws.oddHeader.center.text = "作成 山田太郎"
ws.oddFooter.left.text = "&Z&F"
ws.oddFooter.right.text = "&P / &N"
ws3 = wb.create_sheet("資料")
ws3.append(["b", 2])
ws3.oddHeader.left.text = "C:\\Users\\yamada\\Documents\\報告.xlsx"
ws3.oddHeader.center.text = "&P"
ws2 = wb.create_sheet("付表")  # near miss: page numbering only
ws2.append(["a", 1])
ws2.oddFooter.center.text = "Page &P of &N"
ws2.oddHeader.right.text = "- &P -"
wb.save(sys.argv[1] + "/in.xlsx")
# a chart sheet's header: clean rewrites worksheets only, so lint must not call it fixable
from openpyxl.chart import BarChart, Reference
cs = wb.create_chartsheet("グラフ")
ch = BarChart(); ch.add_data(Reference(ws, min_col=2, min_row=1, max_row=2), titles_from_data=True)
cs.add_chart(ch)
cs.HeaderFooter.oddHeader.center.text = "作成 山田太郎"
wb.save(sys.argv[1] + "/chart.xlsx")
PY
hf() { "$NOHIN" lint --lang en --format json "$1" | /usr/bin/python3 -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    if f["rule"] == "XLSX-HEADER-FOOTER": print(f["location"].get("sheet"), f["fixable"])'; }
hf "$tmp/in.xlsx" >"$tmp/in.txt"
check "lint: name and &Z&F on 集計, path on 資料, all fixable" \
  "[ \$(grep -c '^集計 True$' $tmp/in.txt) = 2 ] && [ \$(grep -c '^資料 True$' $tmp/in.txt) = 1 ] && [ \$(wc -l <$tmp/in.txt) = 3 ]"
check "near miss: page numbers only on 付表, no finding" "! grep -q 付表 $tmp/in.txt"
"$NOHIN" clean --lang en --file "$tmp/in.xlsx" -o "$tmp/out.xlsx" >"$tmp/fix.txt"
check "clean wrote the output" "[ -f $tmp/out.xlsx ]"
hf "$tmp/out.xlsx" >"$tmp/out.txt"
check "lint of the output: no XLSX-HEADER-FOOTER" "[ ! -s $tmp/out.txt ]"
/usr/bin/python3 - "$tmp/out.xlsx" <<'PY' || fail=1
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
a, b, c = wb["集計"], wb["資料"], wb["付表"]
got = {
    "集計 header": (a.oddHeader.left.text, a.oddHeader.center.text, a.oddHeader.right.text),
    "集計 footer": (a.oddFooter.left.text, a.oddFooter.center.text, a.oddFooter.right.text),
    "資料 header": (b.oddHeader.left.text, b.oddHeader.center.text, b.oddHeader.right.text),
    "付表 header": (c.oddHeader.left.text, c.oddHeader.center.text, c.oddHeader.right.text),
    "付表 footer": (c.oddFooter.left.text, c.oddFooter.center.text, c.oddFooter.right.text),
    "cells": ([tuple(x.value for x in r) for r in a.iter_rows()], b["A1"].value, c["B1"].value),
}
want = {
    "集計 header": (None, None, None),
    "集計 footer": (None, None, "&P / &N"),
    "資料 header": (None, "&P", None),
    "付表 header": (None, None, "- &P -"),
    "付表 footer": (None, "Page &P of &N", None),
    "cells": ([("地域", "件数"), ("北海道", 12)], "b", 1),
}
bad = 0
for k in want:
    ok = got[k] == want[k]
    bad += not ok
    print(("ok" if ok else "FAIL") + f": {k}: {got[k]}")
sys.exit(1 if bad else 0)
PY
check "the fix list says what was removed" "grep -q '\[XLSX-HEADER-FOOTER\] in.xlsx 集計 -> out.xlsx: 2 header/footer texts removed' $tmp/fix.txt"
hf "$tmp/chart.xlsx" >"$tmp/chart.txt"
check "a chart sheet's header is reported, not fixable" "grep -q '^グラフ False$' $tmp/chart.txt"
mkdir "$tmp/parts" && (cd "$tmp/parts" && unzip -q "$tmp/out.xlsx")
check "every part well-formed" "find $tmp/parts -name '*.xml' -o -name '*.rels' | xargs xmllint --noout --nonet"
exit $fail
