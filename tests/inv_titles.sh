#!/usr/bin/env bash
# The title clean writes into a workbook (openpyxl workbooks): `clean --file`
# replaced a good title with the file stem (調査対象者名簿 → "A_pii"), and a
# file name holding a person's name (図2-3_山田太郎_回答者名簿.xlsx) was written
# into the title property, in --file mode and in a bundle where no caption names
# the file. Now a good title is kept, and a name piece of the file name is left
# out. Near misses: a workbook without a title still gets its file stem; a
# caption still names the title in a bundle.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl "${NOHIN_BINARY_DIR:?}/fixtures/gen_sample_bundle"
. "$(dirname "$0")/lib/check.sh"
cd "$tmp" || exit 1
$PY - <<'PYEOF' || exit 1
import openpyxl
def book(path, title):
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = "名簿"
    ws.append(["回答者番号", "区分"]); ws.append([1, "A"]); ws.append([2, "B"])
    wb.properties.creator = "株式会社テスト調査"; wb.properties.title = title
    wb.save(path)
book("A_pii.xlsx", "調査対象者名簿")
book("図2-3_山田太郎_回答者名簿.xlsx", None)
book("集計_2024.xlsx", None)
PYEOF
printf '[bundle]\norganisation = 株式会社テスト調査\n' >nohin.ini
title() { unzip -p "$1" docProps/core.xml | $PY -c 'import re,sys; m=re.search(r"<dc:title>([^<]*)", sys.stdin.read()); print(m.group(1) if m else "")'; }
"$NOHIN" clean -c nohin.ini --lang en --file A_pii.xlsx -o out_a.xlsx >/dev/null 2>&1
check "--file: a good title is kept ($(title out_a.xlsx))" "[ \"\$(title out_a.xlsx)\" = 調査対象者名簿 ]"
"$NOHIN" clean -c nohin.ini --lang en --file 図2-3_山田太郎_回答者名簿.xlsx -o out_n.xlsx >/dev/null 2>&1
check "--file: no person's name in the title ($(title out_n.xlsx))" \
    "[ \"\$(title out_n.xlsx)\" = 図2-3_回答者名簿 ]"
"$NOHIN" clean -c nohin.ini --lang en --file 集計_2024.xlsx -o out_s.xlsx >/dev/null 2>&1
check "near miss: no title, the file stem ($(title out_s.xlsx))" "[ \"\$(title out_s.xlsx)\" = 集計_2024 ]"
check "the outputs have no XLSX-PROPERTIES finding" \
    "! \"\$NOHIN\" lint -c nohin.ini --lang en out_a.xlsx out_n.xlsx out_s.xlsx | grep -q XLSX-PROPERTIES"
# A bundle: the person-named workbook in the data folder, no caption for it.
"$NOHIN_BINARY_DIR/fixtures/gen_sample_bundle" b >/dev/null || { echo "FAIL: fixture"; exit 1; }
cp 図2-3_山田太郎_回答者名簿.xlsx "b/調査報告書等一式（公表用）/図表等データ/"
"$NOHIN" clean -q --lang en b -o out >/dev/null 2>&1
o=$(find out -name '*回答者名簿.xlsx')
check "bundle, no caption: no person's name in the title ($(title "$o"))" \
    "[ -n '$o' ] && [ \"\$(title '$o')\" = 図2-3_回答者名簿 ]"
c=$(find out -name '図2-1*.xlsx')
check "near miss: a caption names the title ($(title "$c"))" "title '$c' | grep -q '^図2-1 '"
exit $fail
