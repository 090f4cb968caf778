#!/usr/bin/python3
"""The OCR test set: Japanese pages (horizontal, vertical, tables, English and
numbers mixed in) written as a text PDF by LibreOffice, then rendered to page
images (pdftoppm), some skewed, some at 200 dpi, some with JPEG noise (PIL), and
turned back into an image-only PDF with img2pdf. Writes into OUTDIR:
  text.pdf           the original (text layer)
  scan.pdf           every page as an image only
  NN.txt             the original text of page NN (pdftotext)
  NN.kind            how page NN was scanned (300, skew, 200, jpeg)
  NN.src             the text page NN was made from, paragraphs and table cells in
                     reading order (a check of pdftotext's order on the original)
usage: make_set.py OUTDIR [PAGES]"""
import io, os, random, re, subprocess, sys
from xml.sax.saxutils import escape, unescape

import img2pdf
from PIL import Image, ImageFilter

out = sys.argv[1]
n_pages = int(sys.argv[2]) if len(sys.argv) > 2 else 26
os.makedirs(out, exist_ok=True)
rnd = random.Random(15)

SENTENCES = [
    "本調査は、経済産業省の委託により、国内の中小企業における省エネルギー設備の導入状況を把握することを目的として実施した。",
    "調査対象は全国の製造業事業者１，２００社であり、有効回答数は８４７社、回収率は７０．６％であった。",
    "設備投資の判断においては、初期費用の回収期間が最も重視されており、回答者の半数以上が五年以内の回収を求めている。",
    "一方で、補助金制度の認知度は地域によって大きな差があり、特に地方部では情報提供の不足が課題として挙げられた。",
    "今後の政策課題として、専門人材の育成と、金融機関との連携による資金調達支援の強化が必要であると考えられる。",
    "第２章では、諸外国における先進事例を整理し、我が国の制度設計への示唆を検討する。",
    "ヒアリング調査は令和５年１０月から１２月にかけて実施し、合計３２の事業者及び支援機関から協力を得た。",
    "再生可能エネルギーの導入量は前年度比で１２．４％増加し、電力消費量に占める割合は２割を超えた。",
    "なお、本報告書における数値は、特に断りのない限り四捨五入しているため、合計が一致しない場合がある。",
    "事業者からは、手続きの簡素化と申請書類の電子化を求める意見が多く寄せられた。",
]
ENGLISH = [
    "The survey used the IEA World Energy Outlook 2023 as its baseline scenario.",
    "Data were collected via an online form (https://www.example.go.jp) between 2023-10-01 and 2023-12-15.",
    "CO2 emissions fell by 3.2% year on year, to 1,085 million tonnes.",
    "Key terms: ESG, GX (Green Transformation), DX, SDGs, and PPA contracts.",
]
VERTICAL = [
    "我が国の産業構造は、人口減少と高齢化の進展により大きな転換期を迎えている。",
    "地域経済の持続的な発展のためには、中小企業の生産性向上が欠かせない。",
    "本章では、こうした問題意識のもと、各地域の取組事例を紹介する。",
    "事業承継の円滑化は、雇用の維持と技術の継承の観点からも重要な課題である。",
    "調査の結果、多くの事業者が人手不足を経営上の最大の課題として挙げた。",
    "行政と民間が連携し、地域の実情に応じた支援策を講じることが求められる。",
]
ROWS = [("北海道", "１２３", "４５．６"), ("東北", "２３４", "５６．７"), ("関東", "１，０２４", "６１．２"),
        ("中部", "５６７", "４９．８"), ("近畿", "８９０", "５８．３"), ("中国", "２１０", "４４．１"),
        ("四国", "９８", "３９．５"), ("九州", "４５６", "５２．９")]


def para(style, text):
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>\n'


def page_content(i):
    """(master page, body xml) for page i; every page starts with a heading."""
    kind = i % 6
    body = ""
    if kind == 4:  # vertical writing
        paras = rnd.sample(VERTICAL, 4)
        body += para("V", f"第{i + 1}節　地域経済の現状")
        for p in paras:
            body += para("V", p)
        return "Vert", body
    body += para("H1", f"{i + 1}．{['調査の概要', '調査結果', '事例分析', '国際比較', '縦書き', '今後の課題'][kind]}")
    if kind == 2:  # a table
        body += para("P", "表１　地域別の回答事業者数と導入率（単位：社、％）")
        body += '<table:table table:name="T%d" table:style-name="Tab"><table:table-column table:number-columns-repeated="3"/>\n' % i
        for row in [("地域", "事業者数", "導入率")] + rnd.sample(ROWS, 6):
            body += "<table:table-row>" + "".join(
                f'<table:table-cell table:style-name="Cell" office:value-type="string">{para("P", c)}</table:table-cell>'
                for c in row) + "</table:table-row>\n"
        body += "</table:table>\n"
        body += para("P", rnd.choice(SENTENCES))
        return "Std", body
    n = 5 if kind != 3 else 3
    for s in rnd.sample(SENTENCES, n):
        body += para("P", s)
    if kind in (1, 3, 5):
        for e in rnd.sample(ENGLISH, 2 if kind != 3 else 3):
            body += para("P", e)
    return "Std", body


pages = []
for i in range(n_pages):
    master, body = page_content(i)
    style = "First" + master
    # a paragraph style per page carries the page break and its master page
    pages.append((i, master, body))
    with open(os.path.join(out, "%02d.src" % (i + 1)), "w", encoding="utf-8") as f:
        f.write("\n".join(unescape(t) for t in re.findall(r">([^<]*)</text:p>", body)) + "\n")

styles_auto = ""
body_xml = ""
for i, master, body in pages:
    styles_auto += (f'<style:style style:name="B{i}" style:family="paragraph" style:parent-style-name="{"V" if master == "Vert" else "H1"}" '
                    f'style:master-page-name="{master}"><style:paragraph-properties fo:break-before="page"/></style:style>\n')
    # first paragraph of the page gets the break style
    first_end = body.index("</text:p>")
    start = body.index('text:style-name="') + len('text:style-name="')
    stop = body.index('"', start)
    body = body[:start] + f"B{i}" + body[stop:]
    body_xml += body

fodt = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="IPAMincho" svg:font-family="IPAMincho" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
 <style:font-face style:name="IPAGothic" svg:font-family="IPAGothic" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <style:style style:name="P" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.25cm" fo:line-height="150%"/>
  <style:text-properties style:font-name="IPAMincho" fo:font-size="11pt" style:font-name-asian="IPAMincho" style:font-size-asian="11pt"/>
 </style:style>
 <style:style style:name="H1" style:family="paragraph" style:parent-style-name="P">
  <style:text-properties style:font-name="IPAGothic" fo:font-size="14pt" style:font-name-asian="IPAGothic" style:font-size-asian="14pt"/>
 </style:style>
 <style:style style:name="V" style:family="paragraph" style:parent-style-name="P">
  <style:text-properties fo:font-size="12pt" style:font-size-asian="12pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="LStd"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2.5cm" fo:margin-bottom="2.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm" style:writing-mode="lr-tb"/></style:page-layout>
 <style:page-layout style:name="LVert"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2.5cm" fo:margin-bottom="2.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm" style:writing-mode="tb-rl"/></style:page-layout>
 <style:style style:name="Tab" style:family="table"><style:table-properties style:width="16cm" table:align="left"/></style:style>
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>
 {styles_auto}
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Std" style:page-layout-name="LStd"/>
 <style:master-page style:name="Vert" style:page-layout-name="LVert"/>
</office:master-styles>
<office:body><office:text>
{body_xml}
</office:text></office:body></office:document>
'''
src = os.path.join(out, "text.fodt")
with open(src, "w", encoding="utf-8") as f:
    f.write(fodt)
profile = "file://" + os.path.abspath(os.path.join(out, "lo-profile"))
subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf",
                "--outdir", out, src], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
text_pdf = os.path.join(out, "text.pdf")
info = subprocess.run(["pdfinfo", text_pdf], check=True, capture_output=True, text=True).stdout
total = int([l for l in info.splitlines() if l.startswith("Pages:")][0].split()[1])

# 7 kinds against 6 page layouts: every layout meets every kind of scan
KINDS = ["300", "skew", "300", "jpeg", "300", "200", "skew"]
images = []
for p in range(1, total + 1):
    txt = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-enc", "UTF-8", text_pdf, "-"],
                         check=True, capture_output=True, text=True).stdout
    with open(os.path.join(out, "%02d.txt" % p), "w", encoding="utf-8") as f:
        f.write(txt)
    kind = KINDS[(p - 1) % len(KINDS)]
    dpi = 200 if kind == "200" else 300
    png = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(p), "-l", str(p), text_pdf],
                         check=True, capture_output=True).stdout
    im = Image.open(io.BytesIO(png)).convert("L")
    buf = io.BytesIO()
    if kind == "skew":
        angle = rnd.choice([-1.8, -1.2, 1.2, 1.8])
        im = im.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        im.save(buf, "PNG", dpi=(dpi, dpi))
    elif kind == "jpeg":
        im = im.filter(ImageFilter.GaussianBlur(0.6))
        noise = Image.effect_noise(im.size, 24)
        im = Image.blend(im, noise, 0.12)
        im.save(buf, "JPEG", quality=55, dpi=(dpi, dpi))
    else:
        im.save(buf, "PNG", dpi=(dpi, dpi))
    with open(os.path.join(out, "%02d.kind" % p), "w") as f:
        f.write(kind + "\n")
    images.append(buf.getvalue())
with open(os.path.join(out, "scan.pdf"), "wb") as f:
    f.write(img2pdf.convert(images))
print(total)
