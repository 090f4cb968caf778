#!/usr/bin/python3
"""The XLSX bench workbook, written by openpyxl (write_only mode), not by us:
ROWS data rows x 10 columns under one header row. Mixed cells: integers, floats,
dates (a number with a date style), booleans, repeated category texts and
one text column with many distinct values (a large shared-strings table).
Usage: xlsx_book.py OUT.xlsx ROWS"""
import datetime
import sys

from openpyxl import Workbook

out, rows = sys.argv[1], int(sys.argv[2])
wb = Workbook(write_only=True)
ws = wb.create_sheet("Data")
ws.append(["ID", "日付", "区分", "品目", "数量", "単価", "金額", "比率", "確定", "コード"])
cats = ["東京", "大阪", "名古屋", "福岡", "札幌", "仙台", "広島", "那覇"]
base = datetime.date(2020, 1, 1)
for i in range(1, rows + 1):
    q = (i * 7919) % 1000
    price = round(((i * 104729) % 100000) / 100.0, 2)
    ws.append([
        i,
        base + datetime.timedelta(days=i % 1500),
        cats[i % len(cats)],
        "品目%05d" % (i % 50000),
        q,
        price,
        round(q * price, 2),
        ((i * 31) % 1000) / 1000.0,
        i % 3 == 0,
        "C-%04d" % (i % 2000),
    ])
wb.save(out)
