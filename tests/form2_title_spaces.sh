#!/usr/bin/env bash
# lint and clean compare 様式2's 報告書の題名 with the report's title the same way
# (src/bundle/form2.c): after NFKC, ignoring every white space, full-width U+3000
# too. A 様式2 (made by openpyxl) whose title differs from the PDF's only by inner
# spaces is no finding for lint and is left as typed by clean; one whose title
# really differs is a fixable finding, and clean corrects it. Either way, lint of
# clean's output (公表用 with the corrected 様式2 beside it: lint skips 提出記録)
# has no fixable finding.
set -u
NOHIN=${NOHIN_BIN:?}
. "$(dirname "$0")/lib/check.sh"
. "$(dirname "$0")/lib/form2_bundle.sh"
form2() { # title
  /usr/bin/python3 - "$F2" "$pages" "$data" "$1" <<'PY'
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "書誌情報"
rows = [("委託調査報告書公表用書誌情報", None), ("項目", "内容"),
        ("報告書の題名", sys.argv[4]), ("受注事業者名", "株式会社日本産業総合研究所"),
        ("総頁数", int(sys.argv[2])), ("図表等データのファイル数", int(sys.argv[3])),
        ("発行年月", "令和7年3月")]
for r in rows: ws.append(r)
wb.save(sys.argv[1])
PY
}
count() { # json rule|fixable → number of findings of that rule, or fixable ones
  /usr/bin/python3 -c '
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
print(sum(1 for f in fs if (f["fixable"] if sys.argv[2] == "fixable" else f["rule"] == sys.argv[2])))' "$1" "$2"
}
b3() { /usr/bin/python3 -c 'import openpyxl,sys; print(openpyxl.load_workbook(sys.argv[1]).active["B3"].value)' "$1"; }
# the cleaned tree as lint sees a bundle: 公表用 and the corrected 様式2 outside 提出記録
view() { # outdir viewdir [様式2 to put there instead of clean's]
  mkdir -p "$2/調査報告書等一式" && cp -r "$1/公表用" "$2/" &&
    cp "${3:-$(ls "$1/提出記録"/様式2_*.xlsx)}" "$2/調査報告書等一式/"
}
[ -n "$title" ] || { echo "FAIL: the sample report has no title"; exit 1; }

# 令和6年度産業経済研究委託事業（…）報告書 → 令和6年度　産業経済研究委託事業 （…） 報告書
spaced=$(/usr/bin/python3 -c 'import sys; t=sys.argv[1]; print(t[:5] + "\u3000" + t[5:].replace("（", " （").replace("）", "） "))' "$title")
check "the spaced title differs from the PDF's only by spaces" \
  "[ \"$spaced\" != \"$title\" ] && [ \"\$(printf %s \"$spaced\" | tr -d ' ' | sed 's/　//g')\" = \"$title\" ]"
form2 "$spaced"
"$NOHIN" lint --lang en --format json "$tmp/b" >"$tmp/l1.json"
check "lint: inner spaces are no BUNDLE-FORM2-MISMATCH" "[ \$(count \"$tmp/l1.json\" BUNDLE-FORM2-MISMATCH) -eq 0 ]"
"$NOHIN" clean -q "$tmp/b" -o "$tmp/o1"
check "clean: no 様式2 correction in the fix list" "! grep -q BUNDLE-FORM2-MISMATCH \"$tmp/o1/提出記録/fixlist.txt\""
check "clean: 様式2's title kept as typed" "[ \"\$(b3 \"$tmp/o1/提出記録\"/様式2_*.xlsx)\" = \"$spaced\" ]"
view "$tmp/o1" "$tmp/v1"
"$NOHIN" lint --lang en --format json "$tmp/v1" >"$tmp/v1.json"
check "lint of clean's output: no fixable finding" "[ \$(count \"$tmp/v1.json\" fixable) -eq 0 ]"
check "lint of clean's output: no BUNDLE-FORM2-MISMATCH" "[ \$(count \"$tmp/v1.json\" BUNDLE-FORM2-MISMATCH) -eq 0 ]"

# a real difference (and spaces): lint flags it as fixable, clean corrects it
form2 "令和5年度　産業構造の現状に関する調査 報告書"
"$NOHIN" lint --lang en --format json "$tmp/b" >"$tmp/l2.json"
check "lint: a different title is one BUNDLE-FORM2-MISMATCH" "[ \$(count \"$tmp/l2.json\" BUNDLE-FORM2-MISMATCH) -eq 1 ]"
check "lint: and it is fixable" "/usr/bin/python3 -c 'import json,sys; assert all(f[\"fixable\"] for f in json.load(open(sys.argv[1]))[\"findings\"] if f[\"rule\"]==\"BUNDLE-FORM2-MISMATCH\")' \"$tmp/l2.json\""
"$NOHIN" clean -q "$tmp/b" -o "$tmp/o2"
check "clean: the title corrected" "[ \"\$(b3 \"$tmp/o2/提出記録\"/様式2_*.xlsx)\" = \"\$(pdfinfo \"$tmp/o2\"/公表用/*.pdf | sed -n 's/^Title: *//p')\" ]"
view "$tmp/o2" "$tmp/v2"
"$NOHIN" lint --lang en --format json "$tmp/v2" >"$tmp/v2.json"
check "lint of clean's output: no fixable finding" "[ \$(count \"$tmp/v2.json\" fixable) -eq 0 ]"
# the view is not blind: the uncorrected 様式2 in its place is a finding
view "$tmp/o2" "$tmp/v3" "$F2"
"$NOHIN" lint --lang en --format json "$tmp/v3" >"$tmp/v3.json"
check "near miss: the view with the input 様式2 has the finding" "[ \$(count \"$tmp/v3.json\" BUNDLE-FORM2-MISMATCH) -eq 1 ]"
exit $fail
