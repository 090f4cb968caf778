#!/bin/bash
# Lint expands a zip inside a bundle zip (issue 13, issue 16 item 1): a PDF with
# a My Number and JavaScript inside inner.zip inside bundle.zip gives errors; an
# archive nested deeper than the limit is a BUNDLE-ZIP error, never passed
# silently; a workbook inside the zip stays a workbook. Archives are made with
# Python's zipfile, the PDF by hand and rewritten by qpdf, the workbook by openpyxl.
set -u
N=${NOHIN_BIN:?}
. "$(dirname "$0")/lib/check.sh"
command -v qpdf >/dev/null || { echo "qpdf missing: skipped"; exit 77; }
/usr/bin/python3 - "$tmp" <<'PY' || { echo "FAIL: generator"; exit 1; }
import sys, zipfile, io, subprocess, os
t = sys.argv[1]
def my_number(first11):
    s = sum(int(first11[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    r = s % 11
    return first11 + str(0 if r <= 1 else 11 - r)
num = my_number("12345678901")
text = f"BT /F1 12 Tf 72 720 Td (My Number {num}) Tj ET".encode()
objs = [b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /S /JavaScript /JS (app.alert\\('hi'\\);) >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
out = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(f"{t}/raw.pdf", "wb").write(out)
subprocess.run(["qpdf", f"{t}/raw.pdf", f"{t}/secret.pdf"], check=True)
def zipped(name, members):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in members:
            z.writestr(n, d)
pdf = open(f"{t}/secret.pdf", "rb").read()
zipped(f"{t}/inner.zip", [("資料/secret.pdf", pdf)])
zipped(f"{t}/bundle.zip", [("data/inner.zip", open(f"{t}/inner.zip", "rb").read())])
# depth: four levels of zip around the PDF
cur = pdf; name = "secret.pdf"
for level in range(4):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr(name, cur)
    cur = b.getvalue(); name = f"level{level}.zip"
open(f"{t}/deep.zip", "wb").write(cur)
# a workbook inside a zip: a file, not an archive
import openpyxl
wb = openpyxl.Workbook(); wb.active["A1"] = "x"; wb.save(f"{t}/book.xlsx")
zipped(f"{t}/withbook.zip", [("book.xlsx", open(f"{t}/book.xlsx", "rb").read())])
PY
findings() { "$N" lint --lang en --format json "$1" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
for f in d["findings"]: print(f["rule"], f["severity"], f["file"])
for f in d["files"]: print("FILE", f["type"], f["path"])'; }
findings "$tmp/bundle.zip" >"$tmp/b.txt"
check "nested PDF typed and listed" "grep -q 'FILE pdf bundle.zip/data/inner.zip/資料/secret.pdf' $tmp/b.txt"
check "nested PDF: PII-MY-NUMBER error" "grep -q 'PII-MY-NUMBER error bundle.zip/data/inner.zip/資料/secret.pdf' $tmp/b.txt"
check "nested PDF: JavaScript error" "grep -q 'PDF-JAVASCRIPT error bundle.zip/data/inner.zip' $tmp/b.txt"
"$N" lint -q "$tmp/bundle.zip" >/dev/null; rc=$?
check "exit 1 on the nested findings" "[ $rc -eq 1 ]"
findings "$tmp/deep.zip" >"$tmp/d.txt"
check "too deep: BUNDLE-ZIP error, nothing passed silently" "grep -q 'BUNDLE-ZIP error deep.zip/level2.zip/level1.zip/level0.zip' $tmp/d.txt"
check "too deep: the PDF beyond the limit is not listed as checked" "! grep -q 'FILE pdf' $tmp/d.txt"
findings "$tmp/withbook.zip" >"$tmp/w.txt"
check "near miss: a workbook in a zip stays a workbook" "grep -q 'FILE xlsx withbook.zip/book.xlsx' $tmp/w.txt"
exit $fail
