#!/usr/bin/env bash
# Names at a line end of a LibreOffice PDF (tests/trust/pdf_para_names.py): a
# name that ends its paragraph is found whole and not glued to the next
# paragraph (加藤 大輔 + 本調査… once gave only 加藤: wrapped Japanese lines were
# joined across any line break); a spaced form label poppler splits at its wide
# gap (氏 / 名 加藤 大輔) still reads as one line; names wrapped inside themselves
# (佐藤 健太郎 / 様, 高橋 / 健太郎様) are still found whole, each boxed on its
# own lines. Near miss: the paragraphs after them and a company address give
# nothing.
set -u
NOHIN=${NOHIN_BIN:?}
PY=/usr/bin/python3
command -v soffice >/dev/null || { echo "soffice missing: skipped"; exit 77; }
. "$(dirname "$0")/lib/check.sh"
$PY "$NOHIN_SOURCE_DIR/tests/trust/pdf_para_names.py" "$tmp/names.fodt" || exit 1
(cd "$tmp" && soffice -env:UserInstallation=file://$tmp/lo --headless --convert-to pdf names.fodt \
   >/dev/null 2>&1)
[ -s "$tmp/names.pdf" ] || { echo "FAIL: LibreOffice wrote no PDF"; exit 1; }
# the layout the test is about: LibreOffice wrapped where the generator meant it to
pdftotext "$tmp/names.pdf" "$tmp/text.txt"
check "layout: 中村 正樹 ends a line, 本調査 starts the next; 健太郎 / 様 and 高橋 / 健太郎様 wrap" \
  "grep -A1 '中村 正樹\$' $tmp/text.txt | grep -q '^本調査' && grep -q '佐藤 健太郎\$' $tmp/text.txt && grep -q '^健太郎様' $tmp/text.txt"
"$NOHIN" lint --lang en --format json "$tmp/names.pdf" | $PY -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    if f["rule"].startswith("PII-"):
        b = f["location"].get("box") or [0, 0, 0, 0]
        print(f["rule"], f.get("evidence"), round(b[2] - b[0]))' | sort >"$tmp/pii.txt"
cat "$tmp/pii.txt"
has() { grep -qx "PII-PERSON-NAME $1 [0-9]*" "$tmp/pii.txt"; }
check "a name ending its paragraph is whole: 中村 正樹 (not 中村 glued to 本調査)" "has '中\* \*樹'"
check "a spaced label split by poppler: 氏　　名 加藤 大輔 is whole" "has '加\* \*輔'"
check "names wrapped inside themselves: 佐藤 健太郎様, 高橋健太郎様" "has '佐\* \*\*郎様' && has '高\*\*\*郎様'"
check "nothing else (the paragraphs after the names, the company address)" "[ \$(wc -l <$tmp/pii.txt) -eq 4 ]"
check "a one-line name's box is one name wide (< 60 pt)" \
  "grep -q '^PII-PERSON-NAME 中\* \*樹 [1-5][0-9]\$' $tmp/pii.txt"
exit $fail
