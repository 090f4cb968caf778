#!/usr/bin/env bash
# `nohin clean` from the command line on the sample bundle: exit codes, the
# output layout, the manifest (checked by sha256sum), determinism (two runs give
# the same bytes), --force, and the input left untouched.
set -u
NOHIN=${NOHIN_BIN:?}
GEN=${NOHIN_BINARY_DIR:?}/fixtures/gen_sample_bundle
[ -x "$GEN" ] || { echo "gen_sample_bundle not built: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
"$GEN" "$tmp/b" || { echo "FAIL: fixture"; exit 1; }
before=$(cd "$tmp/b" && find . -type f -print0 | sort -z | xargs -0 sha256sum)

"$NOHIN" clean -q "$tmp/b" -o "$tmp/o1"; rc=$?
check "clean exits 0 on the sample bundle" "[ $rc -eq 0 ]"
check "one report PDF at the top" "[ \$(ls \"$tmp/o1\"/*.pdf | wc -l) -eq 1 ]"
check "data in 図表等データ" "[ \$(ls \"$tmp/o1/図表等データ\" | wc -l) -eq 3 ]"
check "様式2 copied" "ls \"$tmp/o1\"/様式2_* >/dev/null"
check "no internal material" "! ls \"$tmp/o1\" | grep -q -e 様式1 -e 様式3 -e docx"
check "manifest verifies" "(cd \"$tmp/o1\" && sha256sum --quiet -c MANIFEST.sha256)"
check "fixlist.json is JSON with exit_code 0" \
  "/usr/bin/python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))[\"exit_code\"]==0' \"$tmp/o1/fixlist.json\""
check "qpdf --check on the PDF" "qpdf --check \"$tmp/o1\"/*.pdf >/dev/null"

"$NOHIN" clean -q "$tmp/b" -o "$tmp/o2"
check "deterministic: same manifest twice" "cmp -s \"$tmp/o1/MANIFEST.sha256\" \"$tmp/o2/MANIFEST.sha256\""

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
