#!/usr/bin/env bash
# OCR accuracy (slow, normal build only): 26 Japanese pages from LibreOffice
# (tests/ocr/make_set.py), scanned back as images, through `nohin ocr`; CER per
# page against the original text (tests/ocr/cer.py: the truth is `pdftotext -raw`
# of the original, which gives exactly the text each page was made from; plain CER
# of the layer by -raw and by pdftotext's default mode, order-free and bag CER
# printed per page). Pass: at 300 dpi the plain CER (layer by -raw and by the
# default mode) has median <= 3 % and
# worst <= 10 %; lint of the output has no PDF-TEXT-LAYER; qpdf --check passes;
# pages render as before.
set -u
. "$(dirname "$0")/lib/requires.sh"
SRC=${NOHIN_SOURCE_DIR:?}
requires soffice img2pdf pdftoppm pdftotext qpdf py:PIL py:img2pdf jpn
. "$(dirname "$0")/lib/check.sh"

/usr/bin/python3 "$SRC/tests/ocr/make_set.py" "$tmp/set" >/dev/null || { echo "FAIL: test set"; exit 1; }
uptime
start=$(date +%s.%N)
"$NOHIN" ocr "$tmp/set/scan.pdf" -o "$tmp/out.pdf"; rc=$?
echo "nohin ocr: $(echo "$(date +%s.%N) - $start" | bc) s wall"
check "ocr exits 0 or 1" "[ $rc -le 1 ]"
check "qpdf --check passes" "qpdf --check \"$tmp/out.pdf\" >/dev/null"
"$NOHIN" lint --quiet --format json "$tmp/out.pdf" >"$tmp/lint.json"
check "no PDF-TEXT-LAYER after ocr" "! grep -q '\"PDF-TEXT-LAYER\"' \"$tmp/lint.json\""
pdftoppm -r 100 "$tmp/set/scan.pdf" "$tmp/a"
pdftoppm -r 100 "$tmp/out.pdf" "$tmp/b"
same=1
for a in "$tmp"/a-*.ppm; do cmp -s "$a" "$tmp/b-${a##*/a-}" || same=0; done
check "every page renders pixel-identical at 100 dpi" "[ $same -eq 1 ]"
/usr/bin/python3 "$SRC/tests/ocr/cer.py" "$tmp/set" "$tmp/out.pdf" --check || fail=1
exit $fail
