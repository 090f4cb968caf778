#!/usr/bin/env bash
# Inline strings through clean's sheet rewrite (issue 20, s4-clean): clean copies
# each <is> element by element instead of dumping it (the dump repeated the
# namespace on every <t>). Every value must come out as it went in: leading,
# trailing and whitespace-only text (also without xml:space), &<>"' and line
# breaks, rich-text runs with their properties, phonetic runs, a prefixed sheet.
# Made by openpyxl (3.0 writes strings inline), the rich-text and whitespace
# cells added with python zipfile; a hidden row makes clean renumber the rows.
# Read back by openpyxl and, when installed, LibreOffice (convert-to csv).
set -u
NOHIN=${NOHIN_BIN:?}
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$tmp" <<'PY' || exit 1
import openpyxl, re, sys, zipfile
d = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "データ"
ws.append(("項目", "値"))
ws.append(("  前後に空白  ", 1))
ws.append(("隠す行", 2))
ws.append(('a & b < c > "d" \'e\'', 3))
ws.append(("1行目\n2行目", 4))
ws.append(("RICH", 5))
ws.append(("SPACES", 6))
ws.append(("SPACES2", 7))
ws.row_dimensions[3].hidden = True
wb.save(d + "/plain.xlsx")
SS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
rich = (b'<is><r><rPr><b/><sz val="11"/></rPr><t>\xe5\xa4\xaa\xe5\xad\x97</t></r>'
        b'<r><t xml:space="preserve"> \xe3\x81\xa8\xe6\xa8\x99\xe6\xba\x96</t></r>'
        b'<rPh sb="0" eb="2"><t>\xe3\x83\x95\xe3\x83\x88\xe3\x82\xb8</t></rPh></is>')

def edit(xml, prefixed):
    xml = re.sub(rb'<is><t>RICH</t></is>', rich, xml)
    xml = re.sub(rb'<is><t>SPACES</t></is>', b'<is><t>   </t></is>', xml)
    xml = re.sub(rb'<is><t>SPACES2</t></is>', b'<is><t xml:space="default">  </t></is>', xml)
    assert b"<rPh" in xml and b"<t>   </t>" in xml, "inputs edited"
    if prefixed:
        xml = re.sub(rb"<(/?)([A-Za-z][\w]*)([ />])", rb"<\1x:\2\3", xml)
        xml = xml.replace(b'xmlns="' + SS + b'"', b'xmlns:x="' + SS + b'"')
    return xml

for name, prefixed in (("in", False), ("px", True)):
    with zipfile.ZipFile(d + "/plain.xlsx") as zi, \
            zipfile.ZipFile(d + "/" + name + ".xlsx", "w", zipfile.ZIP_DEFLATED) as zo:
        for n in zi.namelist():
            data = zi.read(n)
            if n == "xl/worksheets/sheet1.xml":
                data = edit(data, prefixed)
            zo.writestr(n, data)
PY
fail=0
for name in in px; do
    "$NOHIN" clean -q --file "$tmp/$name.xlsx" -o "$tmp/$name.out.xlsx"
    rc=$?
    [ $rc -le 1 ] || { echo "FAIL: clean exit $rc ($name)"; fail=1; continue; }
    /usr/bin/python3 - "$tmp/$name.out.xlsx" "$name" <<'PY' || fail=1
import openpyxl, re, sys, zipfile
out, name = sys.argv[1], sys.argv[2]
ws = openpyxl.load_workbook(out)["データ"]
got = [tuple(c.value for c in r[:2]) for r in ws.iter_rows()]
want = [("項目", "値"), ("  前後に空白  ", 1), ('a & b < c > "d" \'e\'', 3),
        ("1行目\n2行目", 4), ("太字 と標準", 5), ("   ", 6), ("  ", 7)]
ok = got == want
print(("ok" if ok else "FAIL") + f" ({name}): values kept, hidden row gone: {got}")
xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
p = "x:" if name == "px" else ""
runs = (f'<{p}r><{p}rPr><{p}b/><{p}sz val="11"/></{p}rPr><{p}t>太字</{p}t></{p}r>'
        f'<{p}r><{p}t xml:space="preserve"> と標準</{p}t></{p}r>'
        f'<{p}rPh sb="0" eb="2"><{p}t>フトジ</{p}t></{p}rPh>')
r1 = runs in xml
print(("ok" if r1 else "FAIL") + f" ({name}): rich-text and phonetic runs copied as they were")
r2 = not re.search(r"<(x:)?t [^>]*xmlns", xml)
print(("ok" if r2 else "FAIL") + f" ({name}): no namespace repeated on <t>")
sys.exit(0 if ok and r1 and r2 else 1)
PY
done
if command -v soffice >/dev/null; then
    (cd "$tmp" && timeout 120 soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' in.out.xlsx >/dev/null 2>&1)
    if [ -f "$tmp/in.out.csv" ]; then
        want=$(printf '項目,値\n  前後に空白  ,1\n"a & b < c > ""d"" '"'"'e'"'"'",3\n"1行目\n2行目",4\n太字 と標準,5\n   ,6\n  ,7')
        if [ "$(cat "$tmp/in.out.csv")" = "$want" ]; then
            echo "ok: LibreOffice reads the same values"
        else
            echo "FAIL: LibreOffice reads:"
            cat "$tmp/in.out.csv"
            fail=1
        fi
    else
        echo "LibreOffice wrote no CSV: not checked"
    fi
fi
exit $fail
