#!/usr/bin/python3
"""Writes the sources of bench/clean.sh's realistic bundle into OUT:

  report.fodt   a report of CHAPTERS chapters (~10 A4 pages each) with figure
                and table captions; bench/clean.sh turns it into a PDF with
                LibreOffice (soffice --headless --convert-to pdf)
  data/*.xlsx   figure data made with openpyxl (creator a person's name, a
                hidden row, a comment: work for clean)
  data/*.csv    table data (one CP932, one of BIG_ROWS rows)

Usage: make_clean_bundle.py OUT [CHAPTERS] [BIG_ROWS]
"""
import csv
import os
import sys
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.comments import Comment

out = sys.argv[1]
chapters = int(sys.argv[2]) if len(sys.argv) > 2 else 20
big_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 50000
os.makedirs(os.path.join(out, "data"), exist_ok=True)

TOPICS = ["地域別出荷額", "業種別事業所数", "設備投資額", "従業者数", "輸出額", "研究開発費",
          "付加価値額", "原材料使用額", "エネルギー消費量", "労働生産性"]
SENT = ("本調査では、全国の製造事業所を対象として{t}の動向を整理し、"
        "過去十年間の推移と地域間の差異を分析した。その結果、{t}は第{c}章で述べるとおり"
        "緩やかな増加傾向にあり、特に中部地域と近畿地域において顕著な伸びが見られた。"
        "一方で、中小規模の事業所では設備の更新が遅れており、今後の課題として指摘できる。")

figures = []  # (kind, number, title)
body = []
for c in range(1, chapters + 1):
    t = TOPICS[(c - 1) % len(TOPICS)]
    body.append(f'<text:h text:style-name="Chapter" text:outline-level="1">'
                f'第{c}章 {escape(t)}の動向</text:h>')
    for p in range(70):
        body.append(f'<text:p text:style-name="Standard">{escape(SENT.format(t=t, c=c))}'
                    f'（{c}-{p + 1}）</text:p>')
        if p == 20 and c <= 6:
            figures.append(("図", f"{c}-1", f"{t}の推移"))
            body.append(f'<text:p text:style-name="Caption">図{c}-1 {escape(t)}の推移</text:p>')
        if p == 45 and c <= 3:
            figures.append(("表", f"{c}-1", f"{t}の内訳"))
            body.append(f'<text:p text:style-name="Caption">表{c}-1 {escape(t)}の内訳</text:p>')

toc = [f'<text:p text:style-name="TOC">{k}{n} {escape(ti)}</text:p>' for k, n, ti in figures]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "../fixtures/samples/lo_captions.fodt"), encoding="utf-8") as f:
    tmpl = f.read()
head = tmpl[:tmpl.index("<office:text>") + len("<office:text>")]
head = head.replace("キャプション抽出の検証用報告書", "令和6年度産業構造調査報告書（ベンチマーク）")
with open(os.path.join(out, "report.fodt"), "w", encoding="utf-8") as f:
    f.write(head)
    f.write('<text:h text:style-name="Heading_20_1" text:outline-level="1">図表目次</text:h>')
    f.write("\n".join(toc + body))
    f.write("</office:text></office:body></office:document>\n")

for k, n, ti in figures:
    if k == "図":
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "データ"
        ws.append(["年度", "地域", "区分", "値1", "値2", "値3", "値4", "備考"])
        for r in range(2000):
            ws.append([2014 + r % 10, f"地域{r % 9}", f"区分{r % 5}", r, r * 2, r * 3.5, r % 97, ""])
        ws.row_dimensions[5].hidden = True
        ws["B3"].comment = Comment("確認してください", "佐藤花子")
        wb.properties.creator = "山田太郎"
        # the third figure's file has a short name: clean renames it after its caption
        name = f"{k}{n}_{ti}.xlsx" if n != "3-1" else f"{k}{n}_データ.xlsx"
        wb.save(os.path.join(out, "data", name))
    else:
        rows = big_rows if n == "1-1" else 5000
        enc = "cp932" if n == "2-1" else "utf-8"
        with open(os.path.join(out, "data", f"{k}{n}_{ti}.csv"), "w", encoding=enc,
                  newline="") as f:
            w = csv.writer(f)
            w.writerow(["年度", "業種", "事業所数", "従業者数", "出荷額"])
            for r in range(rows):
                w.writerow([2014 + r % 10, f"業種{r % 24}", r % 1000, r % 5000, r * 13])
