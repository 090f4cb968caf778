#!/usr/bin/env bash
# DATA-* rules on tables laid out as ministries publish them (openpyxl workbook,
# CSV by Python's csv module, Excel dialect, UTF-8 with BOM):
# 1. DATA-NUMBER-AS-TEXT is not said of code and identifier columns kept as
#    text on purpose: 都道府県コード 01…47 (13 and 47 are codes like 01), 法人番号,
#    No.; near miss: amounts typed as text (1,234) in a quantity column still are;
# 2. DATA-LAYOUT-SPACES is not said of one blank between the words of a value
#    (a name written 青木 一郎, 佐々木 隆, 上田 健; a title 検討会 委員名簿);
#    near misses: spaced-out characters (東 京, 北 海 道, 氏　名) and doubled
#    blanks that align (上田　　健) still are, in the workbook and in the CSV;
# 3. a "merge" of one cell (openpyxl writes ref="B2") is no DATA-MERGED-CELLS
#    (it was reported as "1 more ranges are not listed"); near miss: the title
#    merged over A1:C1 is;
# 4. a title merged over A1:B1 with column B hidden: clean deletes B and the
#    merge with it, so lint calls that DATA-MERGED-CELLS fixable; near miss: a
#    merge over rows 3–5 with row 5 hidden keeps two rows (not fixable); the
#    cleaned workbook (read by openpyxl) keeps the visible values and
#    lints with neither the fixable merge nor anything new;
# 5. a CP932 CSV as offices write it: a title and a 単位 line above the header,
#    a 合計 row, then 注：… and 出典：… right under it (no blank line): the note
#    lines are a warning like the title lines, not a CSV-STRUCTURE error; near
#    miss: a short data row in the middle still is an error.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl
. "$(dirname "$0")/lib/check.sh"
$PY - "$tmp" <<'PYEOF' || exit 1
import sys, csv, io, openpyxl
out = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active; ws.title = "都道府県別"
ws.append(["都道府県コード", "都道府県", "事業所数", "売上高（千円）"])
ws.append(["01", "北海道", 1234, "1,234"])
ws.append(["13", "東京都", 99999, 5678])
ws.append(["47", "沖縄県", 321, 4321])
c = wb.create_sheet("事業者")
c.append(["No.", "法人番号", "事業者名", "従業者数"])
c.append(["1", "7000012050002", "株式会社テスト製作所", 10])
c.append(["2", "5010401089998", "テスト商事株式会社", "25"])
m = wb.create_sheet("委員")
m.append(["検討会 委員名簿"])
m.append(["区分", "所属", "役職"])
for r in (["青木 一郎", "東京大学", "教授"], ["佐々木 隆", "日本商工会議所", "部長"],
          ["上田 健", "東 京", "委員"], ["上田　　健", "北 海 道", "氏　名"]):
    m.append(r)
m.merge_cells("A1:C1"); m.merge_cells("B2:B2")
wb.properties.creator = "株式会社テスト"; wb.properties.title = "都道府県別"
wb.save(out + "/t.xlsx")
s = io.StringIO()
csv.writer(s, dialect="excel").writerows(
    [["区分", "所属", "人数"], ["青木 一郎", "東京大学", "1"], ["佐々木 隆", "東 京", "2"], ["上田　　健", "検討会 委員名簿", "3"]])
open(out + "/t.csv", "wb").write(b"\xef\xbb\xbf" + s.getvalue().encode("utf-8"))
s = io.StringIO()
csv.writer(s, dialect="excel").writerows(
    [["表1 都道府県別事業所数"], ["単位：事業所"], ["都道府県", "事業所数", "従業者数"], ["北海道", "1234", "5678"],
     ["青森県", "55"], ["東京都", "99999", "123456"], ["合計", "101288", "129134"],
     ["注：青森県の従業者数は秘匿。"], ["出典：経済産業省「経済構造実態調査」"]])
open(out + "/notes.csv", "wb").write(s.getvalue().encode("cp932"))
PYEOF
$PY - "$tmp" <<'PYEOF' || exit 1
import sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active; ws.title = "表1"
ws.append(["表1 地域別件数", None, None])
ws.append(["地域", "作業用", "件数"])
ws.append(["北海道・東北", "作業用", 10])
ws.append([None, "作業用", 20])
ws.append([None, "作業用", 30])
ws.merge_cells("A1:B1"); ws.merge_cells("A3:A5")
ws.column_dimensions["B"].hidden = True
ws.row_dimensions[5].hidden = True
wb.properties.creator = "株式会社テスト"; wb.properties.title = "表1"
wb.save(sys.argv[1] + "/m.xlsx")
PYEOF
"$NOHIN" lint --format json "$tmp/m.xlsx" >"$tmp/m.json"
"$NOHIN" clean --quiet --file "$tmp/m.xlsx" -o "$tmp/m_out.xlsx" >/dev/null
"$NOHIN" lint --format json "$tmp/m_out.xlsx" >"$tmp/m_out.json"
$PY - "$tmp/m.json" "$tmp/m_out.json" "$tmp/m_out.xlsx" <<'PYEOF' || fail=1
import json, sys, openpyxl
a = {f["location"].get("cell"): f["fixable"] for f in json.load(open(sys.argv[1]))["findings"] if f["rule"] == "DATA-MERGED-CELLS"}
b = [(f["rule"], f["location"].get("cell"), f["fixable"]) for f in json.load(open(sys.argv[2]))["findings"]]
ws = openpyxl.load_workbook(sys.argv[3]).active
vals = [[c.value for c in r] for r in ws.iter_rows()]
checks = [("A1:B1 over hidden column B fixable, A3:A5 over hidden row 5 not", a == {"A1:B1": True, "A3:A5": False}, a),
          ("output: only A3:A4 merged (not fixable), nothing else", b == [("DATA-MERGED-CELLS", "A3:A4", False)], b),
          ("output keeps the visible values", vals == [["表1 地域別件数", None], ["地域", "件数"], ["北海道・東北", 10], [None, 20]], vals)]
from checks import report
report(checks)
PYEOF
"$NOHIN" lint --format json "$tmp/t.xlsx" "$tmp/t.csv" >"$tmp/r.json"
"$NOHIN" lint --format json "$tmp/notes.csv" >"$tmp/notes.json"
$PY - "$tmp/notes.json" <<'PYEOF' || fail=1
import json, sys
fs = [(f["location"].get("line"), f["severity"]) for f in json.load(open(sys.argv[1]))["findings"] if f["rule"] == "CSV-STRUCTURE"]
ok = sorted(fs) == [(1, "warning"), (2, "warning"), (5, "error"), (8, "warning")]
print(("ok" if ok else "FAIL") + ": CSV notes right under the 合計 row are a warning; the short row 5 an error", "" if ok else fs)
sys.exit(0 if ok else 1)
PYEOF
$PY - "$tmp/r.json" <<'PYEOF' || fail=1
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
def at(rule):
    return sorted((f["location"].get("sheet", ""), f["location"].get("cell") or "%d.%d" % (f["location"].get("line", 0), f["location"].get("field", 0)))
                  for f in fs if f["rule"] == rule)
nat, sp, mg = at("DATA-NUMBER-AS-TEXT"), at("DATA-LAYOUT-SPACES"), at("DATA-MERGED-CELLS")
checks = [
    ("codes (01, 13, 47), 法人番号 and No. kept as text are no numbers as text; 1,234 and 25 are",
     nat == [("事業者", "D3"), ("都道府県別", "D2")], nat),
    ("one blank between words is no layout; 東 京, 北 海 道, 氏　名, 上田　　健 are (workbook)",
     [x for x in sp if x[0] == "委員"] == [("委員", "A6:C6"), ("委員", "B5")], sp),
    ("the same in a CSV", [x for x in sp if x[0] == ""] == [("", "3.2"), ("", "4.1")], sp),
    ("a one-cell merge is no merge; the title over A1:C1 is", mg == [("委員", "A1:C1")], mg),
]
from checks import report
report(checks)
PYEOF
exit $fail
