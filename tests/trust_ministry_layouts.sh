#!/usr/bin/env bash
# Layouts ministries publish themselves must not be flagged: the contact block of
# a statistics release ("問い合わせ先：経済産業省…構造統計室 電話：03-3501-1511（内線…）
# 〒100-8902 東京都千代田区霞が関一丁目3番1号"), its statistics table, and a blank
# application form (様式: 氏名 / 生年月日 / 住所 labels with empty boxes). A
# LibreOffice PDF and an openpyxl workbook. Near misses that must trigger: the
# same address given as an interviewee's home address, and in a contact block
# that names a person but no office.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires soffice py:openpyxl
. "$(dirname "$0")/lib/check.sh"
$PY - "$tmp" <<'PYEOF' || exit 1
import sys, openpyxl
out = sys.argv[1]
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/"')
contact = ("（注）本調査に関する問い合わせ先：経済産業省大臣官房調査統計グループ構造統計室 "
           "電話：03-3501-1511（内線2891～2893） 〒100-8902 東京都千代田区霞が関一丁目3番1号")
rows = [("産業", "事業所数", "従業者数"), ("食料品製造業", "23,456", "1,123,456"), ("化学工業", "4,567", "381,234")]
def cell(t): return f"<table:table-cell><text:p>{t}</text:p></table:table-cell>"
tab = ('<table:table table:name="T1"><table:table-column table:number-columns-repeated="3"/>'
       + "".join("<table:table-row>" + "".join(cell(c) for c in r) + "</table:table-row>" for r in rows)
       + "</table:table>")
def fodt(name, paras):
    body = "".join(p if p.startswith("<") else f"<text:p>{p}</text:p>" for p in paras)
    open(f"{out}/{name}.fodt", "w", encoding="utf-8").write(
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.3" '
        f'office:mimetype="application/vnd.oasis.opendocument.text"><office:meta><dc:title>工業統計調査 結果概要</dc:title>'
        f'<dc:creator>経済産業省</dc:creator></office:meta><office:body><office:text>{body}</office:text></office:body></office:document>')
fodt("release", ["表1-1 産業別事業所数", tab, "令和5年6月1日現在の事業所数は175,823事業所となった。", contact,
                 "様式第1号 氏名　　　　　　 生年月日　　年　　月　　日生 住所 〒　　－"])
fodt("home", ["ヒアリング対象者の自宅住所は 〒100-0013 東京都千代田区霞が関一丁目3番1号 である。"])
fodt("person", ["問い合わせ先 担当: 中村 正樹 電話 090-1234-5678 〒100-0013 東京都千代田区霞が関一丁目3番1号"])
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "表1"
for r in rows: ws.append(list(r))
ws.append([]); ws.append([contact])
wb.properties.creator = "経済産業省"; wb.properties.title = "表1-1 産業別事業所数"
wb.save(f"{out}/release.xlsx")
PYEOF
(cd "$tmp" && soffice -env:UserInstallation=file://$tmp/lo --headless --convert-to pdf release.fodt home.fodt \
   person.fodt >/dev/null 2>&1)
pii() { "$NOHIN" lint --lang en --format json "$1" | $PY -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    if f["rule"].startswith("PII-"): print(f["rule"], f.get("evidence"))'; }
pii "$tmp/release.pdf" >"$tmp/pdf.txt"
pii "$tmp/release.xlsx" >"$tmp/xlsx.txt"
pii "$tmp/home.pdf" >"$tmp/home.txt"
check "PDF written" "[ -s $tmp/release.pdf ] && [ -s $tmp/home.pdf ]"
check "release PDF: no personal data (contact block, table, blank form)" "[ ! -s $tmp/pdf.txt ] || { cat $tmp/pdf.txt; false; }"
check "release workbook: no personal data" "[ ! -s $tmp/xlsx.txt ] || { cat $tmp/xlsx.txt; false; }"
pii "$tmp/person.pdf" >"$tmp/person.txt"
for f in home person; do
  check "near miss ($f): the address as a home address, or in a contact block naming no office, is personal" \
    "grep -q '^PII-ADDRESS ' $tmp/$f.txt && grep -q '^PII-POSTAL-CODE ' $tmp/$f.txt"
done
exit $fail
