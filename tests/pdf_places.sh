#!/bin/bash
# Locations of PDF findings that are on no page (src/readers/pdf_place.c): a bookmark's
# action, a form field without a widget on a page, the open action, the catalog's
# automatic actions and a document-level script are named, never "object N"; and a
# baseline made from one file still accepts every finding of the same document
# written with other object numbers (what a re-export does).
set -euo pipefail
PY=/usr/bin/python3
N="$NOHIN_BIN"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# The same document twice: objects numbered from 1, then from 40 in another order.
# Written with a correct xref here (qpdf would renumber them) and checked by qpdf.
$PY - "$T" <<'PYEOF'
import sys
T = sys.argv[1]
def pdf(path, base, order):
    n = lambda k: base + k  # object k of the document
    objs = {
        0: f"<< /Type /Catalog /Pages {n(1)} 0 R /Outlines {n(3)} 0 R /OpenAction {n(5)} 0 R "
           f"/AA << /WC << /S /JavaScript /JS (app.alert\\(1\\);) >> >> "
           f"/Names << /JavaScript << /Names [(init) {n(6)} 0 R] >> >> "
           f"/AcroForm << /Fields [{n(7)} 0 R] >> >>",
        1: f"<< /Type /Pages /Kids [{n(2)} 0 R] /Count 1 >>",
        2: f"<< /Type /Page /Parent {n(1)} 0 R /MediaBox [0 0 595 842] /Contents {n(8)} 0 R "
           f"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        3: f"<< /Type /Outlines /First {n(4)} 0 R /Last {n(4)} 0 R /Count 1 >>",
        4: f"<< /Title (Chapter 1) /Parent {n(3)} 0 R /A << /S /Launch /F (calc.exe) >> >>",
        5: "<< /S /JavaScript /JS (this.print\\(\\);) >>",
        6: "<< /S /JavaScript /JS (app.alert\\('hi'\\);) >>",
        7: "<< /FT /Tx /T (tantousha) /V (Yamada Taro) >>",
    }
    body = b"BT /F1 12 Tf 72 760 Td (Report text for the test.) Tj ET"
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offs = {}
    for k in order:
        offs[n(k)] = len(out)
        out += f"{n(k)} 0 obj\n{objs[k]}\nendobj\n".encode()
    offs[n(8)] = len(out)
    out += f"{n(8)} 0 obj\n<< /Length {len(body)} >>\nstream\n".encode() + body + b"\nendstream\nendobj\n"
    size = n(8) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for i in range(1, size):
        out += (f"{offs[i]:010d} 00000 n \n" if i in offs else "0000000000 65535 f \n").encode()
    out += f"trailer\n<< /Size {size} /Root {n(0)} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    open(path, "wb").write(out)
pdf(f"{T}/a.raw.pdf", 1, [0, 1, 2, 3, 4, 5, 6, 7])
pdf(f"{T}/b.raw.pdf", 40, [7, 6, 5, 4, 3, 2, 1, 0])
PYEOF
mkdir -p "$T/b1/公表用" "$T/b2/公表用"
cp "$T/a.raw.pdf" "$T/b1/公表用/report.pdf"
cp "$T/b.raw.pdf" "$T/b2/公表用/report.pdf"
qpdf --check "$T/b1/公表用/report.pdf" >/dev/null
qpdf --check "$T/b2/公表用/report.pdf" >/dev/null
# the object numbers really differ
[ "$(qpdf --show-xref "$T/b1/公表用/report.pdf" | md5sum)" != "$(qpdf --show-xref "$T/b2/公表用/report.pdf" | md5sum)" ]

"$N" lint -q --lang en --format json "$T/b1" >"$T/a.json" || [ $? -eq 1 ]
$PY - "$T/a.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
got = {(f["rule"], json.dumps(f["location"], sort_keys=True)) for f in d["findings"]}
want = {
    ("PDF-EXTERNAL-ACTION", '{"name": "Chapter 1", "part": "bookmark"}'),
    ("PDF-FORM", '{"name": "tantousha", "part": "form"}'),
    ("PDF-AUTO-ACTION", '{"part": "open-action"}'),
    ("PDF-JAVASCRIPT", '{"part": "open-action"}'),
    ("PDF-AUTO-ACTION", '{"part": "document-actions"}'),
    ("PDF-JAVASCRIPT", '{"part": "document-actions"}'),
    ("PDF-JAVASCRIPT", '{"name": "init", "part": "javascript"}'),
}
missing = want - got
assert not missing, (missing, sorted(got))
for f in d["findings"]:
    assert "object" not in f["location"], f
    assert "object" not in (f.get("evidence") or ""), f
PYEOF
"$N" lint -q --lang ja "$T/b1" >"$T/ja.txt" || [ $? -eq 1 ]
for want in 'しおり「Chapter 1」' 'フォームフィールド「tantousha」' '文書を開いたときの動作' '文書レベルの JavaScript「init」' '文書の自動動作'; do
    grep -qF "$want" "$T/ja.txt" || { echo "FAIL: '$want' not shown"; cat "$T/ja.txt"; exit 1; }
done
if grep -q 'オブジェクト' "$T/ja.txt"; then echo "FAIL: an object number shown"; exit 1; fi
# A baseline of the first file accepts every finding of the renumbered one.
"$N" baseline "$T/b1" -o "$T/bl.ini"
rc=0; "$N" lint -q --fail-on info --baseline "$T/bl.ini" --format json "$T/b2" >"$T/s.json" || rc=$?
$PY - "$T/s.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
live = [(f["rule"], f["location"]) for f in d["findings"] if "suppressed" not in f]
assert not live, live
assert d["summary"]["suppressed"] >= 7, d["summary"]
PYEOF
[ $rc = 0 ]
echo "pdf places ok"
