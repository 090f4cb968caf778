#!/bin/bash
# A large sheet is inflated ahead on one thread (src/readers/zip_safe.c) and its
# cells reach the personal-data check on another (src/readers/xlsx_cell_pipe.c)
# while the reader parses (issue 20): the report must be byte-identical to the
# one-thread pass (NOHIN_XLSX_SERIAL=1). The workbook, made by openpyxl, has
# 25,000 rows (a sheet over 4 MB, far more cells than one batch) with names after
# labels and honorifics, phone numbers, My Numbers, e-mail addresses and
# addresses, some in hidden rows, a header, and a comment: over 100 findings of
# a kind, so the order of the cells decides which ones are listed. Near miss: a
# small workbook (delivered without a thread) gives the same report both ways,
# and so does the big one with its sheet's deflate stream damaged half-way.
set -u
N=${NOHIN_BIN:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing: skipped"; exit 77; }
/usr/bin/python3 - "$T" <<'PY' || { echo "FAIL: generator"; exit 1; }
import random, sys, openpyxl
from openpyxl.comments import Comment
rnd = random.Random(20)
names = ["山田太郎", "佐藤花子", "鈴木一郎", "田中 美咲"]
def row(i):
    return [i, rnd.choice(["氏名", "担当者", "品目%05d" % i]), rnd.choice(names + ["東京", "C-%04d" % i]),
            rnd.choice(["090-%04d-%04d" % (i % 10000, (i * 7) % 10000), "03-1234-5678", "0120-444-555", 12.5]),
            rnd.choice([526018159084, 599528907864, 1234567, "yamada%d@example.com" % i, "info@example.jp"]),
            rnd.choice(["東京都千代田区霞が関%d-2-3" % (i % 9 + 1), "大阪", "佐藤様", ""])]
for name, rows in (("big", 25000), ("small", 40)):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名簿"
    ws.append(["ID", "区分", "氏名", "電話番号", "個人番号", "住所"])
    for i in range(1, rows + 1):
        ws.append(row(i))
        if i % 97 == 0:
            ws.row_dimensions[i + 1].hidden = True
    ws.oddHeader.center.text = "担当 080-2222-3333"
    ws["B5"].comment = Comment("連絡 080-1111-2222", "someone")
    wb.save(f"{sys.argv[1]}/{name}.xlsx")
PY
# The big one again, with bytes in the middle of its sheet's compressed data overwritten.
/usr/bin/python3 - "$T" <<'PY' || { echo "FAIL: damaging"; exit 1; }
import struct, sys, zipfile
src = f"{sys.argv[1]}/big.xlsx"
z = zipfile.ZipFile(src)
i = z.getinfo("xl/worksheets/sheet1.xml")
data = bytearray(open(src, "rb").read())
n, m = struct.unpack("<HH", data[i.header_offset + 26:i.header_offset + 30])
start = i.header_offset + 30 + n + m
mid = start + i.compress_size // 2
data[mid:mid + 64] = bytes(range(64))
open(f"{sys.argv[1]}/damaged.xlsx", "wb").write(data)
PY
fail=0
for b in big small damaged; do
  "$N" lint --lang en --format json "$T/$b.xlsx" > "$T/$b.piped.json"
  rc=$?
  NOHIN_XLSX_SERIAL=1 "$N" lint --lang en --format json "$T/$b.xlsx" > "$T/$b.serial.json"
  rs=$?
  [ $rc = $rs ] && [ $rc -le 1 ] || { echo "FAIL: $b: exit $rc (piped) vs $rs (serial)"; fail=1; }
  [ -s "$T/$b.piped.json" ] || { echo "FAIL: $b: no report"; fail=1; }
  cmp -s "$T/$b.piped.json" "$T/$b.serial.json" || {
    echo "FAIL: $b: piped and serial reports differ"
    diff "$T/$b.piped.json" "$T/$b.serial.json" | head -5
    fail=1
  }
done
# Not vacuous: the big sheet has more than a page of findings of a kind, hidden
# ones, and pieces before and after the cells.
/usr/bin/python3 - "$T/big.piped.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
f = d["findings"]
def n(rule, text=""):
    return sum(1 for x in f if x["rule"] == rule and text in x["message"])
ok = True
for rule, text, want in (("PII-PHONE", "", 101), ("PII-PHONE", "more findings", 1),
                         ("PII-PERSON-NAME", "", 50), ("PII-MY-NUMBER", "", 50),
                         ("PII-EMAIL", "", 50), ("PII-ADDRESS", "", 50),
                         ("PII-PHONE", "in hidden content", 1), ("PII-PHONE", "in a comment", 1)):
    if n(rule, text) < want:
        print(f"FAIL: {rule} {text!r}: {n(rule, text)} < {want}")
        ok = False
sys.exit(0 if ok else 1)
PY
grep -q '"rule":"XLSX-MALFORMED"' "$T/damaged.piped.json" || { echo "FAIL: damaged sheet not reported"; fail=1; }
[ $fail = 0 ] && echo "xlsx_cell_pipe: piped = serial (big, small and damaged workbooks)"
exit $fail
