#!/usr/bin/python3
"""A Writer table of label | value rows (出張者一覧), one value per kind, and a
near-miss table whose 氏名 cell holds a company; LibreOffice turns the .fodt
into the .docx (and .pdf) the test lints. With "near", a company's table:
氏名 over a company, 設立年月日 (a founding date, not a birth date), nothing
personal. Usage: gen_docx_table.py OUT.fodt [near]"""
import sys
from xml.sax.saxutils import escape

rows = [("氏名", "山田太郎"), ("生年月日", "1985年4月12日"), ("旅券番号", "TK1234567"),
        ("携帯電話", "090-1234-5678"), ("所属", "株式会社テスト総研"), ("出張者", "佐藤 花子"),
        ("氏名", "株式会社山田製作所"), ("生年月日", ""), ("年齢階級", "30～39歳")]
if sys.argv[2:] == ["near"]:
    rows = [("氏名", "株式会社山田製作所"), ("設立年月日", "1985年4月12日"),
            ("所属", "株式会社テスト総研"), ("年齢階級", "30～39歳")]
def row(a, b):
    return ('<table:table-row><table:table-cell office:value-type="string"><text:p>%s</text:p>'
            '</table:table-cell><table:table-cell office:value-type="string"><text:p>%s</text:p>'
            '</table:table-cell></table:table-row>' % (escape(a), escape(b)))
doc = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text><text:p>出張者一覧</text:p><table:table table:name="T1">
<table:table-column table:number-columns-repeated="2"/>%s</table:table></office:text></office:body>
</office:document>''' % "".join(row(a, b) for a, b in rows)
open(sys.argv[1], "w", encoding="utf-8").write(doc)
