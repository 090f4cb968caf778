#!/bin/bash
# nohin serve in a real browser: headless Chromium driven by Selenium uploads the
# sample bundle and a bundle with a scanned page, waits for the report, compares
# the counts with the JSON, downloads clean.zip; networking outside the server
# is blocked and checked; screenshots in build/serve-screenshots/.
set -euo pipefail
PY=/usr/bin/python3
command -v chromium >/dev/null || { echo "chromium not installed"; exit 77; }
[ -x /usr/bin/chromedriver ] || { echo "chromium-driver not installed"; exit 77; }
$PY -c 'import selenium' 2>/dev/null || { echo "python3-selenium not installed"; exit 77; }
command -v img2pdf >/dev/null && command -v pdftoppm >/dev/null && command -v qpdf >/dev/null ||
    { echo "img2pdf, pdftoppm and qpdf needed for the scanned page"; exit 77; }
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
"$NOHIN_BINARY_DIR/fixtures/gen_sample_bundle" "$T/sample" >/dev/null
# A bundle whose public report has a scanned page: page 2 rendered to an image by
# poppler, wrapped by img2pdf, put back by qpdf.
cp -r "$T/sample" "$T/scanned"
pdf="$T/scanned/調査報告書等一式（公表用）/令和6年度産業構造調査報告書.pdf"
pdftoppm -f 2 -l 2 -r 100 -png "$pdf" "$T/page"
img2pdf -o "$T/page2.pdf" "$T"/page*.png
qpdf --empty --pages "$pdf" 1 "$T/page2.pdf" "$pdf" 3-z -- "$T/new.pdf"
qpdf --check "$T/new.pdf" >/dev/null
mv "$T/new.pdf" "$pdf"
mkdir -p "$NOHIN_BINARY_DIR/serve-screenshots"
timeout 170 $PY "$NOHIN_SOURCE_DIR/tests/serve_browser.py" "$NOHIN_BIN" "$T" \
    "$NOHIN_BINARY_DIR/serve-screenshots"
