#!/usr/bin/env bash
# `nohin clean` splits a public report over the page limit by itself: a bundle
# whose report has 2,500 pages (a chapter every 300) gives 公表用/report_分冊1…4.pdf,
# exit 0, and `nohin lint OUTDIR` has no error or warning; a link inside part 1
# (added with pikepdf) keeps its page, one into part 2 is removed and the fix
# list says so. Slow (label slow): lint reads 2,500 pages twice.
set -u
NOHIN=${NOHIN_BIN:?}
GENR=${NOHIN_BINARY_DIR:?}/fixtures/gen_report_pdf
[ -x "$GENR" ] || { echo "gen_report_pdf not built: skipped"; exit 77; }
. "$(dirname "$0")/lib/check.sh"
pub="$tmp/b/調査報告書等一式（公表用）"
mkdir -p "$pub"
"$GENR" "$pub/report.pdf" 2500 300 300 || { echo "FAIL: fixture"; exit 1; }
if /usr/bin/python3 -c 'import pikepdf' 2>/dev/null; then
  links=1
  /usr/bin/python3 - "$pub/report.pdf" <<'PY' || { echo "FAIL: pikepdf fixture"; exit 1; }
import sys, pikepdf
from pikepdf import Array, Dictionary, Name
pdf = pikepdf.open(sys.argv[1], allow_overwriting_input=True)
for on, to in ((3, 7), (5, 701)):
    pdf.pages[on - 1].obj.Annots = Array([pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=Array([10, 10, 100, 30]),
        Dest=Array([pdf.pages[to - 1].obj, Name.Fit])))])
pdf.save(sys.argv[1])
PY
else
  links=0; echo "python3-pikepdf missing: links not checked"
fi
printf '[bundle]\norganisation = 株式会社テスト\n' >"$tmp/b/nohin.ini"
"$NOHIN" clean -q --lang en "$tmp/b" -o "$tmp/o"; rc=$?
check "clean exits 0" "[ $rc -eq 0 ]"
check "the report is published as four parts" "[ \"\$(ls \"$tmp/o/公表用\" | tr '\\n' ' ')\" = 'report_分冊1.pdf report_分冊2.pdf report_分冊3.pdf report_分冊4.pdf ' ]"
check "each part passes qpdf --check, under 1,000 pages, author set" \
  "for f in \"$tmp/o/公表用\"/*.pdf; do qpdf --check \"\$f\" >/dev/null && [ \$(pdfinfo \"\$f\" | awk '/^Pages:/{print \$2}') -lt 1000 ] && pdfinfo \"\$f\" | grep -q 'Author: *株式会社テスト' || exit 1; done"
check "the fix list names the parts" "[ \$(grep -c 'LIMIT-PAGES.*分冊.*holds pages' \"$tmp/o/提出記録/fixlist.txt\") -eq 4 ]"
if [ $links -eq 1 ]; then
  check "the fix list notes the link removed from part 1 (and no other)" \
    "[ \"\$(grep 'Links into other parts removed' \"$tmp/o/提出記録/fixlist.txt\" | grep -o '分冊[0-9].*removed: [0-9]*')\" = '分冊1.pdf: Links into other parts removed: 1' ]"
  got=$(/usr/bin/python3 - "$tmp/o/公表用/report_分冊1.pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
ids = {p.objgen: i + 1 for i, p in enumerate(pdf.pages)}
print([(i + 1, ids.get(a.Dest[0].objgen)) for i, p in enumerate(pdf.pages)
       for a in p.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"])
PY
)
  check "part 1 keeps the link 3→7 only ($got)" "[ \"$got\" = '[(3, 7)]' ]"
fi
"$NOHIN" lint --lang en "$tmp/o" >"$tmp/lint.txt"; rc=$?
check "lint OUTDIR: 0 errors, 0 warnings" "[ $rc -eq 0 ] && grep -q ' 0 errors, 0 warnings' \"$tmp/lint.txt\""
exit $fail
