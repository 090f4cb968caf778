#!/usr/bin/env bash
# Personal data in a table of a LibreOffice PDF: poppler reads the table column
# by column, so the 氏名 header and its names are far apart in the page text.
# Rebuilt by position (src/pii/pdf_lines.c), every name under 氏名 and every
# number or address under 連絡先 is found, the e-mail address wrapped inside its
# narrow cell (kobayashi@exampl / e.or.jp) is joined and boxed on its own cell,
# and the footer's address stays one address. Near misses in the same PDF: the
# paragraph after the table, 佐藤錦 under a 品種 header, a statistics table. A
# form line whose label is spaced out (氏　　名　加藤 大輔) is a label too.
# clean's output (qpdf --check, pdftotext) lints with the same findings.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires soffice
. "$(dirname "$0")/lib/check.sh"
$PY "$NOHIN_SOURCE_DIR/tests/trust/pdf_tables.py" "$tmp/rep.fodt" || exit 1
(cd "$tmp" && soffice -env:UserInstallation=file://$tmp/lo --headless --convert-to pdf rep.fodt \
   rep-short.fodt >/dev/null 2>&1)
[ -s "$tmp/rep.pdf" ] || { echo "FAIL: LibreOffice wrote no PDF"; exit 1; }
summary() { "$NOHIN" lint --lang en --format json "$1" | $PY -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    if f["rule"].startswith("PII-"):
        b = f["location"].get("box") or [0, 0, 0, 0]
        print(f["rule"], f.get("evidence"), round(b[0]), round(b[3] - b[1]))' | sort; }
summary "$tmp/rep.pdf" >"$tmp/in.txt"
count() { grep -c "^$1 " "$tmp/in.txt"; }
check "five names: three under 氏名 (left edge in the 氏名 column), 佐藤 健太郎様, 氏　　名 加藤 大輔" \
  "[ \$(count PII-PERSON-NAME) -eq 5 ] && grep -q '^PII-PERSON-NAME 加\*' $tmp/in.txt && [ \$(grep -c '^PII-PERSON-NAME .* 177 ' $tmp/in.txt) -eq 3 ]"
check "phones: 03- and 090- under 連絡先, 080- in the text, the header's 090-" "[ \$(count PII-PHONE) -eq 4 ] && grep -q '03-\*\*\*\*-0123' $tmp/in.txt && grep -q '090-\*\*\*\*-4321' $tmp/in.txt"
check "the wrapped cell's e-mail address, boxed on its cell (< 40 pt high)" \
  "grep -Eq '^PII-EMAIL k\*\*\*@example.or.jp 418 ([0-9]|[1-3][0-9])$' $tmp/in.txt"
check "the footer's e-mail address is one address" "grep -q '^PII-EMAIL s\*\*\*@example.co.jp ' $tmp/in.txt && [ \$(count PII-EMAIL) -eq 2 ]"
check "near misses: nothing else (paragraph after the table, 佐藤錦, statistics)" "[ \$(wc -l <$tmp/in.txt) -eq 13 ]"
# the wrapped cell's tail comes after the footer in this one's page text: the footer's
# address once mangled into s***@example.co.jpe.or.jp and the cell's was lost
summary "$tmp/rep-short.pdf" >"$tmp/short.txt"
check "short report: both e-mail addresses, neither joined with the other" \
  "[ \"\$(grep -o '^PII-EMAIL [^ ]*' $tmp/short.txt | tr '\n' ' ')\" = 'PII-EMAIL k***@example.or.jp PII-EMAIL s***@example.co.jp ' ]"
"$NOHIN" clean --lang en --file "$tmp/rep.pdf" -o "$tmp/out.pdf" >/dev/null
check "clean's output passes qpdf --check and keeps its text" \
  "qpdf --check $tmp/out.pdf >/dev/null && pdftotext $tmp/out.pdf - | grep -q 'ヒアリング対象者一覧'"
summary "$tmp/out.pdf" >"$tmp/out.txt"
check "lint of the output: the same personal-data findings, nothing new" "cmp -s $tmp/in.txt $tmp/out.txt"
exit $fail
