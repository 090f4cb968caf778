#!/usr/bin/env bash
# `nohin split` keeps the links and bookmarks that stay inside a part and
# removes the links into other parts, saying so (issue 14). Inputs:
# (a) a LibreOffice PDF with internal links, its last page moved past page 1,000
#     by qpdf (filler pages in between), so one link crosses parts;
# (b) the generated 2,500-page report with links of every kind added by pikepdf
#     (explicit /Dest, named destination, old-style /Dests, GoTo action, URI).
# Checked with pikepdf (qpdf's Python binding), qpdf --check and qpdf --json.
set -u
NOHIN=${NOHIN_BIN:?}
GENR=${NOHIN_BINARY_DIR:?}/fixtures/gen_report_pdf
[ -x "$GENR" ] || { echo "gen_report_pdf not built: skipped"; exit 77; }
/usr/bin/python3 -c 'import pikepdf' 2>/dev/null || { echo "python3-pikepdf missing: skipped"; exit 77; }
. "$(dirname "$0")/lib/check.sh"
# every link of a PDF: "page<TAB>target page or URI", pages counted from 1
links() {
  /usr/bin/python3 - "$1" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
ids = {p.objgen: i + 1 for i, p in enumerate(pdf.pages)}
names = {}
if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
    names = {str(k): v for k, v in pikepdf.NameTree(pdf.Root.Names.Dests).items()}
for i, p in enumerate(pdf.pages):
    for a in p.obj.get("/Annots", []):
        if a.get("/Subtype") != "/Link":
            continue
        d = a.get("/Dest")
        act = a.get("/A")
        if d is None and act is not None and act.get("/S") == "/URI":
            print(f"{i + 1}\t{act.URI}")
            continue
        if d is None and act is not None:
            d = act.get("/D")
        if isinstance(d, (pikepdf.String, pikepdf.Name)):
            d = names.get(str(d), None)
        t = "?"
        if isinstance(d, pikepdf.Array) and len(d) and isinstance(d[0], pikepdf.Object):
            t = ids.get(d[0].objgen, "?")
        print(f"{i + 1}\t{t}")
PY
}

# (a) LibreOffice: page 1 links to chapter C (page 3), page 2 to chapter A and a URI.
cat >"$tmp/doc.html" <<'EOF'
<html><body>
<h1 id="a">Chapter A</h1><p>See <a href="#c">chapter C</a> for more.</p>
<p style="page-break-before: always"></p>
<h1 id="b">Chapter B</h1><p>Back to <a href="#a">chapter A</a>. Web: <a href="https://example.org/">example</a></p>
<p style="page-break-before: always"></p>
<h1 id="c">Chapter C</h1><p>End text.</p>
</body></html>
EOF
if command -v soffice >/dev/null &&
  (cd "$tmp" && HOME="$tmp" timeout 120 soffice --headless --convert-to pdf doc.html >/dev/null 2>&1) &&
  [ -s "$tmp/doc.pdf" ]; then
  check "LibreOffice input: links 1→3, 2→1, 2→URI" \
    "[ \"\$(links \"$tmp/doc.pdf\" | sort | tr '\\n\\t' ';:')\" = '1:3;2:1;2:https://example.org/;' ]"
  # (a1) within the limits, one part (--always): every link kept, to the same page
  "$NOHIN" split --always --lang en "$tmp/doc.pdf" -o "$tmp/a1" >"$tmp/out.txt"; rc=$?
  check "LibreOffice, one part: exit 0, qpdf --check" "[ $rc -eq 0 ] && qpdf --check \"$tmp/a1/doc_分冊1.pdf\" >/dev/null"
  check "LibreOffice, one part: links 1→3, 2→1, 2→URI kept" \
    "[ \"\$(links \"$tmp/a1/doc_分冊1.pdf\" | sort | tr '\\n\\t' ';:')\" = '1:3;2:1;2:https://example.org/;' ]"
  check "LibreOffice, one part: nothing said about removed links" "! grep -q 'removed' \"$tmp/out.txt\""
  # (a2) qpdf keeps doc.pdf's own page objects (it is the primary input), so the
  # links survive; chapter C lands on page 1,003, in the second part
  "$GENR" "$tmp/filler.pdf" 1000 30 1000 >/dev/null
  qpdf "$tmp/doc.pdf" --pages "$tmp/doc.pdf" 1-2 "$tmp/filler.pdf" 1-1000 "$tmp/doc.pdf" 3 -- "$tmp/big.pdf"
  check "qpdf-made input: 1,003 pages, links 1→1003, 2→1" \
    "[ \"\$(links \"$tmp/big.pdf\" | grep -v http | sort | tr '\\n\\t' ';:')\" = '1:1003;2:1;' ]"
  "$NOHIN" split --lang en "$tmp/big.pdf" -o "$tmp/a2" >"$tmp/out.txt"; rc=$?
  check "1,003 pages: exit 0, two parts" "[ $rc -eq 0 ] && [ \$(ls \"$tmp/a2\" | wc -l) -eq 2 ]"
  check "part 1: the link into part 2 is removed, the one inside kept (2→1), the URI kept" \
    "[ \"\$(links \"$tmp/a2/big_分冊1.pdf\" | sort | tr '\\n\\t' ';:')\" = '2:1;2:https://example.org/;' ]"
  check "the output says one link into another part was removed" \
    "grep -q '^  links into other parts removed: 1' \"$tmp/out.txt\""
  for f in "$tmp"/a2/*.pdf; do
    check "$(basename "$f") passes qpdf --check" "qpdf --check \"$f\" >/dev/null"
  done
else
  echo "soffice missing or failed: LibreOffice part skipped"
fi

# (b) the 2,500-page report: parts 1–600, 601–1200, 1201–1800, 1801–2500
"$GENR" "$tmp/long.pdf" 2500 30 300 >/dev/null
/usr/bin/python3 - "$tmp/long.pdf" <<'PY'
import sys, pikepdf
from pikepdf import Array, Dictionary, Name, String
pdf = pikepdf.open(sys.argv[1], allow_overwriting_input=True)
P = pdf.pages
def link(on, **kw):
    a = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link,
                                     Rect=Array([10, 10, 100, 30]), Border=Array([0, 0, 0]), **kw))
    if "/Annots" in P[on - 1].obj:
        P[on - 1].obj.Annots.append(a)
    else:
        P[on - 1].obj.Annots = Array([a])
def dest(page, *rest):
    return Array([P[page - 1].obj, *rest])
link(3, Dest=dest(7, Name.XYZ, None, None, None))                 # same part: kept
link(5, Dest=dest(701, Name.Fit))                                 # part 2: removed
link(10, Dest=String("sec20"))                                    # named, same part: kept
link(4, A=Dictionary(S=Name.URI, URI=String("https://example.org/")))  # kept
link(650, A=Dictionary(S=Name.GoTo, D=dest(620, Name.FitH, 500)))  # GoTo, same part: kept
link(651, A=Dictionary(S=Name.GoTo, D=dest(11, Name.Fit)))        # part 1: removed
link(1205, Dest=Name("/old"))                                     # old-style /Dests: kept
link(1800, Dest=dest(1801, Name.Fit))                             # next part's first page: removed
pdf.Root.Names = Dictionary(Dests=Dictionary(Names=Array([String("sec20"), dest(20, Name.Fit)])))
pdf.Root.Dests = Dictionary(old=dest(1211, Name.Fit))
# catalog: a language, page labels (i, ii, then 1, 2, …), a form field on page 2 and on page 700
pdf.Root.Lang = String("ja-JP")
pdf.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.r), 2, Dictionary(S=Name.D)]))
fields = Array()
for name, on in (("f2", 2), ("f700", 700)):
    w = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx,
                                     T=String(name), V=String("x"), P=P[on - 1].obj,
                                     Rect=Array([10, 40, 100, 60])))
    P[on - 1].obj.Annots = Array([w])
    fields.append(w)
pdf.Root.AcroForm = Dictionary(Fields=fields, DA=String("/Helv 0 Tf 0 g"))
pdf.save(sys.argv[1])
PY
[ $? -eq 0 ] || { echo "FAIL: pikepdf fixture"; exit 1; }
"$NOHIN" split --lang en "$tmp/long.pdf" -o "$tmp/b" >"$tmp/out.txt"; rc=$?
check "2,500 pages with links: exit 0, four parts" "[ $rc -eq 0 ] && [ \$(ls \"$tmp/b\" | wc -l) -eq 4 ]"
want=("3:7;4:https://example.org/;10:20;" "50:20;" "5:11;" "")
for i in 1 2 3 4; do
  f="$tmp/b/long_分冊$i.pdf"
  got=$(links "$f" | sort -n | tr '\n\t' ';:')
  check "part $i: links inside the part kept with their page, the others removed ($got)" "[ \"$got\" = \"${want[$((i - 1))]}\" ]"
  check "part $i passes qpdf --check" "qpdf --check \"$f\" >/dev/null"
  # bookmarks: every one points at a page of this part (qpdf --json)
  n=$(qpdf --json --json-key=outlines "$f" | /usr/bin/python3 -c '
import json,sys
o=json.load(sys.stdin)["outlines"]
print(len(o) if o and all(x["destpageposfrom1"] is not None for x in o) else -1)')
  check "part $i: its bookmarks ($n) all point into it" "[ \"$n\" -ge 2 ]"
done
# catalog entries per part, read back with pikepdf: language, form fields, page labels
cat_of() {
  /usr/bin/python3 - "$1" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
r = pdf.Root
fields = [str(f.T) for f in r.AcroForm.Fields] if "/AcroForm" in r else []
on = [i + 1 for i, p in enumerate(pdf.pages) for a in p.obj.get("/Annots", []) if a.get("/FT") == "/Tx"]
nums = list(r.PageLabels.Nums) if "/PageLabels" in r else []
labels = [(int(nums[i]), str(nums[i + 1].get("/S")), int(nums[i + 1].get("/St", 1))) for i in range(0, len(nums), 2)]
print(str(r.get("/Lang")), fields, on, labels)
PY
}
check "part 1: language, field f2 on its page 2, labels i, ii then 1…" \
  "[ \"\$(cat_of \"$tmp/b/long_分冊1.pdf\")\" = \"ja-JP ['f2'] [2] [(0, '/r', 1), (2, '/D', 1)]\" ]"
check "part 2: language, only field f700 (on its page 100), labels from 599" \
  "[ \"\$(cat_of \"$tmp/b/long_分冊2.pdf\")\" = \"ja-JP ['f700'] [100] [(0, '/D', 599)]\" ]"
check "part 3: no form (its pages have no field), labels from 1199" \
  "[ \"\$(cat_of \"$tmp/b/long_分冊3.pdf\")\" = \"ja-JP [] [] [(0, '/D', 1199)]\" ]"
check "the output names one removed link for parts 1, 2 and 3, none for part 4" \
  "[ \$(grep -c '^  links into other parts removed: 1' \"$tmp/out.txt\") -eq 3 ] && ! tail -n 1 \"$tmp/out.txt\" | grep -q removed"
exit $fail
