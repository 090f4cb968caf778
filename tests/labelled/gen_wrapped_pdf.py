#!/usr/bin/python3
"""Wrapped-line PDF cases: one case per page of a Writer document (.fodt) that
LibreOffice turns into a PDF. A narrow text column makes LibreOffice wrap each
paragraph; the prefix length varies so the personal value breaks at different
places (inside a city name, inside a digit run, after a hyphen, at an e-mail's
'@' or '.'). Writes OUT.fodt and OUT.labels (page<TAB>kinds, '-' for none).
Usage: gen_wrapped_pdf.py OUT"""
import sys
from xml.sax.saxutils import escape

out = sys.argv[1]
pref = ["埼玉県さいたま市浦和区高砂三丁目12番5号", "神奈川県横浜市港北区日吉本町四丁目8番21号",
        "大阪府大阪市北区梅田一丁目3番1号", "北海道札幌市中央区南一条西五丁目17番2号",
        "福岡県福岡市博多区博多駅前二丁目9番30号"]
lead = ["報告者は", "本件の聞き取りに協力いただいた方は、", "なお、当日の連絡係は",
        "調査票によると、対象者の", "参考までに記すと、当該職員の"]
pad = ["", "今回の現地調査において", "二〇二三年度の実証事業に関する補足として", "委員会での議論を踏まえ、",
       "関係者からの聞き取りの結果、"]
cases = []  # (kinds, paragraph)
n = 0
# A filler whose length sweeps the break point across each value.
FILL = "今回の現地調査において実施した聞き取りの結果を踏まえ、"
for i in range(20):
    p = FILL[:i]
    cases.append(("ADDR", f"{p}{lead[i % 5]}{pref[i % 5]}在住であり、事業の説明会にも出席した。"))
for i in range(20):
    p = FILL[:i]
    num = ["090", "080", "070"][i % 3] + f"-{1234 + i * 111:04d}-{5678 + i * 37:04d}"
    cases.append(("PHONE", f"{p}問い合わせの際は、担当した職員の携帯電話 {num} に直接連絡するよう指示があった。"))
for i in range(20):
    p = FILL[:i]
    local = ["taro.yamada", "hanako_sato", "k.suzuki1985", "ichiro-takahashi", "m.tanaka.home"][i % 5]
    dom = ["example-mail.co.jp", "gmail.com", "yahoo.co.jp", "nifty.com", "ocn.ne.jp"][i % 5]
    cases.append(("EMAIL", f"{p}調査協力者の個人アドレス {local}@{dom} 宛に、回答の控えを送付したとの記録が残っている。"))
for i in range(20):
    p = FILL[: i + 2]
    y = 1945 + i * 3
    cases.append(("BIRTH", f"{p}面談記録には、相談者本人の生年月日が{y}年{1 + i % 12}月{3 + i % 25}日であることが記載されていた。"))
for i in range(4):
    p = pad[i % 5][: 4 + i * 3]
    cases.append(("NAME", f"{p}本日の会議には、外部有識者として山田太郎様、佐藤花子様、鈴木一郎様、高橋健太様にご出席いただいた。"))
for i in range(4):
    p = pad[(i + 1) % 5][: 2 + i * 3]
    cases.append(("ADDR,PHONE", f"{p}連絡先として、{pref[(i + 2) % 5]}、電話 090-{2345 + i:04d}-{6789 - i:04d} が申請書に書かれていた。"))
# Near misses: public addresses, desk numbers, role addresses, deadlines, ages.
miss = [
    "本事業の事務局は、東京都千代田区霞が関一丁目3番1号 経済産業省 別館5階に置かれており、窓口の受付時間は平日の9時から17時までである。",
    "説明会の会場は、大阪府大阪市中央区大手前一丁目5番44号 大阪合同庁舎第1号館 第1会議室であり、定員は100名である。",
    "お問い合わせは、事務局代表電話 03-3501-1511（受付時間は平日9時から17時）までお願いいたします。",
    "質問は、事務局の共通アドレス info@meti-jimukyoku.example.jp までお送りください。回答は順次公表します。",
    "提出期限は2035年4月1日であり、期限を過ぎた提出物は受け付けない。詳細は公募要領を参照のこと。",
    "対象者の年齢構成は、20歳代が12.5%、30歳代が18.2%、40歳代が25.1%、50歳代が22.4%であった。",
    "調査対象事業所数は1,234,567件であり、そのうち有効回答は987,654件（回収率80.0%）であった。",
    "株式会社山田製作所（本社：愛知県名古屋市中村区名駅四丁目7番1号）は、本事業の再委託先である。",
    "図3-2に示すとおり、2019年度から2023年度にかけて輸出量は増加し、2023年度には12,345トンに達した。",
    "報告書の作成にあたっては、委員長をはじめ委員の皆様から多大なご協力をいただいた。ここに記して感謝する。",
]
for i in range(80):
    p = FILL[: i % 23]
    cases.append(("-", p + miss[i % 10]))

para = lambda t: f'<text:p text:style-name="P">{escape(t)}</text:p>'
pages = []
for k, (kinds, text) in enumerate(cases):
    style = "B" if k else "P"
    pages.append(f'<text:p text:style-name="{style}">{escape(text)}</text:p>')
doc = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls/>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:text-properties fo:font-size="10.5pt" style:font-name-asian="Noto Sans CJK JP" fo:language="ja" fo:country="JP"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="14cm" fo:page-height="10cm"
   fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>
 <style:style style:name="P" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="B" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:break-before="page"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>{"".join(pages)}</office:text></office:body></office:document>
'''
open(out + ".fodt", "w").write(doc)
with open(out + ".labels", "w") as f:
    for k, (kinds, _) in enumerate(cases):
        f.write(f"{k + 1}\t{kinds}\n")
