#!/usr/bin/env bash
# Issue 13: a sensitivity label (docMetadata/LabelInfo.xml, the Microsoft
# Purview part) is reported as fixable XLSX-METADATA-PERSON, so clean must
# drop it with its relationship and content type; the workbook still opens in
# openpyxl. Near miss: the same workbook without the label has no such finding.
# Workbook made by openpyxl, the label part added with python zipfile.
set -u
NOHIN=${NOHIN_BIN:?}
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '[bundle]\norganisation = 株式会社ラベル検査\n' >"$tmp/nohin.ini"
/usr/bin/python3 - "$tmp" <<'PY' || exit 1
import openpyxl, sys, zipfile
d = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "表1"
ws.append(("年度", "件数"))
ws.append((2024, 5))
wb.properties.creator = "株式会社ラベル検査"
wb.properties.title = "件数"
wb.save(d + "/plain.xlsx")
LABEL = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         b'<clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata">'
         b'<clbl:label id="{11111111-2222-3333-4444-555555555555}" enabled="1" method="Standard" '
         b'siteId="{66666666-7777-8888-9999-000000000000}" removed="0"/></clbl:labelList>')
REL = (b'<Relationship Id="rIdLabel" Type="http://schemas.microsoft.com/office/2020/02/'
       b'relationships/classificationlabels" Target="docMetadata/LabelInfo.xml"/>')
CT = (b'<Override PartName="/docMetadata/LabelInfo.xml" '
      b'ContentType="application/vnd.ms-office.classificationlabels+xml"/>')
with zipfile.ZipFile(d + "/plain.xlsx") as zi, \
        zipfile.ZipFile(d + "/label.xlsx", "w", zipfile.ZIP_DEFLATED) as zo:
    for n in zi.namelist():
        data = zi.read(n)
        if n == "_rels/.rels":
            data = data.replace(b"</Relationships>", REL + b"</Relationships>")
        elif n == "[Content_Types].xml":
            data = data.replace(b"</Types>", CT + b"</Types>")
        zo.writestr(n, data)
    zo.writestr("docMetadata/LabelInfo.xml", LABEL)
PY
fail=0
label_findings() { # file → "fixable" flags of XLSX-METADATA-PERSON label findings
  "$NOHIN" lint --lang en --format json --config "$tmp/nohin.ini" "$1" | /usr/bin/python3 -c '
import json, sys
print(" ".join(str(f.get("fixable")) for f in json.load(sys.stdin)["findings"]
               if f["rule"] == "XLSX-METADATA-PERSON" and "sensitivity label" in f["message"]))'
}
check() { if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: got '$2', want '$3'"; fail=1; fi; }
check "lint: the label is a fixable finding" "$(label_findings "$tmp/label.xlsx")" "True"
check "near miss: no label, no finding" "$(label_findings "$tmp/plain.xlsx")" ""
"$NOHIN" clean -q --config "$tmp/nohin.ini" --file "$tmp/label.xlsx" -o "$tmp/out.xlsx"
rc=$?
check "clean exit 0 or 1" "$([ $rc -le 1 ] && echo yes)" "yes"
check "lint of the output: no label finding" "$(label_findings "$tmp/out.xlsx")" ""
check "the label part, its relationship and content type are gone" "$(/usr/bin/python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
left = [n for n in z.namelist() if "LabelInfo" in n]
left += [n for n in ("_rels/.rels", "[Content_Types].xml")
         if b"LabelInfo" in z.read(n) or b"classificationlabels" in z.read(n)]
print(left)' "$tmp/out.xlsx")" "[]"
check "openpyxl reads the output" "$(/usr/bin/python3 -c '
import openpyxl, sys
print(openpyxl.load_workbook(sys.argv[1])["表1"]["B2"].value)' "$tmp/out.xlsx")" "5"
exit $fail
