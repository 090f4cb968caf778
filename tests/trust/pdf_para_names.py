# Names at the end of a PDF line, as LibreOffice lays out a report: a form line
# whose spaced label poppler splits at the wide gap (氏　　名 / 加藤 大輔) and a
# paragraph ending in a name (担当者 中村 正樹), each followed by a paragraph
# that starts with kanji (本調査…); a name wrapped inside itself at the line end
# (佐藤 健太 / 郎様, 高 / 橋 健太郎様); an address wrapped in a sentence.
# Page width and the prefixes decide where LibreOffice wraps (17 cm, default
# fonts). Usage: pdf_para_names.py OUT.fodt
import sys
SENT = "本調査では、ヒアリング対象者として株式会社サンプル製作所の代表取締役である{}様から詳しくお話を伺い、その内容を取りまとめたものである。"
paras = [
    "受講申込書　氏\u3000\u3000名\u3000加藤 大輔",
    "本調査の結果を以下に示す。調査対象は全国の事業所であり、回答率は前年を上回った。",
    "ヒアリングの聞き手は株式会社テスト総研の調査員である担当者 中村 正樹",
    "本調査の対象期間は令和6年4月から令和7年3月までであり、前年と同じである。",
    "令和の" + SENT.format("佐藤 健太郎"),
    "令和六年度の" + SENT.format("高橋 健太郎"),
    "事業所の所在地は東京都港区芝公園四丁目2番8号であり、従業者数は120人である。本調査の対象である。",
]
body = "".join(f"<text:p>{p}</text:p>" for p in paras)
open(sys.argv[1], "w", encoding="utf-8").write(f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>調査報告書</dc:title></office:meta>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>{body}</office:text></office:body></office:document>''')
