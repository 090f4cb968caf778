#!/usr/bin/env bash
# Robustness of `nohin ocr` on the real-world PDF corpus (../shared/corpus/pdf):
# no crash, hang or sanitizer report; exit 0/1, or 2 with a message and no
# output; every output passes `qpdf --check` when the input does. Slow (it
# recognises every scanned page of the corpus): normal build only.
set -u
NOHIN=${NOHIN_BIN:?}
CORPUS=${NOHIN_CORPUS:-}
LIMIT=${NOHIN_CORPUS_TIMEOUT:-300}
if [ -z "$CORPUS" ] || [ ! -d "$CORPUS/pdf" ]; then
  echo "corpus not found ($CORPUS): skipped"
  exit 77
fi
[ -f "${TESSDATA_PREFIX:-/usr/share/tesseract-ocr/5/tessdata}/jpn.traineddata" ] ||
  { echo "tesseract-ocr-jpn missing: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 refused=0 recognised=0
bad() { fail=$((fail+1)); echo "FAIL ${1#"$CORPUS"/}: $2"; head -5 "$tmp/err"; }
while IFS= read -r -d '' f; do
  out="$tmp/out.pdf"
  rm -f "$out"
  timeout -k 5 "$LIMIT" "$NOHIN" ocr --lang en "$f" -o "$out" >"$tmp/log" 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then bad "$f" "hang (> ${LIMIT}s)"; continue; fi
  if grep -qE "AddressSanitizer|runtime error:" "$tmp/err"; then bad "$f" "sanitizer report"; continue; fi
  if [ $rc -gt 2 ]; then bad "$f" "exit $rc"; continue; fi
  if [ $rc -eq 2 ]; then
    if [ ! -s "$tmp/err" ] || [ -e "$out" ]; then bad "$f" "exit 2 without a message, or with an output"; continue; fi
    refused=$((refused+1)); continue
  fi
  if qpdf --check "$f" >/dev/null 2>&1 && ! qpdf --check "$out" >/dev/null 2>&1; then
    bad "$f" "qpdf --check fails on the output only"; continue
  fi
  n=$(grep -c "page [0-9]" "$tmp/log")
  recognised=$((recognised + n))
  pass=$((pass+1))
done < <(find "$CORPUS/pdf" -type f -iname '*.pdf' -print0 | sort -z)
echo "ocr: $pass written ($recognised pages recognised), $refused refused with a message, $fail failed"
[ $fail -eq 0 ]
