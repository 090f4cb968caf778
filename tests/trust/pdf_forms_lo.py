# A LibreOffice report with what its PDF export carries along: a comment by
# 山田 太郎 with a phone number (ExportNotes), a text field holding 伊藤 五郎 and
# a ticked check box (ExportFormFields), headings (bookmarks, which stay), a
# link to www.meti.go.jp (a near miss), a link whose address carries an e-mail
# address and a phone number (not shown), a mailto link showing its own
# address (a near miss for the hidden address), white text naming a person (hidden text), and a
# person as author. Usage: pdf_forms_lo.py OUT.fodt
import sys
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/"')
body = [
    '<text:h text:outline-level="1">第1章 調査の概要</text:h>',
    '<text:p>本章では調査の概要を示す。<office:annotation><dc:creator>山田 太郎</dc:creator>'
    '<dc:date>2026-11-01T10:00:00</dc:date><text:p>この段落は要確認（山田 090-1111-2222）</text:p>'
    '</office:annotation>調査は全国を対象とした。</text:p>',
    '<text:p>申込者氏名：<draw:control text:anchor-type="as-char" draw:control="c1" svg:width="6cm" svg:height="0.8cm"/></text:p>',
    '<text:p>同意する：<draw:control text:anchor-type="as-char" draw:control="c2" svg:width="0.6cm" svg:height="0.6cm"/></text:p>',
    '<text:p>集計方法は前年と同じである。<text:span text:style-name="W">回答者 佐々木 次郎 090-7777-8888</text:span></text:p>',
    '<text:h text:outline-level="1">第2章 結果</text:h>',
    '<text:p>詳しくは<text:a xlink:type="simple" xlink:href="https://www.meti.go.jp/">経済産業省のウェブサイト</text:a>を参照。</text:p>',
    '<text:p>回答は<text:a xlink:type="simple" xlink:href="https://example.com/form?user=yamada.taro@example.co.jp&amp;tel=090-1234-5678">回答フォーム</text:a>から。</text:p>',
    '<text:p>連絡先：<text:a xlink:type="simple" xlink:href="mailto:sato.hanako@example.co.jp">sato.hanako@example.co.jp</text:a></text:p>',
]
forms = ('<office:forms form:automatic-focus="false" form:apply-design-mode="false"><form:form form:name="Standard">'
         '<form:text form:name="applicant" form:id="c1" form:current-value="伊藤 五郎" form:value="伊藤 五郎"><form:properties/></form:text>'
         '<form:checkbox form:name="agree" form:id="c2" form:current-state="checked" form:state="checked"/>'
         '</form:form></office:forms>')
open(sys.argv[1], "w", encoding="utf-8").write(f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>令和6年度 調査報告書</dc:title><meta:initial-creator>山田 太郎</meta:initial-creator><dc:creator>山田 太郎</dc:creator></office:meta>
<office:automatic-styles><style:style style:name="W" style:family="text"><style:text-properties fo:color="#ffffff"/></style:style></office:automatic-styles>
<office:body><office:text>{forms}{"".join(body)}</office:text></office:body></office:document>''')
