#!/usr/bin/python3
"""Scores nohin's PII findings against a labels file and prints per-detector
precision and recall. Labels: <case><TAB><kinds|-> where case is a page number
(PDF) or a file name (tables). Usage: score.py LINT.json LABELS MIN [FILE]
FILE: only findings of that file (PDF cases). Exit 1 when a detector with
positives falls below MIN on precision or recall."""
import json, sys

KINDS = {"NAME": "PII-PERSON-NAME", "BIRTH": "PII-BIRTHDATE", "PHONE": "PII-PHONE",
         "EMAIL": "PII-EMAIL", "ADDR": "PII-ADDRESS", "POSTAL": "PII-POSTAL-CODE",
         "PASSPORT": "PII-PASSPORT", "MN": "PII-MY-NUMBER", "LICENSE": "PII-DRIVER-LICENSE",
         "BANK": "PII-BANK-ACCOUNT", "CARD": "PII-CARD"}
lint = json.load(open(sys.argv[1]))
minimum = float(sys.argv[3])
only = sys.argv[4] if len(sys.argv) > 4 else None
found = {}
for f in lint["findings"]:
    if not f["rule"].startswith("PII-"):
        continue
    if only:
        if f["file"] != only or "page" not in f.get("location", {}):
            continue
        case = str(f["location"]["page"])
    else:
        case = f["file"].split("/")[-1]
    found.setdefault(case, set()).add(f["rule"])
tp, fp, fn = {}, {}, {}
pos = neg = 0
for line in open(sys.argv[2], encoding="utf-8"):
    case, kinds = line.rstrip("\n").split("\t")
    want = set() if kinds == "-" else {KINDS[k] for k in kinds.split(",")}
    pos += bool(want)
    neg += not want
    got = found.get(case, set())
    for r in want | got:
        if r in want and r in got:
            tp[r] = tp.get(r, 0) + 1
        elif r in got:
            fp[r] = fp.get(r, 0) + 1
            print(f"  false positive: {case} {r}")
        else:
            fn[r] = fn.get(r, 0) + 1
            print(f"  missed: {case} {r}")
print(f"{pos} positive cases, {neg} near misses")
ok = True
for r in sorted(set(tp) | set(fp) | set(fn)):
    t, p_, n = tp.get(r, 0), fp.get(r, 0), fn.get(r, 0)
    prec = t / (t + p_) if t + p_ else 1.0
    rec = t / (t + n) if t + n else 1.0
    print(f"{r:22} tp={t:3} fp={p_:3} fn={n:3} precision={prec:.3f} recall={rec:.3f}")
    if prec < minimum or rec < minimum:
        ok = False
sys.exit(0 if ok else 1)
