# Sourced after check.sh by the 様式2 tests: the sample bundle in $tmp/b (skipped,
# 77, without its generator or openpyxl), its 様式2 ($F2), public report ($PDF),
# the report's page count and title ($pages, $title) and data file count ($data).
GEN=${NOHIN_BINARY_DIR:?}/fixtures/gen_sample_bundle
[ -x "$GEN" ] || { echo "gen_sample_bundle not built: skipped"; exit 77; }
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing: skipped"; exit 77; }
"$GEN" "$tmp/b" || { echo "FAIL: fixture"; exit 1; }
F2="$tmp/b/調査報告書等一式/様式2_委託調査報告書公表用書誌情報.xlsx"
PDF=$(ls "$tmp/b/調査報告書等一式（公表用）"/*.pdf)
pages=$(pdfinfo "$PDF" | awk '/^Pages:/ {print $2}')
title=$(pdfinfo "$PDF" | sed -n 's/^Title: *//p')
data=$(ls "$tmp/b/調査報告書等一式（公表用）/図表等データ" | wc -l)
