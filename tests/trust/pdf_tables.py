# A report as contractors write it in LibreOffice: a table of interviewees under
# a 氏名 header (names with and without a space, an e-mail address wrapped in its
# narrow cell, phone numbers), a form line with the label spaced out (氏　　名), a footer with an e-mail address, and near misses:
# a paragraph right after the table, a table of cherry varieties (佐藤錦) under a
# 品種 header, and a statistics table (OUT.fodt); the same report without the
# tables after the first one (OUT-short.fodt), where poppler puts the wrapped
# cell's tail after the footer. Usage: pdf_tables.py OUT.fodt
import sys
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def cell(t):
    return f"<table:table-cell><text:p>{t}</text:p></table:table-cell>"


def table(name, header, rows):
    out = [f'<table:table table:name="{name}" table:style-name="T1"><table:table-column table:number-columns-repeated="{len(header)}"/>']
    for r in [header] + rows:
        out.append("<table:table-row>" + "".join(cell(c) for c in r) + "</table:table-row>")
    return "".join(out) + "</table:table>"


body = [
    '<text:h text:outline-level="1">第3章 ヒアリング調査</text:h>',
    "<text:p>本調査では、ヒアリング対象者として株式会社サンプル製作所の代表取締役である佐藤 健太郎様（東京都港区芝公園四丁目2番8号在住、電話 080-1234-5678）から詳しくお話を伺い、その内容を以下に取りまとめたものである。</text:p>",
    "<text:p>表3-1 ヒアリング対象者一覧</text:p>",
    table("T1", ["No.", "氏名", "所属", "連絡先"], [
        ["1", "中村 正樹", "株式会社サンプル製作所 営業部", "03-6789-0123"],
        ["2", "小林美咲", "一般社団法人テスト協会", "kobayashi@example.or.jp"],
        ["3", "渡辺 大輔", "テスト大学 工学部", "090-8765-4321"]]),
    "<text:p>個人番号 1234 5678 9018 は記載例である。</text:p>",
    "<text:p>受講申込書　氏\u3000\u3000名\u3000加藤 大輔</text:p>",
    "<text:p>本調査の結果を以下に示す。調査対象は全国の事業所であり、回答率は前年を上回った。</text:p>",
    "<text:p>表3-2 品種別出荷量</text:p>",
    table("T2", ["品種", "産地", "出荷量（t）"], [["佐藤錦", "山形県", "9,870"], ["紅秀峰", "山形県", "1,230"]]),
    "<text:p>表3-3 産業別事業所数</text:p>",
    table("T3", ["産業", "事業所数", "従業者数"], [["食料品製造業", "23,456", "1,123,456"], ["化学工業", "4,567", "381,234"]]),
]
def document(body):
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>令和6年度 調査報告書</dc:title><dc:creator>株式会社テスト総研</dc:creator></office:meta>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:header-style/><style:footer-style/></style:page-layout>
<style:style style:name="T1" style:family="table"><style:table-properties style:width="17cm"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p>作成：株式会社テスト総研（090-2222-3333）</text:p></style:header><style:footer><text:p>連絡先 sato.hanako@example.co.jp</text:p></style:footer></style:master-page></office:master-styles>
<office:body><office:text>{"".join(body)}</office:text></office:body></office:document>'''


open(sys.argv[1], "w", encoding="utf-8").write(document(body))
open(sys.argv[1].replace(".fodt", "-short.fodt"), "w", encoding="utf-8").write(document(body[:5]))
