#!/usr/bin/env bash
# `nohin ocr` on pages scanned sideways and on pages with /Rotate: the scanned
# text page (pdftoppm 150 dpi) turned by PIL 0/90/180/270 (expand) → img2pdf,
# then the upright scan with qpdf --rotate=+90/+180/+270. Checks each page's
# layer against the upright page's text: pdftotext -raw CER <= 10 % on every
# page; pdftotext's default mode CER <= 10 % on the pages whose text runs
# down, across or upside down as displayed (poppler 22.12 lists separate blocks
# of text running *up* the page last to first even in a born-digital PDF, so
# the default mode is not checked on the two pages whose text runs up); and the
# words of a page scanned sideways lie in distinct columns (pdftotext -bbox).
set -u
. "$(dirname "$0")/lib/requires.sh"
GEN=${NOHIN_BINARY_DIR:?}/fixtures/gen_report_text_pdf
requires "$GEN" img2pdf pdftoppm pdftotext qpdf py:PIL jpn
. "$(dirname "$0")/lib/check.sh"

"$GEN" "$tmp/text.pdf" 2 250 >/dev/null || { echo "FAIL: fixture"; exit 1; }
pdftoppm -r 150 -gray -png -f 2 -l 2 "$tmp/text.pdf" "$tmp/scan"
/usr/bin/python3 - "$tmp" <<'PY' || { echo "FAIL: PIL"; exit 1; }
import glob, sys
from PIL import Image
d = sys.argv[1]
im = Image.open(glob.glob(d + "/scan*.png")[0])
for a in (0, 90, 180, 270):  # counter-clockwise
    im.rotate(a, expand=True).save(f"{d}/r{a}.png", dpi=(150, 150))
PY
img2pdf "$tmp/r0.png" "$tmp/r90.png" "$tmp/r180.png" "$tmp/r270.png" -o "$tmp/img.pdf"
qpdf --empty --pages "$tmp/img.pdf" 1,1,1,1 -- "$tmp/four.pdf"
qpdf --rotate=+90:2 --rotate=+180:3 --rotate=+270:4 "$tmp/four.pdf" "$tmp/rot.pdf"
qpdf --empty --pages "$tmp/img.pdf" 1-4 "$tmp/rot.pdf" 2-4 -- "$tmp/in.pdf"
# pages: 1 upright, 2 image 90 (text runs up), 3 image 180, 4 image 270 (text
# runs down), 5 /Rotate 90 (down), 6 /Rotate 180, 7 /Rotate 270 (up)
"$NOHIN" ocr -q "$tmp/in.pdf" -o "$tmp/out.pdf"; rc=$?
check "ocr exits 0" "[ $rc -eq 0 ]"
check "qpdf --check passes" "qpdf --check \"$tmp/out.pdf\" >/dev/null"

/usr/bin/python3 - "$tmp/out.pdf" "$(dirname "$0")/ocr" >"$tmp/cer.txt" <<'PY'
import subprocess, sys
sys.path.insert(0, sys.argv[2])
from cer import norm, edit
def text(p, *mode):
    return norm(subprocess.run(["pdftotext", *mode, "-f", str(p), "-l", str(p), sys.argv[1], "-"],
                               capture_output=True, text=True).stdout)
ref = text(1, "-raw")
for p in range(1, 8):  # no reference text: every page fails
    print(p, *("%.2f" % (100 * edit(ref, text(p, *m)) / len(ref) if len(ref) > 100 else 100)
               for m in (["-raw"], [])))
PY
cat "$tmp/cer.txt"
name=(x upright "image 90" "image 180" "image 270" "/Rotate 90" "/Rotate 180" "/Rotate 270")
le10() { awk -v c="$1" 'BEGIN {exit !(c != "" && c <= 10)}'; }
check "upright page has text ($(wc -c <"$tmp/cer.txt") bytes of CER table)" \
  "[ \$(pdftotext -raw -f 1 -l 1 $tmp/out.pdf - | tr -d ' \n' | wc -c) -gt 100 ]"
for p in 2 3 4 5 6 7; do
  read -r _ raw def < <(awk -v p=$p '$1 == p' "$tmp/cer.txt")
  check "${name[$p]}: -raw CER $raw % <= 10 %" "le10 '$raw'"
  case $p in 2 | 7) ;; *) check "${name[$p]}: default-mode CER $def % <= 10 %" "le10 '$def'" ;; esac
done
for p in 4 5; do
  cols=$(pdftotext -bbox -f $p -l $p "$tmp/out.pdf" - | awk -F'"' '/<word/ {print int($2 / 10)}' | sort -u | wc -l)
  check "${name[$p]}: the lines' words lie in $cols distinct columns (>= 4)" "[ $cols -ge 4 ]"
done
exit $fail
