#!/usr/bin/env bash
# `nohin clean` from the command line on the sample bundle: exit codes, the
# output layout, the manifest (checked by sha256sum), determinism (two runs give
# the same bytes), --force, and the input left untouched.
set -u
NOHIN=${NOHIN_BIN:?}
GEN=${NOHIN_BINARY_DIR:?}/fixtures/gen_sample_bundle
[ -x "$GEN" ] || { echo "gen_sample_bundle not built: skipped"; exit 77; }
. "$(dirname "$0")/lib/check.sh"
"$GEN" "$tmp/b" || { echo "FAIL: fixture"; exit 1; }
before=$(cd "$tmp/b" && find . -type f -print0 | sort -z | xargs -0 sha256sum)

"$NOHIN" clean -q "$tmp/b" -o "$tmp/o1"; rc=$?
check "clean exits 0 on the sample bundle" "[ $rc -eq 0 ]"
check "OUTDIR holds 公表用 and 提出記録 only" "[ \"\$(ls -A \"$tmp/o1\" | tr '\\n' ' ')\" = '公表用 提出記録 ' ]"
check "公表用: the report PDF and the data folder, nothing else" \
  "[ \"\$(ls -A \"$tmp/o1/公表用\" | tr '\\n' ' ')\" = '令和6年度産業構造調査報告書.pdf 図表等データ ' ]"
check "data in 図表等データ" "[ \$(ls \"$tmp/o1/公表用/図表等データ\" | wc -l) -eq 3 ]"
check "提出記録: fix list, manifest, 様式2" \
  "[ \"\$(ls -A \"$tmp/o1/提出記録\" | LC_ALL=C sort | tr '\\n' ' ')\" = 'MANIFEST.sha256 fixlist.json fixlist.txt 様式2_委託調査報告書公表用書誌情報.xlsx ' ]"
check "no internal material" "! find \"$tmp/o1/公表用\" | grep -q -e 様式 -e docx"
check "manifest verifies" "(cd \"$tmp/o1\" && sha256sum --quiet -c 提出記録/MANIFEST.sha256)"
check "manifest covers the published files" "grep -q '  公表用/令和6年度産業構造調査報告書.pdf\$' \"$tmp/o1/提出記録/MANIFEST.sha256\""
check "fixlist.json is JSON with exit_code 0" \
  "/usr/bin/python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))[\"exit_code\"]==0' \"$tmp/o1/提出記録/fixlist.json\""
check "qpdf --check on the PDF" "qpdf --check \"$tmp/o1\"/公表用/*.pdf >/dev/null"
"$NOHIN" lint --lang en "$tmp/o1" >"$tmp/lint.txt"; rc=$?
check "lint OUTDIR: exit 0, 0 errors, 0 warnings" "[ $rc -eq 0 ] && grep -q ' 0 errors, 0 warnings' \"$tmp/lint.txt\""

"$NOHIN" clean -q "$tmp/b" -o "$tmp/o2"
check "deterministic: same manifest twice" "cmp -s \"$tmp/o1/提出記録/MANIFEST.sha256\" \"$tmp/o2/提出記録/MANIFEST.sha256\""

"$NOHIN" clean -q "$tmp/b" -o "$tmp/o1" 2>"$tmp/err"; rc=$?
check "existing OUTDIR refused (exit 2, message)" "[ $rc -eq 2 ] && [ -s \"$tmp/err\" ]"
touch "$tmp/o1/marker"
"$NOHIN" clean -q --force "$tmp/b" -o "$tmp/o1"; rc=$?
check "--force replaces it" "[ $rc -eq 0 ] && [ ! -e \"$tmp/o1/marker\" ]"
check "no temporary folder left" "[ \$(ls -A \"$tmp\" | grep -c '^\\.') -eq 0 ]"

"$NOHIN" clean >/dev/null 2>&1; rc=$?
check "no arguments: exit 2" "[ $rc -eq 2 ]"
"$NOHIN" clean "$tmp/b" >/dev/null 2>&1; rc=$?
check "no -o: exit 2" "[ $rc -eq 2 ]"

pdf=$(ls "$tmp/b/調査報告書等一式（公表用）"/*.pdf)
"$NOHIN" clean -q --config "$tmp/b/nohin.ini" --file "$pdf" -o "$tmp/one.pdf"; rc=$?
check "--file on the report: exit 0 and a valid PDF" "[ $rc -eq 0 ] && qpdf --check \"$tmp/one.pdf\" >/dev/null"
"$NOHIN" clean --lang ja --file "$pdf" -o "$tmp/two.pdf" >"$tmp/ja.txt"; rc=$?
check "--file without an organisation: exit 1, manual item in Japanese" \
  "[ $rc -eq 1 ] && grep -q '手作業が必要な項目 (1)' \"$tmp/ja.txt\""

after=$(cd "$tmp/b" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
check "input untouched" "[ \"\$before\" = \"\$after\" ]"
exit $fail
