#!/usr/bin/env bash
# BUNDLE-FORM2-MISMATCH: a 様式2 (made with openpyxl) whose 総頁数, 図表等データの
# ファイル数 and 報告書の題名 disagree with the sample bundle gives three findings;
# the same form with the right values (the near miss) gives none. Then clean
# writes the bundle's values into its copy of 様式2 (read back with openpyxl).
set -u
NOHIN=${NOHIN_BIN:?}
. "$(dirname "$0")/lib/check.sh"
. "$(dirname "$0")/lib/form2_bundle.sh"
form2() { # path pages data title
  /usr/bin/python3 - "$@" <<'PY'
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "書誌情報"
rows = [("委託調査報告書公表用書誌情報", None), ("項目", "内容"),
        ("報告書の題名", sys.argv[4]), ("受注事業者名", "株式会社日本産業総合研究所"),
        ("総頁数", sys.argv[2]), ("図表等データのファイル数", int(sys.argv[3])),
        ("発行年月", "令和7年3月")]
for r in rows: ws.append(r)
wb.save(sys.argv[1])
PY
}
form2 "$F2" "$pages" "$data" "$title"
"$NOHIN" lint --lang en --format json "$tmp/b" >"$tmp/near.json"
n=$(/usr/bin/python3 -c 'import json,sys; print(sum(1 for f in json.load(open(sys.argv[1]))["findings"] if f["rule"]=="BUNDLE-FORM2-MISMATCH"))' "$tmp/near.json")
check "near miss: 様式2 agrees with the bundle, no finding" "[ \"$n\" = 0 ]"

form2 "$F2" "$((pages - 1))頁" "$((data + 2))" "古い題名の報告書"
"$NOHIN" lint --lang en --format json "$tmp/b" >"$tmp/bad.json"
n=$(/usr/bin/python3 -c 'import json,sys; print(sum(1 for f in json.load(open(sys.argv[1]))["findings"] if f["rule"]=="BUNDLE-FORM2-MISMATCH"))' "$tmp/bad.json")
check "three mismatches, three findings" "[ \"$n\" = 3 ]"
check "the message names the cell" "grep -q 'cell B5' \"$tmp/bad.json\""

"$NOHIN" clean -q "$tmp/b" -o "$tmp/o"; rc=$?
check "clean exits 0" "[ $rc -eq 0 ]"
out=$(ls "$tmp/o/提出記録"/様式2_*.xlsx)
got=$(/usr/bin/python3 -c 'import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; print(ws["B3"].value, ws["B5"].value, ws["B6"].value, sep="|")' "$out")
opages=$(pdfinfo "$tmp/o"/公表用/*.pdf | awk '/^Pages:/ {print $2}')
otitle=$(pdfinfo "$tmp/o"/公表用/*.pdf | sed -n 's/^Title: *//p')
check "clean's 様式2 holds the public bundle's values" "[ \"$got\" = \"$otitle|$opages|$data\" ]"
check "the fix list lists the corrections" "[ \$(grep -c 'BUNDLE-FORM2-MISMATCH' \"$tmp/o/提出記録/fixlist.txt\") -eq 3 ]"
check "the input 様式2 is untouched" "/usr/bin/python3 -c 'import openpyxl,sys; assert openpyxl.load_workbook(sys.argv[1]).active[\"B3\"].value==\"古い題名の報告書\"' \"$F2\""
exit $fail
