#!/usr/bin/env bash
# `nohin split`: a generated 2,500-page report with a bookmark per chapter
# (every 300 pages) and a 4.5-million-character report become parts within the
# limits, cut at chapter starts, checked with tools nobody here wrote: pdfinfo
# (pages, title), qpdf --check, qpdf --json (bookmarks), pdftotext (the parts'
# texts concatenated equal the original's).
set -u
NOHIN=${NOHIN_BIN:?}
GENR=${NOHIN_BINARY_DIR:?}/fixtures/gen_report_pdf
GEND=${NOHIN_BINARY_DIR:?}/fixtures/gen_dense_pdf
[ -x "$GENR" ] && [ -x "$GEND" ] || { echo "generators not built: skipped"; exit 77; }
. "$(dirname "$0")/lib/check.sh"
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

"$GENR" "$tmp/long.pdf" 2500 30 300 || { echo "FAIL: fixture"; exit 1; }
"$NOHIN" split --lang en "$tmp/long.pdf" -o "$tmp/p" >"$tmp/out.txt"; rc=$?
check "2,500 pages: exit 0" "[ $rc -eq 0 ]"
check "four parts named <name>_分冊N.pdf" "[ \"\$(ls \"$tmp/p\" | tr '\\n' ' ')\" = 'long_分冊1.pdf long_分冊2.pdf long_分冊3.pdf long_分冊4.pdf ' ]"
# at most 890 pages (89 %: under lint's 90 % warning), ending before a chapter start
check "cut at chapter starts: 600 + 600 + 600 + 700 pages" \
  "[ \"\$(for i in 1 2 3 4; do pages \"$tmp/p/long_分冊\$i.pdf\"; done | tr '\\n' ' ')\" = '600 600 600 700 ' ]"
for i in 1 2 3 4; do
  f="$tmp/p/long_分冊$i.pdf"
  check "part $i passes qpdf --check" "qpdf --check \"$f\" >/dev/null"
  check "part $i: its own title with the part number" "pdfinfo \"$f\" | grep -q \"^Title: .*part $i of 4\""
  # bookmarks: the chapters of this part, each pointing at a page of the part
  n=$(qpdf --json --json-key=outlines "$f" | /usr/bin/python3 -c '
import json,sys
o=json.load(sys.stdin)["outlines"]
assert all(x["destpageposfrom1"] is not None for x in o)
print(len(o))')
  want=$([ $i -eq 4 ] && echo 3 || echo 2) # a chapter every 300 pages
  check "part $i keeps its $want chapter bookmarks, all inside it" "[ \"$n\" = $want ]"
done
for i in 1 2 3 4; do pdftotext -q "$tmp/p/long_分冊$i.pdf" -; done >"$tmp/cat.txt"
pdftotext -q "$tmp/long.pdf" "$tmp/orig.txt"
check "the parts' texts concatenated equal the original's" "cmp -s \"$tmp/cat.txt\" \"$tmp/orig.txt\""

"$GEND" "$tmp/dense.pdf" 167 27000 || { echo "FAIL: fixture"; exit 1; }
"$NOHIN" split "$tmp/dense.pdf" -o "$tmp/d" >/dev/null; rc=$?
check "4,509,000 characters: exit 0, two parts" "[ $rc -eq 0 ] && [ \$(ls \"$tmp/d\" | wc -l) -eq 2 ]"
for f in "$tmp/d"/*.pdf; do
  c=$(pdftotext -q "$f" - | tr -cd 'a-z' | wc -c)
  check "$(basename "$f"): $c characters, under 4,000,000; qpdf --check" "[ $c -lt 4000000 ] && qpdf --check \"$f\" >/dev/null"
done
for f in "$tmp/d"/*.pdf; do pdftotext -q "$f" -; done >"$tmp/cat.txt"
pdftotext -q "$tmp/dense.pdf" "$tmp/orig.txt"
check "dense: the parts' texts concatenated equal the original's" "cmp -s \"$tmp/cat.txt\" \"$tmp/orig.txt\""

"$GENR" "$tmp/short.pdf" 40 30 10
"$NOHIN" split --lang en "$tmp/short.pdf" -o "$tmp/s" >"$tmp/out.txt"; rc=$?
check "within the limits (near miss): exit 0, nothing written" "[ $rc -eq 0 ] && [ ! -e \"$tmp/s\" ] && grep -q 'within the limits' \"$tmp/out.txt\""
"$NOHIN" split "$tmp/none.pdf" -o "$tmp/x" 2>/dev/null; rc=$?
check "a missing input: exit 2" "[ $rc -eq 2 ]"
exit $fail
