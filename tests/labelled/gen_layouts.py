#!/usr/bin/python3
"""Figure data in the layouts ministries publish (総務省 統一ルール): title and
unit rows, a blank row, the header (one or two levels), data with ▲ negatives,
'-', '…', 'x' placeholders and 年度 columns, a blank row and notes (出典, 注,
資料, ※), sometimes a chart beside the data. Writes OUT/ok/*.xlsx (openpyxl;
the script converts some with LibreOffice), OUT/ok/*.csv (header and data,
as ministries publish CSV) and OUT/bad/*.xlsx, each with one planted violation
listed in OUT/expect (file<TAB>rule<TAB>location as nohin's JSON gives it).
Usage: gen_layouts.py OUT"""
import os, sys, io
import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment

out = sys.argv[1]
os.makedirs(out + "/ok", exist_ok=True)
os.makedirs(out + "/bad", exist_ok=True)
regions = ["北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州・沖縄"]
years = [2018, 2019, 2020, 2021, 2022]
titles = [("図2-1 水銀輸出量の推移", "（単位：トン）"), ("表3 地域別の事業所数", "（単位：事業所）"),
          ("図4-2 研究開発費の推移", "単位：百万円"), ("参考表1 品目別輸入額", "（単位：千円）")]
notes = [["出典：財務省「貿易統計」を基に作成"], ["注1：2022年度は速報値。", "注2：▲は減少を示す。"],
         ["資料：経済産業省「工業統計調査」"], ["※四捨五入のため合計は一致しない場合がある。"],
         ["(注) x は秘匿、- は該当なし、… は不詳を示す。"]]

def fill(ws, variant, start):
    """Header and data from row start; returns (first data row, last row, ncols)."""
    r = start
    two_level = variant % 3 == 1
    year_head = [f"{y}年度" for y in years] if variant % 2 else years
    if two_level:
        ws.cell(r, 1, "地域")
        ws.cell(r, 2, "輸出量（トン）")
        ws.cell(r, 2 + len(years), "輸入量（トン）")
        r += 1
        for i, y in enumerate(year_head + year_head):
            ws.cell(r, 2 + i, y)
        ncols = 1 + 2 * len(years)
    else:
        ws.cell(r, 1, "地域")
        for i, y in enumerate(year_head):
            ws.cell(r, 2 + i, y)
        ncols = 1 + len(years)
    r += 1
    first = r
    for k, reg in enumerate(regions):
        ws.cell(r, 1, reg)
        for c in range(2, ncols + 1):
            v = ((k + 3) * (c + 5) * 37) % 900 - (150 if (k + c) % 5 == 0 else 0)
            if (k * 7 + c + variant) % 17 == 0:
                ws.cell(r, c, ["-", "…", "x"][(k + c) % 3])
            else:
                cell = ws.cell(r, c, v)
                cell.number_format = '#,##0;"▲"#,##0'
        r += 1
    return first, r - 1, ncols

def workbook(variant, title=True, note=True, chart=False):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "データ"
    wb.properties.title = "図表データ"
    wb.properties.creator = "経済産業省"
    r = 1
    if title:
        t, u = titles[variant % len(titles)]
        ws.cell(1, 1, t)
        if variant % 4 != 3:
            ws.cell(2, 1, u)
            r = 4
        else:
            r = 3
    first, last, ncols = fill(ws, variant, r)
    if note:
        n = notes[variant % len(notes)]
        for i, line in enumerate(n):
            ws.cell(last + 2 + i, 1, line)
    if chart:
        ch = BarChart()
        ch.title = "推移"
        data = Reference(ws, min_col=2, min_row=first - 1, max_col=min(ncols, 4), max_row=last)
        ch.add_data(data, titles_from_data=True)
        ws.add_chart(ch, "J2")
    return wb, first, last, ncols

expect = []
ok_xlsx = []
for v in range(22):
    wb, *_ = workbook(v, title=v % 5 != 4, note=v % 6 != 5, chart=v % 4 == 2)
    name = f"ok/layout{v:02d}.xlsx"
    wb.save(os.path.join(out, name))
    ok_xlsx.append(name)
# CSVs: header and data (two-level headers, ▲ as text, placeholders, 年度).
for v in range(10):
    rows = []
    ys = [f"{y}年度" for y in years] if v % 2 else [str(y) for y in years]
    if v % 3 == 1:
        rows.append(["地域", "輸出量（トン）"] + [""] * (len(ys) - 1) + ["輸入量（トン）"] + [""] * (len(ys) - 1))
        rows.append([""] + ys + ys)
    else:
        rows.append(["地域"] + [y + ("" if "年度" in y else "年") for y in ys])
    for k, reg in enumerate(regions):
        vals = []
        for c in range(len(rows[-1]) - 1):
            x = ((k + 3) * (c + 7) * 37) % 900
            if (k + c + v) % 11 == 0:
                vals.append(["-", "…", "x"][(k + c) % 3])
            elif (k + c) % 5 == 0:
                vals.append(f"▲{x}")
            else:
                vals.append(str(x))
        rows.append([reg] + vals)
    enc = "utf-8-sig"
    with open(os.path.join(out, f"ok/data{v:02d}.csv"), "w", encoding=enc, newline="") as f:
        for row in rows:
            f.write(",".join(row) + "\r\n")

def bad(name, rule, loc, change):
    wb, first, last, ncols = workbook(len(expect) % 5, title=True, note=True)
    ws = wb.active
    got = change(ws, first, last, ncols)
    loc = got if isinstance(got, str) else loc
    wb.save(os.path.join(out, "bad", name))
    expect.append((name, rule, loc))

bad("merged.xlsx", "DATA-MERGED-CELLS", "データ!A6:A7",
    lambda ws, f, l, n: ws.merge_cells("A6:A7"))
def two_tables(ws, f, l, n):
    base = l + 6
    ws.cell(base, 1, "地域")
    ws.cell(base, 2, "人口")
    ws.cell(base + 1, 1, "東京")
    ws.cell(base + 1, 2, 1400)
    ws.cell(base + 2, 1, "大阪")
    ws.cell(base + 2, 2, 880)
    return f"row:{base}"
bad("two_tables.xlsx", "DATA-MULTIPLE-TABLES", None, two_tables)
def blank_inside(ws, f, l, n):
    ws.insert_rows(f + 3)
    return f"row:{f + 3}"
bad("blank_row.xlsx", "DATA-BLANK-SEPARATORS", None, blank_inside)
bad("number_text.xlsx", "DATA-NUMBER-AS-TEXT", "データ!C7",
    lambda ws, f, l, n: ws.cell(7, 3, "1,234"))
bad("layout_spaces.xlsx", "DATA-LAYOUT-SPACES", "データ!A8",
    lambda ws, f, l, n: ws.cell(8, 1, "関　東"))
bad("formula.xlsx", "DATA-FORMULAS", "データ!B14",
    lambda ws, f, l, n: ws.cell(14, 2, "=SUM(B6:B13)"))
def picture(ws, f, l, n):
    from PIL import Image as PImage
    from openpyxl.drawing.image import Image
    buf = io.BytesIO()
    PImage.new("RGB", (40, 20), (200, 0, 0)).save(buf, format="PNG")
    buf.seek(0)
    ws.add_image(Image(buf), "J2")
bad("picture.xlsx", "DATA-OBJECTS", "sheet:データ", picture)
with open(os.path.join(out, "expect"), "w") as f:
    for e in expect:
        f.write("\t".join(e) + "\n")
with open(os.path.join(out, "lo_sources"), "w") as f:
    for name in ok_xlsx[:12]:
        f.write(name + "\n")
