#!/usr/bin/env bash
# `nohin clean` splits a public report over the page limit by itself: a bundle
# whose report has 2,500 pages (a chapter every 300) gives 公表用/report_分冊1…4.pdf,
# exit 0, and `nohin lint OUTDIR` has no error or warning. Slow (label slow):
# lint reads 2,500 pages twice.
set -u
NOHIN=${NOHIN_BIN:?}
GENR=${NOHIN_BINARY_DIR:?}/fixtures/gen_report_pdf
[ -x "$GENR" ] || { echo "gen_report_pdf not built: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
pub="$tmp/b/調査報告書等一式（公表用）"
mkdir -p "$pub"
"$GENR" "$pub/report.pdf" 2500 300 300 || { echo "FAIL: fixture"; exit 1; }
printf '[bundle]\norganisation = 株式会社テスト\n' >"$tmp/b/nohin.ini"
"$NOHIN" clean -q --lang en "$tmp/b" -o "$tmp/o"; rc=$?
check "clean exits 0" "[ $rc -eq 0 ]"
check "the report is published as four parts" "[ \"\$(ls \"$tmp/o/公表用\" | tr '\\n' ' ')\" = 'report_分冊1.pdf report_分冊2.pdf report_分冊3.pdf report_分冊4.pdf ' ]"
check "each part passes qpdf --check, under 1,000 pages, author set" \
  "for f in \"$tmp/o/公表用\"/*.pdf; do qpdf --check \"\$f\" >/dev/null && [ \$(pdfinfo \"\$f\" | awk '/^Pages:/{print \$2}') -lt 1000 ] && pdfinfo \"\$f\" | grep -q 'Author: *株式会社テスト' || exit 1; done"
check "the fix list names the parts" "[ \$(grep -c 'LIMIT-PAGES.*分冊' \"$tmp/o/提出記録/fixlist.txt\") -eq 4 ]"
"$NOHIN" lint --lang en "$tmp/o" >"$tmp/lint.txt"; rc=$?
check "lint OUTDIR: 0 errors, 0 warnings" "[ $rc -eq 0 ] && grep -q ' 0 errors, 0 warnings' \"$tmp/lint.txt\""
exit $fail
