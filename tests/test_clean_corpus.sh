#!/usr/bin/env bash
# Robustness of `nohin clean` on the real-world corpus (../shared/corpus):
#  - every PDF and XLSX through `nohin clean --file`: no crash, hang or sanitizer
#    report; exit 0/1, or 2 with a message (unreadable, encrypted, unsafe);
#    every output PDF passes `qpdf --check` (exit 0) unless the fix list says
#    PDF-MALFORMED, and extracts the same text as its input when pdftotext
#    could read the input; every output XLSX opens in openpyxl;
#  - the xlsx and csv folders each as one public bundle, and a few PDFs each as a
#    bundle's report: exit 0 or 1 and a verifiable manifest; exit 0 only when
#    `nohin lint OUTDIR` has no error or warning, exit 1 only with manual work listed.
# Skips (77) when the corpus is absent.
set -u
NOHIN=${NOHIN_BIN:?}
CORPUS=${NOHIN_CORPUS:-}
PY=/usr/bin/python3
LIMIT=${NOHIN_CORPUS_TIMEOUT:-120}
if [ -z "$CORPUS" ] || [ ! -d "$CORPUS" ]; then
  echo "corpus not found ($CORPUS): skipped"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '[bundle]\norganisation = 株式会社テスト\n' >"$tmp/nohin.ini"
pass=0 fail=0 refused=0
# exit 0: lint OUTDIR clean (no error, no warning); exit 1: the fix list says why
lint_ok() { # name outdir rc
  if [ "$3" -eq 0 ]; then
    "$NOHIN" lint --lang en "$2" >"$tmp/lint" 2>&1
    grep -q ' 0 errors, 0 warnings' "$tmp/lint" || { bad "$1" "clean exit 0 but lint OUTDIR: $(tail -1 "$tmp/lint")"; return 1; }
  else
    "$PY" -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; sys.exit(0 if c["manual"]+c["remaining"]>0 else 1)' \
      "$2/提出記録/fixlist.json" || { bad "$1" "exit 1 without manual work listed"; return 1; }
  fi
}
bad() { fail=$((fail+1)); echo "FAIL ${1#"$CORPUS"/}: $2"; head -5 "$tmp/err"; }
while IFS= read -r -d '' f; do
  out="$tmp/out.${f##*.}"
  rm -f "$out"
  # --no-ocr: the sanitiser must keep the text as it was (OCR is tests/ocr_*)
  timeout -k 5 "$LIMIT" "$NOHIN" clean --no-ocr --lang en --config "$tmp/nohin.ini" --file "$f" -o "$out" \
    >"$tmp/fix" 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then bad "$f" "hang (> ${LIMIT}s)"; continue; fi
  if grep -qE "AddressSanitizer|runtime error:|LeakSanitizer" "$tmp/err"; then bad "$f" "sanitizer report"; continue; fi
  if [ $rc -gt 2 ]; then bad "$f" "exit $rc"; continue; fi
  if [ $rc -eq 2 ]; then
    if [ ! -s "$tmp/err" ] || [ -e "$out" ]; then bad "$f" "exit 2 without a message, or with an output"; continue; fi
    refused=$((refused+1)); continue
  fi
  if [ ! -f "$out" ]; then bad "$f" "exit $rc but no output"; continue; fi
  case "$f" in
  *.pdf|*.PDF)
    if ! grep -q PDF-MALFORMED "$tmp/fix"; then
      qpdf --check "$out" >/dev/null 2>&1 || { bad "$f" "qpdf --check fails on the output"; continue; }
    fi
    if pdftotext -q "$f" "$tmp/a.txt" 2>/dev/null && pdftotext -q "$out" "$tmp/b.txt" 2>/dev/null; then
      # Form values become page content when flattened (not compared); removed
      # annotations take their own text with them: then every output line must
      # still be an input line (nothing new appeared); else the texts are equal.
      if grep -q PDF-FORM "$tmp/fix"; then :
      elif grep -q PDF-ANNOTATION "$tmp/fix"; then
        "$PY" -c 'import sys; a=set(open(sys.argv[1],errors="replace").read().splitlines()); b=open(sys.argv[2],errors="replace").read().splitlines(); sys.exit(0 if all(l in a for l in b) else 1)' \
          "$tmp/a.txt" "$tmp/b.txt" || { bad "$f" "output text has lines the input lacks"; continue; }
      elif ! cmp -s "$tmp/a.txt" "$tmp/b.txt"; then
        bad "$f" "pdftotext differs between input and output"; continue
      fi
    fi ;;
  *)
    "$PY" -c 'import openpyxl,sys; openpyxl.load_workbook(sys.argv[1])' "$out" 2>"$tmp/err" ||
      { bad "$f" "openpyxl cannot open the output"; continue; } ;;
  esac
  pass=$((pass+1))
done < <(find "$CORPUS/pdf" "$CORPUS/xlsx" -type f \( -iname '*.pdf' -o -iname '*.xlsx' -o -iname '*.xlsm' \) -print0 | sort -z)
echo "clean --file: $pass cleaned, $refused refused with a message, $fail failed"

# PDFs went through --file above; as bundles, the workbooks and CSVs (the PDF
# folder as one bundle would lint 90 PDFs twice: too slow for the ASan run).
for kind in xlsx csv; do
  [ -d "$CORPUS/$kind" ] || continue
  b="$tmp/bundle-$kind"
  mkdir -p "$b/公表用"
  cp -r "$CORPUS/$kind/." "$b/公表用/"
  cp "$tmp/nohin.ini" "$b/"
  timeout -k 5 $((LIMIT * 5)) "$NOHIN" clean -q --lang en "$b" -o "$tmp/out-$kind" 2>"$tmp/err"
  rc=$?
  if [ $rc -gt 1 ] || grep -qE "AddressSanitizer|runtime error:" "$tmp/err"; then
    bad "$kind bundle" "exit $rc"; continue
  fi
  (cd "$tmp/out-$kind" && sha256sum --quiet -c 提出記録/MANIFEST.sha256) || { bad "$kind bundle" "manifest does not verify"; continue; }
  "$PY" -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out-$kind/提出記録/fixlist.json" ||
    { bad "$kind bundle" "fixlist.json is not JSON"; continue; }
  lint_ok "$kind bundle" "$tmp/out-$kind" $rc || continue
  echo "bundle $kind: exit $rc, $(ls "$tmp/out-$kind/公表用" | wc -l) entries published"
done

# A few report PDFs, each as the public report of a bundle: exit 0 or manual
# work listed; when clean exits 0, `nohin lint OUTDIR` has no error or warning.
n=0
while IFS= read -r -d '' f && [ $n -lt ${NOHIN_CORPUS_BUNDLES:-6} ]; do
  n=$((n+1))
  b="$tmp/rb$n"
  mkdir -p "$b/調査報告書等一式（公表用）"
  cp "$f" "$b/調査報告書等一式（公表用）/report.pdf"
  cp "$tmp/nohin.ini" "$b/"
  timeout -k 5 $((LIMIT * 2)) "$NOHIN" clean -q --lang en "$b" -o "$tmp/rout$n" 2>"$tmp/err"
  rc=$?
  if [ $rc -gt 1 ] || grep -qE "AddressSanitizer|runtime error:" "$tmp/err"; then
    if [ $rc -eq 2 ] && [ -s "$tmp/err" ] && [ ! -e "$tmp/rout$n" ]; then continue; fi
    bad "$f (bundle)" "exit $rc"; continue
  fi
  lint_ok "$f (bundle)" "$tmp/rout$n" $rc || continue
  echo "bundle of ${f#"$CORPUS"/}: exit $rc"
done < <(find "$CORPUS/pdf" -type f -iname '*.pdf' -size -3M -print0 | sort -z)
[ $fail -eq 0 ]
