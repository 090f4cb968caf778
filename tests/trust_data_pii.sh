#!/usr/bin/env bash
# Personal data in figure/table data laid out as offices publish it, made by
# openpyxl and Python's csv module (Excel dialect, CP932 and UTF-8 with BOM):
# 1. a name split over 姓 | 名 columns (no honorific, no 氏名 header): both
#    halves are PII-PERSON-NAME, in a workbook and in a CP932 CSV;
# 2. numbered headers (氏名1, 携帯2, 住所1) are headers like 氏名, 携帯, 住所;
# 3. a mobile number typed into a cell becomes the number 9011112222 (Excel drops
#    the leading zero): under a phone header it is still PII-PHONE;
# 4. an organisation's address under a 所在地 column is public, beside an
#    association (観光協会) as much as beside a company (株式会社).
# 5. a statistics column of 12-digit amounts (売上高（円）, stored as numbers) and
#    a column of 12-digit 会社法人等番号: one value in 11 passes the My Number
#    check digit; beside other amounts that do not, it is no PII-MY-NUMBER.
# 6. fixed lines in a 都道府県別 table of desks (rows keyed by a prefecture, no
#    name column) are the prefectures' numbers (UTF-8 BOM CSV).
# Near misses: a mobile number in such a row and a fixed line in a prefecture
# row of a table with a 氏名 column are still PII-PHONE; a column (番号, no context word) of 12-digit numbers that all pass
# the check is still a warning each; under 個人番号 an error; a 名 column of words that are no given names, a 品名 column with
# a given name in it, a 10-digit number under 売上高 and under 電話 a
# 5-digit extension, a 品目1 column, and the same address under 住所 (still
# PII-ADDRESS).
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl
. "$(dirname "$0")/lib/check.sh"
$PY - "$tmp" <<'PYEOF' || exit 1
import sys, csv, io, openpyxl
out = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active; ws.title = "回答者"
ws.append(["No.", "姓", "名", "所属", "品名"])
ws.append([1, "山田", "太郎", "総務課", "太郎飴"])
ws.append([2, "森", "花子", "企画課", "花子"])
ws.append([3, "鈴木", "東京", "営業課", "東京"])
n = wb.create_sheet("連絡先")
n.append(["氏名1", "携帯2", "住所1", "品目1", "売上高", "電話"])
n.append(["石井美和", 9011112222, "千葉県船橋市本町1-2-3", "山田", 9011112222, 12345])
o = wb.create_sheet("事業者")
o.append(["事業者名", "所在地", "住所"])
o.append(["様似町観光協会", "北海道様似郡様似町本町2-1", "北海道様似郡様似町本町2-1"])
o.append(["株式会社テスト", "東京都千代田区霞が関1-3-1", "なし"])
import random
random.seed(7)
def check_digit(d11):
    t = sum(int(d11[10 - n + 1]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    r = t % 11
    return "0" if r <= 1 else str(11 - r)
def my_number():
    d = "%011d" % random.randrange(10**10, 10**11)
    return d + check_digit(d)
a = wb.create_sheet("売上")
a.append(["都道府県", "売上高（円）", "会社法人等番号"])
for i in range(44):
    a.append(["東京都", random.randrange(10**11, 10**12), "%012d" % random.randrange(10**11, 10**12)])
m = wb.create_sheet("番号")
m.append(["番号", "個人番号"])
for i in range(3):
    m.append([my_number(), my_number()])
wb.properties.creator = "株式会社テスト"; wb.properties.title = "回答者"
wb.save(out + "/t.xlsx")
s = io.StringIO()
csv.writer(s, dialect="excel").writerows([["姓", "名", "年齢"], ["山田", "太郎", "45"], ["鈴木", "花子", "38"]])
open(out + "/t.csv", "wb").write(s.getvalue().encode("cp932"))
for name, rows in (("desk", [["都道府県", "窓口", "電話番号"], ["北海道", "経済部", "011-231-4111"],
                             ["東京都", "産業労働局", "03-5321-1111"], ["沖縄県", "商工労働部", "090-1111-2222"]]),
                   ("people", [["都道府県", "氏名", "電話番号"], ["北海道", "佐藤 一郎", "011-123-4567"]])):
    s = io.StringIO(); csv.writer(s, dialect="excel").writerows(rows)
    open(out + f"/{name}.csv", "wb").write(b"\xef\xbb\xbf" + s.getvalue().encode("utf-8"))
PYEOF
"$NOHIN" lint --format json "$tmp/t.xlsx" "$tmp/t.csv" "$tmp/desk.csv" "$tmp/people.csv" >"$tmp/r.json"
$PY - "$tmp/r.json" <<'PYEOF' || fail=1
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
def at(rule):
    return sorted((f["location"].get("sheet", f["file"] if f["file"] != "t.csv" else ""), f["location"].get("cell") or "%d.%d" % (f["location"].get("line", 0), f["location"].get("field", 0)))
                  for f in fs if f["rule"] == rule)
names, phones, addrs = at("PII-PERSON-NAME"), at("PII-PHONE"), at("PII-ADDRESS")
mn = sorted((f["location"].get("sheet", ""), f["location"].get("cell"), f["severity"]) for f in fs if f["rule"] == "PII-MY-NUMBER")
checks = [
    ("姓 | 名 columns: both halves are names (not 東京, not 品名's 太郎飴/花子)",
     [x for x in names if x[0] == "回答者"] == [("回答者", "B2"), ("回答者", "B3"), ("回答者", "B4"), ("回答者", "C2"), ("回答者", "C3")], names),
    ("the same in a CP932 CSV", [x for x in names if x[0] == ""] == [("", "2.1"), ("", "2.2"), ("", "3.1"), ("", "3.2")], names),
    ("numbered header 氏名1 backs a name, 品目1 does not",
     [x for x in names if x[0] == "連絡先"] == [("連絡先", "A2")], names),
    ("a mobile number stored as 9011112222 under 携帯2 (not under 売上高; no 12345 under 電話)",
     [x for x in phones if x[0] == "連絡先"] == [("連絡先", "B2")], phones),
    ("a prefecture's desk line is public; a mobile there and a line beside a 氏名 column are not",
     [x for x in phones if x[0] != "連絡先"] == [("desk.csv", "4.3"), ("people.csv", "2.3")], phones),
    ("under 所在地 an office's address is public; under 住所 (and 住所1) it is personal",
     addrs == [("事業者", "C2"), ("連絡先", "C2")], addrs),
    ("12-digit amounts and 会社法人等番号 beside others are no My Number; a column of valid ones is (warning), under 個人番号 (error)",
     mn == [("番号", c, sev) for c, sev in (("A2", "warning"), ("A3", "warning"), ("A4", "warning"), ("B2", "error"), ("B3", "error"), ("B4", "error"))], mn),
    ("the phone is masked with its leading zero back",
     any(f["rule"] == "PII-PHONE" and f.get("evidence") == "090****2222" for f in fs), ""),
]
from checks import report
report(checks)
PYEOF
for v in 石井 9011112222 様似町本町; do
  check "the JSON report never shows '$v'" "! grep -q -- '$v' $tmp/r.json"
done
exit $fail
