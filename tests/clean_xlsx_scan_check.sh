#!/usr/bin/env bash
# clean's worksheet scan has two implementations (issue 20, s4-clean): SAX2
# callbacks for a sheet in memory (src/clean/xlsx_scan_sax.c) and the original
# xmlTextReader loop (large sheets, and whatever the SAX scan leaves to it).
# NOHIN_CLEAN_SCAN_CHECK=1 runs both on every sheet and fails the workbook when
# their results differ (hidden rows/columns, formulas with and without values,
# shared strings in use, header/footer texts, drawings, OLE pictures). Run here on
# workbooks made by openpyxl (inline strings, formulas, hidden rows and columns,
# a comment, a header), copies of one with a single edit each (CDATA, a comment or
# an empty element inside a value, a blank value, an entity in an attribute) and by
# LibreOffice (shared strings), with and without
# --unhide, and on every workbook of the corpus when NOHIN_CORPUS is set.
set -u
NOHIN=${NOHIN_BIN:?}
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$tmp" <<'PY' || exit 1
import openpyxl, sys, zipfile
from openpyxl.comments import Comment
d = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "データ"
ws.append(("地域", "件数", "合計", "備考"))
for i in range(1, 40):
    ws.append((f"地域{i}", i, f"=B{i + 1}*2", " " if i % 5 == 0 else f"メモ{i}"))
ws.row_dimensions[4].hidden = True
ws.row_dimensions[9].hidden = True
ws.column_dimensions["D"].hidden = True
ws["A2"].comment = Comment("確認してください", "佐藤")
ws.oddHeader.center.text = "担当 山田"
ws2 = wb.create_sheet("二")
ws2.append(("a", "b"))
ws2.append((1, "=A2+1"))
wb.save(d + "/openpyxl.xlsx")
# the reader's node-level decisions, each in a copy of a plain book's sheet (zipfile)
wb = openpyxl.Workbook()
ws = wb.active
for i in range(1, 12):
    ws.append((f"x{i}", i))
ws.row_dimensions[3].hidden = True
wb.save(d + "/plain.xlsx")
edits = {
    "cdata": ("<v>2</v>", "<v><![CDATA[2]]></v>"),
    "comment_in_v": ("<v>4</v>", "<v>4<!--x-->0</v>"),
    "pi": ("<v>5</v>", "<?pi x?><v>5</v>"),
    "empty_v": ("<v>6</v>", "<v></v>"),
    "blank_value": ("<v>7</v>", "<f>1+1</f><v xml:space=\"default\">  </v>"),
    "blank_value2": ("<v>8</v>", "<f>1+1</f><v>  </v>"),
    "empty_in_v": ("<v>9</v>", "<v>1<x/>9</v>"),
    "open_close_in_v": ("<v>10</v>", "<v>1<x></x>0</v>"),
    "entity_attr": ('<c r="A4"', '<c r="&#65;4"'),
}
with zipfile.ZipFile(d + "/plain.xlsx") as zi:
    sheet = zi.read("xl/worksheets/sheet1.xml").decode()
    for name, (old, new) in edits.items():
        assert old in sheet, name
        with zipfile.ZipFile(f"{d}/edit_{name}.xlsx", "w", zipfile.ZIP_DEFLATED) as zo:
            for n in zi.namelist():
                data = zi.read(n)
                if n == "xl/worksheets/sheet1.xml":
                    data = sheet.replace(old, new, 1).encode()
                zo.writestr(n, data)
with open(d + "/lo.csv", "w", encoding="utf-8") as f:
    f.write("地域,件数\n北海道,12\n東北,7\n北海道,3\n")
PY
if command -v soffice >/dev/null; then
    (cd "$tmp" && HOME="$tmp" timeout 120 soffice --headless --convert-to xlsx lo.csv >/dev/null 2>&1)
fi
books=("$tmp/openpyxl.xlsx" "$tmp"/edit_*.xlsx)
[ -f "$tmp/lo.xlsx" ] && books+=("$tmp/lo.xlsx")
if [ -n "${NOHIN_CORPUS:-}" ] && [ -d "$NOHIN_CORPUS/xlsx" ]; then
    while IFS= read -r f; do books+=("$f"); done < <(find "$NOHIN_CORPUS/xlsx" -name '*.xlsx' | sort)
fi
fail=0 n=0
for b in "${books[@]}"; do
    for u in "" --unhide; do
        n=$((n + 1))
        NOHIN_CLEAN_SCAN_CHECK=1 "$NOHIN" clean -q $u --force --file "$b" -o "$tmp/out.xlsx" \
            >/dev/null 2>"$tmp/err"
        rc=$? # 2: a workbook clean refuses; above: a crash (or a sanitizer's abort)
        if [ $rc -gt 2 ] || grep -q 'SAX scan\|SCAN_CHECK\|runtime error\|Sanitizer' "$tmp/err"; then
            echo "FAIL: $b $u: $(cat "$tmp/err")"
            fail=1
        fi
    done
done
echo "$n cleans of ${#books[@]} workbooks: $([ $fail = 0 ] && echo "ok: both scans agree" || echo FAIL)"
# and the check can fail: with a shared-strings workbook the scans must agree on
# which strings stay; an unchecked run must give the same bytes as a checked one
if [ -f "$tmp/lo.xlsx" ]; then
    "$NOHIN" clean -q --force --file "$tmp/lo.xlsx" -o "$tmp/a.xlsx" >/dev/null 2>&1
    NOHIN_CLEAN_SCAN_CHECK=1 "$NOHIN" clean -q --force --file "$tmp/lo.xlsx" -o "$tmp/b.xlsx" \
        >/dev/null 2>&1
    if cmp -s "$tmp/a.xlsx" "$tmp/b.xlsx"; then
        echo "ok: SAX scan and reader scan give the same output bytes"
    else
        echo "FAIL: output differs between the scans"
        fail=1
    fi
fi
exit $fail
