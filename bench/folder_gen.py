#!/usr/bin/python3
"""Writes a data folder like a real bundle's (bench/folder.sh): N files, a third each
CSV (Python's csv), XLSX (openpyxl) and PDF (LibreOffice-made, from a few text
documents converted once by `soffice --headless`, then copied under new names).

usage: folder_gen.py OUT_DIR N PDF_SOURCE_DIR
PDF_SOURCE_DIR holds the LibreOffice PDFs (folder.sh makes them)."""
import csv
import os
import random
import shutil
import sys

import openpyxl

out, n, pdf_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
pdfs = sorted(os.path.join(pdf_dir, p) for p in os.listdir(pdf_dir) if p.endswith(".pdf"))
rnd = random.Random(20)
regions = ["北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州", "沖縄"]
for i in range(n):
    rows = 20 + rnd.randrange(80)
    header = ["地域", "年度", "出荷額（百万円）", "事業所数", "従業者数", "前年比"]
    data = [[regions[(i + r) % len(regions)], 2015 + r % 8, rnd.randrange(1, 10**6),
             rnd.randrange(1, 5000), rnd.randrange(1, 10**5), round(rnd.uniform(-20, 20), 1)]
            for r in range(rows)]
    kind = i % 3
    if kind == 0:
        with open(os.path.join(out, f"図{i // 10 + 1}-{i % 10 + 1}_出荷額_{i:04d}.csv"), "w",
                  newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(data)
    elif kind == 1:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "データ"
        ws.append(header)
        for r in data:
            ws.append(r)
        wb.save(os.path.join(out, f"表{i // 10 + 1}-{i % 10 + 1}_事業所数_{i:04d}.xlsx"))
    else:
        shutil.copyfile(pdfs[i % len(pdfs)], os.path.join(out, f"参考資料_{i:04d}.pdf"))
