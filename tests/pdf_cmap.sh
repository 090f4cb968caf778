#!/usr/bin/env bash
# Japanese PDFs with non-embedded CID fonts and a predefined CMap (90ms-RKSJ-H,
# UniJIS-UCS2-H): with poppler-data installed (scripts/packages.txt) poppler maps
# their text, so PDF-TEXT-LAYER must not fire. Near miss: a page that only paints
# a rectangle (no text operators) still gets it.
set -u
NOHIN=${NOHIN_BIN:?}
SRC=${NOHIN_SOURCE_DIR:?}/tests/labelled
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
if [ ! -e /usr/share/poppler/cMap/Adobe-Japan1/90ms-RKSJ-H ]; then
    echo "FAIL: poppler-data is not installed (scripts/setup installs it)"; exit 1
fi
for cmap in 90ms-RKSJ-H UniJIS-UCS2-H; do
    $PY "$SRC/gen_cmap_pdf.py" "$tmp/$cmap.pdf" "$cmap" || exit 1
    qpdf --check "$tmp/$cmap.pdf" >/dev/null || { echo "FAIL: qpdf --check $cmap"; fail=1; }
    pdffonts "$tmp/$cmap.pdf" | grep -q "$cmap *no " || { echo "FAIL: font embedded?"; fail=1; }
    pdftotext "$tmp/$cmap.pdf" - | grep -q "委託調査報告書" || { echo "FAIL: pdftotext $cmap"; fail=1; }
    "$NOHIN" lint -q -f json "$tmp/$cmap.pdf" >"$tmp/out.json"
    if grep -q '"PDF-TEXT-LAYER"' "$tmp/out.json"; then echo "FAIL: PDF-TEXT-LAYER on $cmap"; fail=1; fi
done
# Near miss: no text at all on the page.
$PY - "$tmp/notext.pdf" <<'PYEOF'
import sys
c = b"0 0 1 rg 72 600 200 100 re f"
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(c) + c + b"\nendstream"]
pdf = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(pdf)); pdf += b"%d 0 obj\n" % i + o + b"\nendobj\n"
x = len(pdf)
pdf += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offs)
pdf += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % x
open(sys.argv[1], "wb").write(pdf)
PYEOF
"$NOHIN" lint -q -f json "$tmp/notext.pdf" >"$tmp/out.json"
grep -q '"PDF-TEXT-LAYER"' "$tmp/out.json" || { echo "FAIL: near miss without text gives no PDF-TEXT-LAYER"; fail=1; }
[ $fail = 0 ] && echo "CMap PDFs: text layer found"
exit $fail
