#!/bin/bash
# PDF-HIDDEN-TEXT's pre-filter (src/readers/pdf_paint.c) skips rendering pages whose
# fills lie under text in a contrasting colour. A LibreOffice document with one case
# per page: (1) a dark header row with white text and grey shaded cells with black
# text — no finding, and the page is not rendered; (2) a white rectangle drawn over a
# sentence, (3) light grey text on a grey cell, (4) white text on the page beside a
# shaded cell — each a finding on its page; the black text in the same grey cell (3)
# and the shaded cell (4) are near misses that must not be listed.
set -euo pipefail
command -v soffice >/dev/null || { echo "soffice missing"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat >"$T/c.fodt" <<'EOF2'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:text-properties fo:font-size="11pt" style:font-name="Liberation Serif"/>
 </style:style>
 <style:style style:name="Brk" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Head" style:family="table-cell">
  <style:table-cell-properties fo:background-color="#1f3864" fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>
 </style:style>
 <style:style style:name="Shade" style:family="table-cell">
  <style:table-cell-properties fo:background-color="#d9d9d9" fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>
 </style:style>
 <style:style style:name="White" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:color="#ffffff"/>
 </style:style>
 <style:style style:name="Grey" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:color="#c8c8c8"/>
 </style:style>
 <style:style style:name="Cover" style:family="graphic">
  <style:graphic-properties draw:fill="solid" draw:fill-color="#ffffff" draw:stroke="none"
    style:wrap="run-through" style:run-through="foreground" style:vertical-pos="from-top"
    style:vertical-rel="paragraph" style:horizontal-pos="from-left" style:horizontal-rel="paragraph"/>
 </style:style>
</office:automatic-styles>
<office:body><office:text>
<text:p text:style-name="Standard">Page one: shaded table cells under text, nothing hidden.</text:p>
<table:table table:name="T1"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell table:style-name="Head" office:value-type="string"><text:p text:style-name="White">Region</text:p></table:table-cell>
<table:table-cell table:style-name="Head" office:value-type="string"><text:p text:style-name="White">Demand</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:style-name="Shade" office:value-type="string"><text:p text:style-name="Standard">Kanto</text:p></table:table-cell>
<table:table-cell table:style-name="Shade" office:value-type="string"><text:p text:style-name="Standard">1,234</text:p></table:table-cell></table:table-row>
</table:table>
<text:p text:style-name="Brk">Page two: the sentence below is under a white rectangle.</text:p>
<text:p text:style-name="Standard"><draw:rect draw:style-name="Cover" text:anchor-type="paragraph" svg:x="0cm" svg:y="-0.1cm" svg:width="14cm" svg:height="0.8cm"/>Redacted payroll figures for Tanaka branch remain here</text:p>
<text:p text:style-name="Brk">Page three: grey text on a grey cell.</text:p>
<table:table table:name="T3"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell table:style-name="Shade" office:value-type="string"><text:p text:style-name="Grey">Concealed memo text</text:p></table:table-cell>
<table:table-cell table:style-name="Shade" office:value-type="string"><text:p text:style-name="Standard">Visible figures</text:p></table:table-cell></table:table-row>
</table:table>
<text:p text:style-name="Brk">Page four: white text on the white page, beside a shaded cell.</text:p>
<table:table table:name="T4"><table:table-column table:number-columns-repeated="1"/>
<table:table-row><table:table-cell table:style-name="Shade" office:value-type="string"><text:p text:style-name="Standard">Shaded</text:p></table:table-cell></table:table-row>
</table:table>
<text:p text:style-name="White">Whitened internal remark</text:p>
</office:text></office:body></office:document>
EOF2
(cd "$T" && HOME="$T" timeout 180 soffice --headless --convert-to pdf c.fodt >/dev/null 2>&1)
# The premise, checked with poppler and qpdf: four pages, every sentence in the text
# layer, fills (re … f*) under the text of page 1 and drawn before it.
[ "$(pdfinfo "$T/c.pdf" | awk '/^Pages:/{print $2}')" = 4 ]
qpdf --check "$T/c.pdf" >/dev/null
for s in Region Kanto 'Redacted payroll' 'Concealed memo' 'Visible figures' 'Whitened internal'; do
    pdftotext "$T/c.pdf" - | grep -q "$s" || { echo "premise: '$s' not in the text layer"; exit 1; }
done
qpdf --qdf --object-streams=disable "$T/c.pdf" - | /usr/bin/python3 -c '
import re, sys
d = sys.stdin.buffer.read().decode("latin1")
p1 = d[d.index("%% Contents for page 1"):]
p1 = p1[:p1.index("endstream")]
assert re.search(r"\bre\s+f\*", p1) and p1.index(" f*") < p1.index("BT"), "page 1 fills not before text"
'
NOHIN_DEBUG_HIDDEN=1 "$NOHIN_BIN" lint -q --lang en --format json "$T/c.pdf" >"$T/r.json" 2>"$T/err" || true
# Pages 2-4 rendered (each may hide text), page 1 not.
grep -q 'c.pdf: 3 of 4 pages rendered' "$T/err" || { cat "$T/err"; exit 1; }
/usr/bin/python3 - "$T/r.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
hid = [(f["location"].get("page"), f["evidence"]) for f in d["findings"] if f["rule"] == "PDF-HIDDEN-TEXT"]
pages = sorted(p for p, _ in hid)
assert pages == [2, 3, 4], hid
ev = dict(hid)
assert ev[3].startswith("reason=covered words=3 text=C"), ev[3]  # "Concealed memo text" only
assert ev[4].startswith("reason=white words=3 text=W"), ev[4]   # "Whitened internal remark" only
assert "words=8" in ev[2], ev[2]                                 # the covered sentence
PYEOF
echo ok
