#!/bin/bash
# The README's first command: the sample bundle is clean (exit 0, no error or
# warning), as a folder and as a zip; its files are checked with tools nobody here
# wrote (qpdf, pdftotext, pdfinfo, openpyxl, unzip).
set -euo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
B="$T/sample-bundle"
"$NOHIN_BINARY_DIR/fixtures/gen_sample_bundle" "$B"
PUB="$B/調査報告書等一式（公表用）"
INT="$B/調査報告書等一式"
fail() { echo "FAIL: $*"; exit 1; }

# The report PDF: valid, titled, with a table of contents and captions in its text.
qpdf --check "$PUB/令和6年度産業構造調査報告書.pdf" >/dev/null || fail "qpdf --check"
pdfinfo "$PUB/令和6年度産業構造調査報告書.pdf" | grep -q "Title: *令和6年度産業経済研究委託事業（産業構造の現状に関する調査）報告書" || fail "PDF title"
txt=$(pdftotext "$PUB/令和6年度産業構造調査報告書.pdf" -)
for s in "図2-1 地域別出荷額の推移 ......" "表2-1 業種別事業所数" "写真2-1 調査対象工場の外観"; do
  grep -qF -- "$s" <<<"$txt" || fail "'$s' not in the PDF text"
done
# Data workbooks carry a title and the organisation as author; 様式3 has no entries.
/usr/bin/python3 - "$PUB" "$INT" <<'PY' || fail "openpyxl"
import sys, glob, os, openpyxl
pub, internal = sys.argv[1], sys.argv[2]
for p in glob.glob(os.path.join(pub, "図表等データ", "*.xlsx")):
    wb = openpyxl.load_workbook(p)
    assert wb.properties.title and wb.properties.creator == "株式会社日本産業総合研究所", p
    assert os.path.basename(p).startswith(wb.properties.title.split(" ")[0]), p
f3 = openpyxl.load_workbook(os.path.join(internal, "様式3_二次利用未承諾リスト.xlsx")).active
rows = [r for r in f3.iter_rows(values_only=True)]
assert rows[0][0] == "二次利用未承諾リスト" and rows[2][0] == "該当なし", rows
PY
for d in "$INT"/*.docx; do unzip -tq "$d" >/dev/null || fail "unzip -t $d"; done
unzip -p "$INT/様式1_委託調査報告書骨子.docx" docProps/app.xml | grep -q "<Pages>2</Pages>" || fail "様式1 pages"

# Clean: exit 0 and, in JSON, no error or warning; one info (写真2-1 has no data).
"$NOHIN_BIN" lint -q "$B" >"$T/out.txt" || fail "exit code $? on the sample bundle"
"$NOHIN_BIN" lint -q --format json --output "$T/out.json" "$B" || fail "json run"
/usr/bin/python3 - "$T/out.json" <<'PY' || fail "json findings"
import json, sys
r = json.load(open(sys.argv[1]))
sev = [f["severity"] for f in r["findings"]]
assert "error" not in sev and "warning" not in sev, r["findings"]
assert [f["rule"] for f in r["findings"]] == ["BUNDLE-FIGURE-DATA-MISSING"], r["findings"]
PY

# The same bundle as a zip, as it would arrive by mail.
(cd "$B" && zip -qrX "$T/bundle.zip" .)
"$NOHIN_BIN" lint -q --lang en "$T/bundle.zip" >"$T/zip.txt" || fail "exit code $? on the zip"
grep -qF "bundle.zip/調査報告書等一式（公表用）/令和6年度産業構造調査報告書.pdf" "$T/zip.txt" || fail "zip paths"
grep -qF "0 errors, 0 warnings, 1 info" "$T/zip.txt" || fail "zip counts"
echo "sample bundle: ok"
