#!/usr/bin/env bash
# clean gives the same bytes for the same bundle: the sample bundle with a 様式2
# (made by openpyxl) whose 総頁数, data file count and title clean must correct,
# and a public data workbook made by openpyxl with a hidden row (rewritten sheet),
# cleaned twice 3 s apart (zip times have 2 s steps) and in two time zones. Every
# output file, the corrected 様式2 and 提出記録/MANIFEST.sha256 included, must be
# identical.
set -u
NOHIN=${NOHIN_BIN:?}
. "$(dirname "$0")/lib/check.sh"
. "$(dirname "$0")/lib/form2_bundle.sh"
/usr/bin/python3 - "$F2" "$((pages + 3))" "$((data + 2))" "$tmp/b/調査報告書等一式（公表用）/図表等データ" <<'PY' || exit 1
import os, sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "書誌情報"
rows = [("委託調査報告書公表用書誌情報", None), ("項目", "内容"),
        ("報告書の題名", "古い題名の報告書"), ("受注事業者名", "株式会社日本産業総合研究所"),
        ("総頁数", int(sys.argv[2])), ("図表等データのファイル数", int(sys.argv[3])),
        ("発行年月", "令和7年3月")]
for r in rows: ws.append(r)
wb.save(sys.argv[1])
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "データ"
for r in [("年", "出荷額"), (2021, 120), (2022, 130), ("非公表のメモ", 1), (2023, 140)]:
    ws.append(r)
ws.row_dimensions[4].hidden = True
wb.save(os.path.join(sys.argv[4], "図2-3_出荷額の内訳.xlsx"))
PY
TZ=UTC "$NOHIN" clean -q "$tmp/b" -o "$tmp/o1"; rc1=$?
sleep 3
TZ=Asia/Tokyo "$NOHIN" clean -q "$tmp/b" -o "$tmp/o2"; rc2=$?
check "both cleans exit 0 or 1 ($rc1, $rc2)" "[ $rc1 -le 1 ] && [ $rc2 -le 1 ]"
check "clean corrected 様式2 (the rewritten-entry path ran)" \
  "[ \$(grep -c 'BUNDLE-FORM2-MISMATCH' \"$tmp/o1/提出記録/fixlist.txt\") -eq 3 ]"
check "the corrected 様式2 is in the manifest" \
  "grep -q '様式2_委託調査報告書公表用書誌情報.xlsx' \"$tmp/o1/提出記録/MANIFEST.sha256\""
check "the openpyxl data workbook is in the output" \
  "[ -f \"$tmp/o1/公表用/図表等データ/図2-3_出荷額の内訳.xlsx\" ]"
check "the two output trees are identical, byte for byte" "diff -r \"$tmp/o1\" \"$tmp/o2\""
exit $fail
