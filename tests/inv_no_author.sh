#!/usr/bin/env bash
# XLSX-PROPERTIES "no author" was fixable whether or not clean could name an
# author: with no organisation known, clean leaves the author empty and the
# finding stays on its output. Now lint asks clean's own rule
# (src/clean/organisation.c: nohin.ini's [bundle] organisation, else 様式2's
# 受注事業者名, else a report's Author that is no person) and calls it fixable only
# when clean will set one — in `clean --file` mode (nohin.ini only) and in a
# bundle. Workbooks by openpyxl; a report PDF with a person as author by
# LibreOffice. Near misses: an organisation in nohin.ini, or in 様式2.
set -u
. "$(dirname "$0")/lib/requires.sh"
GEN=${NOHIN_BINARY_DIR:?}/fixtures/gen_sample_bundle
requires py:openpyxl soffice "$GEN"
. "$(dirname "$0")/lib/check.sh"
cd "$tmp" || exit 1
$PY -c '
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "表"
ws.append(["地域", "件数"]); ws.append(["東京", 3]); ws.append(["大阪", 2])
wb.properties.creator = None; wb.properties.title = "地域別件数"
wb.save("noauth.xlsx")' || exit 1
: >none.ini
printf '[bundle]\norganisation = 株式会社テスト調査\n' >org.ini
# "fixable" of the no-author finding(s) of files under a path, and their fix
noauth() { "$NOHIN" lint "$@" --lang en --format json | $PY -c '
import json, sys
print(" ".join(str(f["fixable"]) for f in json.load(sys.stdin)["findings"]
               if f["rule"] == "XLSX-PROPERTIES" and "no author" in f["message"]))'; }
creator() { unzip -p "$1" docProps/core.xml | $PY -c 'import re,sys; m=re.search(r"<dc:creator>([^<]*)", sys.stdin.read()); print(m.group(1) if m else "")'; }

# --file mode
check "--file, no organisation: no author is not fixable" "[ \"\$(noauth -c none.ini noauth.xlsx)\" = False ]"
check "--file, no organisation: the fix says why" \
    "\"\$NOHIN\" lint -c none.ini --lang en noauth.xlsx | grep -q 'no organisation is known'"
"$NOHIN" clean -c none.ini --lang en --file noauth.xlsx -o out_none.xlsx >/dev/null 2>&1
check "--file, no organisation: clean sets no author, and lint of it has nothing fixable" \
    "[ -s out_none.xlsx ] && [ -z \"\$(creator out_none.xlsx)\" ] && [ \"\$(noauth -c none.ini out_none.xlsx)\" = False ]"
check "near miss, --file with an organisation: fixable" "[ \"\$(noauth -c org.ini noauth.xlsx)\" = True ]"
"$NOHIN" clean -c org.ini --lang en --file noauth.xlsx -o out_org.xlsx >/dev/null 2>&1
check "near miss, --file with an organisation: clean sets it" \
    "[ \"\$(creator out_org.xlsx)\" = 株式会社テスト調査 ] && [ -z \"\$(noauth -c org.ini out_org.xlsx)\" ]"

# a bundle: nohin.ini names no organisation
"$GEN" b >/dev/null || { echo "FAIL: fixture"; exit 1; }
sed -i '/^organisation/d' b/nohin.ini
cp noauth.xlsx "b/調査報告書等一式（公表用）/図表等データ/図2-9_地域別件数.xlsx"
check "near miss, bundle with 様式2's 受注者名: fixable" "[ \"\$(noauth b)\" = True ]"
"$NOHIN" clean -q --lang en b -o out1 >/dev/null 2>&1
check "near miss, bundle with 様式2's 受注者名: clean sets it" \
    "[ \"\$(creator out1/公表用/図表等データ/図2-9_地域別件数.xlsx)\" = 株式会社日本産業総合研究所 ]"
# …and with 様式2's 受注者名 empty and a person as the report's author
$PY -c '
import openpyxl, sys
p = "b/調査報告書等一式/様式2_委託調査報告書公表用書誌情報.xlsx"
wb = openpyxl.load_workbook(p); ws = wb.active
for row in ws.iter_rows():
    if row[0].value == "受注者名": row[1].value = None
wb.save(p)' || exit 1
cat >r.fodt <<'FODT'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:creator>山田 太郎</dc:creator><meta:initial-creator>山田 太郎</meta:initial-creator><dc:title>調査報告書</dc:title></office:meta>
<office:body><office:text><text:p>図2-9 地域別件数</text:p></office:text></office:body></office:document>
FODT
soffice -env:UserInstallation=file://$tmp/profile --headless --convert-to pdf r.fodt >/dev/null 2>&1
for d in "調査報告書等一式（公表用）" 調査報告書等一式; do cp r.pdf "b/$d/令和6年度産業構造調査報告書.pdf"; done
check "bundle, no organisation anywhere: not fixable" "[ \"\$(noauth b)\" = False ]"
"$NOHIN" clean -q --lang en b -o out2 >/dev/null 2>&1
o=out2/公表用/図表等データ/図2-9_地域別件数.xlsx
check "bundle, no organisation anywhere: clean sets no author" "[ -s $o ] && [ -z \"\$(creator $o)\" ]"
check "bundle: clean's check of its output does not call it fixable" \
    "grep 'XLSX-PROPERTIES' out2/提出記録/fixlist.txt | grep -q 'no author' && ! grep 'no author' out2/提出記録/fixlist.txt | grep -q 'fixable, but still there'"
exit $fail
