#!/usr/bin/env bash
# `nohin ocr` and clean's OCR hook on a two-page PDF: page 1 text (cairo, IPA
# Gothic), page 2 the same kind of page scanned (pdftoppm 300 dpi → img2pdf).
# Checks: lint has no PDF-TEXT-LAYER afterwards (and had one before), qpdf
# --check, pages render pixel-identical (pdftoppm 100 dpi, byte-compared), the
# text page's content stream and the scan's own stream/image keep their raw
# bytes, the added text reads back (CER), determinism, --force, a missing
# language pack names its Debian package, clean adds the layer unless --no-ocr,
# --max-pages stops and reports, a page without /Resources gives no qpdf complaint.
set -u
. "$(dirname "$0")/lib/requires.sh"
GEN=${NOHIN_BINARY_DIR:?}/fixtures/gen_report_text_pdf
SRC=${NOHIN_SOURCE_DIR:?}
requires "$GEN" img2pdf pdftoppm pdftotext qpdf jpn
. "$(dirname "$0")/lib/check.sh"

"$GEN" "$tmp/text.pdf" 2 250 >/dev/null || { echo "FAIL: fixture"; exit 1; }
pdftoppm -r 300 -gray -png -f 2 -l 2 "$tmp/text.pdf" "$tmp/scan"
img2pdf "$tmp"/scan*.png -o "$tmp/scan2.pdf"
qpdf --empty --pages "$tmp/text.pdf" 1 "$tmp/scan2.pdf" 1 -- "$tmp/in.pdf"
mkdir "$tmp/set"
cp "$tmp/text.pdf" "$tmp/set/text.pdf"
echo 300 >"$tmp/set/02.kind"
cp "$tmp/in.pdf" "$tmp/in.orig"

"$NOHIN" lint --quiet --format json "$tmp/in.pdf" >"$tmp/lint0.json"
check "input: lint reports PDF-TEXT-LAYER on the scanned page" "grep -q '\"PDF-TEXT-LAYER\"' \"$tmp/lint0.json\""

"$NOHIN" ocr --lang en "$tmp/in.pdf" -o "$tmp/out.pdf" >"$tmp/ocr.txt" 2>"$tmp/ocr.err"; rc=$?
cat "$tmp/ocr.txt" "$tmp/ocr.err"
check "ocr exits 0" "[ $rc -eq 0 ]"
check "only page 2 recognised" "grep -q 'page 2' \"$tmp/ocr.txt\" && ! grep -q 'page 1 ' \"$tmp/ocr.txt\""
check "no progress when stderr is not a terminal" "[ ! -s \"$tmp/ocr.err\" ]"
check "input untouched" "cmp -s \"$tmp/in.pdf\" \"$tmp/in.orig\""
check "qpdf --check passes" "qpdf --check \"$tmp/out.pdf\" >/dev/null"
"$NOHIN" lint --quiet --format json "$tmp/out.pdf" >"$tmp/lint1.json"
check "output: no PDF-TEXT-LAYER" "! grep -q '\"PDF-TEXT-LAYER\"' \"$tmp/lint1.json\""
check "output: no PDF-HIDDEN-TEXT (render mode 3 over the scan)" "! grep -q '\"PDF-HIDDEN-TEXT\"' \"$tmp/lint1.json\""
check "text layer is render mode 3" "qpdf --qdf --object-streams=disable \"$tmp/out.pdf\" - | grep -aq '^3 Tr'"

for n in 1 2; do
  pdftoppm -r 100 -f $n -l $n "$tmp/in.pdf" "$tmp/a$n"
  pdftoppm -r 100 -f $n -l $n "$tmp/out.pdf" "$tmp/b$n"
  check "page $n renders pixel-identical at 100 dpi" "cmp -s \"\$(ls $tmp/a$n*.ppm)\" \"\$(ls $tmp/b$n*.ppm)\""
done

# raw bytes of page N's content streams (and XObjects), in order
streams() {
  qpdf --show-pages "$1" | awk -v p="page $2:" '$0 ~ "^page" {on = index($0, p) == 1; next} on && /R$/ {print $1}' |
    while read -r obj; do qpdf --show-object="$obj" --raw-stream-data "$1" | sha256sum; done
}
orig1=$(streams "$tmp/in.pdf" 1)
check "text page: content streams byte-identical" "[ -n \"$orig1\" ] && [ \"$orig1\" = \"\$(streams $tmp/out.pdf 1)\" ]"
orig2=$(streams "$tmp/in.pdf" 2)
check "scanned page: its content stream is kept byte for byte" \
  "[ -n \"$orig2\" ] && streams $tmp/out.pdf 2 | grep -qF \"$orig2\""
img_in=$(qpdf --show-pages --with-images "$tmp/in.pdf" | awk '/images:/ {f=1; next} f && /R$/ {print $2}' | tail -1)
img_out=$(qpdf --show-pages --with-images "$tmp/out.pdf" | awk '/images:/ {f=1; next} f && /R$/ {print $2}' | tail -1)
check "scanned page: image XObject byte-identical" \
  "[ -n \"$img_in\" ] && cmp -s <(qpdf --show-object=$img_in --raw-stream-data $tmp/in.pdf) <(qpdf --show-object=$img_out --raw-stream-data $tmp/out.pdf)"
/usr/bin/python3 "$SRC/tests/ocr/cer.py" "$tmp/set" "$tmp/out.pdf" | tee "$tmp/cer.txt"
cer=$(awk '$1 == "2" && $6 == "|" {sub("%", "", $7); print $7}' "$tmp/cer.txt")
check "recognised text reads back in order (plain CER by pdftotext -raw $cer % <= 10 %)" \
  "awk -v c=\"$cer\" 'BEGIN {exit !(c != \"\" && c <= 10)}'"

"$NOHIN" ocr -q "$tmp/in.pdf" -o "$tmp/out2.pdf"
check "deterministic: same bytes twice" "cmp -s \"$tmp/out.pdf\" \"$tmp/out2.pdf\""
"$NOHIN" ocr --lang en -q "$tmp/in.pdf" -o "$tmp/out.pdf" 2>"$tmp/err"; rc=$?
check "existing output refused (exit 2)" "[ $rc -eq 2 ] && grep -q exists \"$tmp/err\""

mkdir "$tmp/empty"
TESSDATA_PREFIX="$tmp/empty" "$NOHIN" ocr --lang en "$tmp/in.pdf" -o "$tmp/x.pdf" 2>"$tmp/err"; rc=$?
cat "$tmp/err"
check "missing language pack: exit 2 naming tesseract-ocr-jpn" \
  "[ $rc -eq 2 ] && grep -q 'tesseract-ocr-jpn' \"$tmp/err\" && [ ! -e \"$tmp/x.pdf\" ]"

"$NOHIN" clean --lang en --file "$tmp/in.pdf" -o "$tmp/c1.pdf" >"$tmp/fl1.txt"
"$NOHIN" lint --quiet --format json "$tmp/c1.pdf" >"$tmp/lint2.json"
check "clean --file adds the layer by default" "! grep -q '\"PDF-TEXT-LAYER\"' \"$tmp/lint2.json\""
check "clean's fix list says so" "grep -q 'PDF-TEXT-LAYER' \"$tmp/fl1.txt\""
"$NOHIN" clean --no-ocr --file "$tmp/in.pdf" -o "$tmp/c2.pdf" >/dev/null
"$NOHIN" lint --quiet --format json "$tmp/c2.pdf" >"$tmp/lint3.json"
check "clean --no-ocr leaves the page without text" "grep -q '\"PDF-TEXT-LAYER\"' \"$tmp/lint3.json\""

# limit for hostile input: pages over --max-pages are reported and left without text
qpdf --empty --pages "$tmp/in.pdf" 2 "$tmp/in.pdf" 1 "$tmp/in.pdf" 2 -- "$tmp/two.pdf"
"$NOHIN" ocr --lang en --max-pages 1 "$tmp/two.pdf" -o "$tmp/lim.pdf" >"$tmp/lim.txt"; rc=$?
cat "$tmp/lim.txt"
check "--max-pages 1: exit 1, the page over the limit reported" \
  "[ $rc -eq 1 ] && grep -q '1 pages without text from page 3 on were not recognised' \"$tmp/lim.txt\""
check "--max-pages 1: page 1 has text, page 3 none" \
  "[ -n \"\$(pdftotext -f 1 -l 1 $tmp/lim.pdf - | tr -d '[:space:]')\" ] && [ -z \"\$(pdftotext -f 3 -l 3 $tmp/lim.pdf - | tr -d '[:space:]')\" ]"

# a blank page with no /Resources at all (written by hand, xref rebuilt by qpdf):
# recognised (nothing found: exit 1) without a qpdf complaint on stderr
printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n' >"$tmp/blank0.pdf"
qpdf "$tmp/blank0.pdf" "$tmp/blank.pdf" 2>/dev/null
"$NOHIN" ocr --lang en "$tmp/blank.pdf" -o "$tmp/blank_out.pdf" >"$tmp/blank.txt" 2>"$tmp/blank.err"; rc=$?
cat "$tmp/blank.txt" "$tmp/blank.err"
check "page without /Resources: exit 1 (no text found), nothing on stderr" \
  "[ $rc -eq 1 ] && [ -s \"$tmp/blank_out.pdf\" ] && [ ! -s \"$tmp/blank.err\" ]"
exit $fail
