#!/usr/bin/python3
"""A Japanese PDF as older tools wrote them: a Type0 font with a predefined CMap
(90ms-RKSJ-H: Shift_JIS bytes, or UniJIS-UCS2-H: UCS-2), the CID font
(Adobe-Japan1) not embedded. Poppler maps its text only with poppler-data.
Usage: gen_cmap_pdf.py OUT.pdf CMAP"""
import sys

out, cmap = sys.argv[1], sys.argv[2]
lines = ["経済産業省 委託調査報告書", "第1章 調査の概要", "本調査は、水銀の輸出量の推移を分析したものである。"]
enc = "cp932" if "RKSJ" in cmap else "utf-16-be"
ops = ["BT", "/F1 14 Tf", "72 760 Td", "18 TL"]
for t in lines:
    ops.append("<" + t.encode(enc).hex() + "> Tj T*")
ops.append("ET")
content = "\n".join(ops).encode()
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ("<< /Type /Font /Subtype /Type0 /BaseFont /Ryumin-Light-%s /Encoding /%s /DescendantFonts [6 0 R] >>"
     % (cmap, cmap)).encode(),
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Ryumin-Light /CIDSystemInfo << /Registry (Adobe) "
    b"/Ordering (Japan1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
    b"<< /Type /FontDescriptor /FontName /Ryumin-Light /Flags 6 /FontBBox [-170 -331 1024 903] "
    b"/ItalicAngle 0 /Ascent 723 /Descent -241 /CapHeight 709 /StemV 69 >>",
    b"<< /Title (cmap test) /Producer (gen_cmap_pdf.py) >>",
]
pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(pdf))
    pdf += b"%d 0 obj\n" % i + o + b"\nendobj\n"
x = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    pdf += b"%010d 00000 n \n" % o
pdf += b"trailer\n<< /Size %d /Root 1 0 R /Info 8 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(out, "wb").write(pdf)
