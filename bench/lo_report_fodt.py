#!/usr/bin/python3
"""Writes a flat ODF text document laid out like a real report, for LibreOffice to
turn into a PDF (soffice --headless --convert-to pdf): one section per page with a
heading, body paragraphs, a table with a shaded header row (white text on a dark
fill) and shaded cells, a framed note with a light fill, and every fourth page a
PNG figure with a caption. Page header and footer as reports have them.
Usage: lo_report_fodt.py OUT.fodt [SECTIONS]"""
import base64
import struct
import sys
import zlib


def png(w, h):
    """A small bar chart: coloured bars on a light grid."""
    rows = []
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            bar = (x // 20) % 5
            top = h - 10 - (bar + 1) * (h - 20) // 6
            if y >= top and y < h - 10 and x % 20 < 14:
                row += bytes([40 + bar * 40, 90, 200 - bar * 30])
            elif y % 20 == 0:
                row += bytes([210, 210, 210])
            else:
                row += bytes([250, 250, 250])
        rows.append(bytes(row))

    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


WORDS = ("the survey results of each prefecture were compared with the previous fiscal year "
         "and the committee reviewed the method the data sources and the estimates for small "
         "enterprises energy use trade balance regional demand and employment").split()


def sentence(i, n):
    w = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(n)]
    return " ".join(w).capitalize() + "."


def main():
    out = sys.argv[1]
    sections = int(sys.argv[2]) if len(sys.argv) > 2 else 1001
    img = base64.b64encode(png(240, 140)).decode()
    o = []
    o.append("""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.1cm"/>
  <style:text-properties fo:font-size="10.5pt" style:font-name="Liberation Serif"/>
 </style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
   style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.3cm" fo:break-before="page"/>
  <style:text-properties fo:font-size="16pt" fo:font-weight="bold" fo:color="#1f3864"/>
 </style:style>
 <style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="9pt" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Note" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:background-color="#fff2cc" fo:padding="0.15cm"
    fo:border="0.5pt solid #bf9000"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Tbl" style:family="table">
  <style:table-properties style:width="16cm" table:align="left"/>
 </style:style>
 <style:style style:name="Head" style:family="table-cell">
  <style:table-cell-properties fo:background-color="#1f3864" fo:padding="0.08cm"
    fo:border="0.5pt solid #000000"/>
 </style:style>
 <style:style style:name="Shade" style:family="table-cell">
  <style:table-cell-properties fo:background-color="#d9e2f3" fo:padding="0.08cm"
    fo:border="0.5pt solid #000000"/>
 </style:style>
 <style:style style:name="Plain" style:family="table-cell">
  <style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #000000"/>
 </style:style>
 <style:style style:name="HeadText" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:color="#ffffff" fo:font-weight="bold" fo:font-size="9.5pt"/>
 </style:style>
 <style:style style:name="CellText" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="9.5pt"/>
 </style:style>
 <style:style style:name="Fig" style:family="graphic">
  <style:graphic-properties style:wrap="none" style:vertical-pos="top" style:horizontal-pos="center"/>
 </style:style>
 <style:page-layout style:name="PL">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
    fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="PL">
  <style:header><text:p text:style-name="Caption">Annual survey report (FY2025) — draft for publication</text:p></style:header>
  <style:footer><text:p text:style-name="Caption">Page <text:page-number text:select-page="current"/></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
""")
    for s in range(sections):
        o.append('<text:h text:style-name="Heading_20_1" text:outline-level="1">%d. Results for region %d</text:h>\n'
                 % (s + 1, s + 1))
        for p in range(3):
            o.append('<text:p text:style-name="Standard">%s %s %s</text:p>\n'
                     % (sentence(s + p, 14), sentence(s + p + 1, 11), sentence(s + p + 2, 16)))
        o.append('<table:table table:name="T%d" table:style-name="Tbl">'
                 '<table:table-column table:number-columns-repeated="4"/>\n' % s)
        o.append("<table:table-row>")
        for h in ("Item", "FY2024", "FY2025", "Change"):
            o.append('<table:table-cell table:style-name="Head" office:value-type="string">'
                     '<text:p text:style-name="HeadText">%s</text:p></table:table-cell>' % h)
        o.append("</table:table-row>\n")
        for r in range(6):
            o.append("<table:table-row>")
            for c in range(4):
                st = "Shade" if r % 2 == 1 or c == 0 else "Plain"
                v = WORDS[(s + r * 4 + c) % len(WORDS)] if c == 0 else "%d,%03d" % ((s * 7 + r) % 900 + 1, (r * 131 + c * 17) % 1000)
                o.append('<table:table-cell table:style-name="%s" office:value-type="string">'
                         '<text:p text:style-name="CellText">%s</text:p></table:table-cell>' % (st, v))
            o.append("</table:table-row>\n")
        o.append("</table:table>\n")
        o.append('<text:p text:style-name="Note">Note: %s</text:p>\n' % sentence(s, 18))
        if s % 4 == 0:
            o.append('<text:p text:style-name="Standard"><draw:frame draw:style-name="Fig" draw:name="F%d" '
                     'text:anchor-type="as-char" svg:width="8cm" svg:height="4.6cm"><draw:image>'
                     '<office:binary-data>%s</office:binary-data></draw:image></draw:frame></text:p>\n'
                     % (s, img))
            o.append('<text:p text:style-name="Caption">Figure %d. Demand by sector, region %d</text:p>\n'
                     % (s // 4 + 1, s + 1))
        o.append('<text:p text:style-name="Standard">%s %s</text:p>\n' % (sentence(s + 5, 15), sentence(s + 9, 12)))
    o.append("</office:text></office:body></office:document>\n")
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(o))


main()
