#!/usr/bin/env bash
# issue16 item 5: a data connection's credentials never reach a report, in any
# format (text, JSON, SARIF, HTML). Item 8: control characters in file names are
# escaped in text output (JSON keeps the real name, escaped by JSON itself).
set -u
NOHIN=${NOHIN_BIN:?}
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "skip: openpyxl missing"; exit 77; }
. "$(dirname "$0")/lib/check_cmd.sh"
mkdir -p "$tmp/b/非公表"
# A workbook made by openpyxl, with two connections added as Excel writes them:
# an OLE DB string with a user and a password, and a web query with URL credentials.
$PY - "$tmp/b/非公表/conn.xlsx" "$tmp/b/非公表/plain.xlsx" <<'P'
import sys, zipfile, openpyxl
for path in sys.argv[1:]:
    wb = openpyxl.Workbook(); wb.active["A1"] = "x"; wb.save(path)
src = sys.argv[1]
conn = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<connection id="1" name="Sales" type="1" refreshedVersion="6"><dbPr connection="'
        'Provider=SQLOLEDB;Data Source=db01;User ID=yamada;Password=secret;'
        'Initial Catalog=sales" command="select 1"/></connection>'
        '<connection id="2" name="Web" type="4" refreshedVersion="6"><webPr url="'
        'https://taro:pw123@example.com/data?token=tok456&amp;year=2024"/></connection>'
        '</connections>')
zin = zipfile.ZipFile(src); items = {n: zin.read(n) for n in zin.namelist()}; zin.close()
rels = items["xl/_rels/workbook.xml.rels"].decode()
rels = rels.replace("</Relationships>", '<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/connections" Target="connections.xml"/></Relationships>')
ct = items["[Content_Types].xml"].decode()
ct = ct.replace("</Types>", '<Override PartName="/xl/connections.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml"/></Types>')
items["xl/_rels/workbook.xml.rels"] = rels.encode(); items["[Content_Types].xml"] = ct.encode()
items["xl/connections.xml"] = conn.encode()
with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as z:
    for n, d in items.items(): z.writestr(n, d)
P
for fmt in text json sarif html; do
  "$NOHIN" lint --quiet --lang en --format "$fmt" -o "$tmp/out.$fmt" "$tmp/b" 2>"$tmp/err"
  check "$fmt: connection reported" grep -q 'XLSX-DATA-CONNECTION' "$tmp/out.$fmt"
  for secret in secret yamada pw123 tok456 'taro:'; do
    check "$fmt: no '$secret'" not grep -q "$secret" "$tmp/out.$fmt"
  done
done
check "json: masked source kept readable" grep -q 'Data Source=db01;User ID=\*\*\*;Password=\*\*\*' "$tmp/out.json"
check "json: URL keeps host and harmless parameter" grep -q 'example.com/data?token=\*\*\*&year=2024' "$tmp/out.json"
# Near miss: the same workbook without connections has no such finding.
rm "$tmp/b/非公表/conn.xlsx"
"$NOHIN" lint --quiet --lang en --format json -o "$tmp/near.json" "$tmp/b" 2>/dev/null
check "near miss: no connection finding" not grep -q 'XLSX-DATA-CONNECTION' "$tmp/near.json"

# Item 8: ESC, BEL and a bidi override in a file name.
mkdir -p "$tmp/c/公表用"
esc=$(printf 'a\033]0;pwned\007b\342\200\256.pdf')
printf 'not a pdf\n' >"$tmp/c/公表用/$esc"
"$NOHIN" lint --quiet --lang en "$tmp/c" >"$tmp/out.txt" 2>/dev/null
check "text: name listed" grep -q 'a\\x1B\]0;pwned\\x07b\\u{202E}.pdf' "$tmp/out.txt"
check "text: no raw ESC" not grep -q $'\033' "$tmp/out.txt"
check "text: no raw BEL" not grep -q $'\007' "$tmp/out.txt"
"$NOHIN" lint --quiet --lang en --format json "$tmp/c" >"$tmp/out.json" 2>/dev/null
check "json: real name kept" $PY -c 'import json,sys
d=json.load(open(sys.argv[1])); sys.exit(0 if any(f["path"].endswith(sys.argv[2]) for f in d["files"]) else 1)' "$tmp/out.json" "$esc"
# Near miss: an ordinary Japanese name is shown as it is.
mv "$tmp/c/公表用/$esc" "$tmp/c/公表用/図1_データ.pdf"
"$NOHIN" lint --quiet --lang en "$tmp/c" >"$tmp/out.txt" 2>/dev/null
check "near miss: Japanese name unchanged" grep -q '図1_データ.pdf' "$tmp/out.txt"

finish
