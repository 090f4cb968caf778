#!/usr/bin/python3
"""Author properties of every corpus PDF (pdfinfo's Author) and workbook
(docProps/core.xml dc:creator, cp:lastModifiedBy), read with tools nobody here
wrote, as path<TAB>field<TAB>value lines (tabs and newlines in values become
spaces). Usage: extract_authors.py CORPUS OUT"""
import os, re, subprocess, sys, zipfile

corpus, out = sys.argv[1], sys.argv[2]
rows = []
for dp, _, files in os.walk(corpus):
    for f in sorted(files):
        p = os.path.join(dp, f)
        rel = os.path.relpath(p, corpus)
        if f.lower().endswith(".pdf"):
            try:
                r = subprocess.run(["pdfinfo", "-enc", "UTF-8", p], capture_output=True, timeout=30)
            except subprocess.TimeoutExpired:
                continue
            for line in r.stdout.decode("utf-8", "replace").splitlines():
                if line.startswith("Author:"):
                    rows.append((rel, "Author", line[7:].strip()))
        elif f.lower().endswith((".xlsx", ".xlsm")):
            try:
                with zipfile.ZipFile(p) as z:
                    core = z.read("docProps/core.xml").decode("utf-8", "replace")
            except Exception:
                continue
            for tag in ("dc:creator", "cp:lastModifiedBy"):
                m = re.search(r"<%s>([^<]*)</%s>" % (tag, tag), core)
                if m:
                    rows.append((rel, tag, m.group(1).strip()))
with open(out, "w", encoding="utf-8") as o:
    for r in sorted(rows):
        o.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in r) + "\n")
