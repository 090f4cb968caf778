#!/usr/bin/python3
"""The findings of a `nohin lint --format json` run over ../shared/corpus, one line per
file, for tests/corpus_findings.sh and its golden file tests/data/corpus_findings.tsv.

Each line: path, the file's SHA-256 (from the report), the number of findings, a
digest of the file's findings exactly as the JSON has them (rule, severity, location,
message, fix, fixable, evidence, in report order), then the rule ids and locations
in report order (RULE@location, consecutive ones of a rule joined by ','), so a diff
of two summaries shows which rule moved where. Bundle-wide findings are on path "-".

usage: corpus_findings.py REPORT.json > SUMMARY.tsv"""
import hashlib
import json
import sys


def loc_text(loc):
    # the box (PDF points) is left to the digest: the line stays readable
    return "/".join(f"{k}={loc[k]}" for k in loc if k != "box") or "-"


def main():
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    by_file = {}
    for f in report["findings"]:
        by_file.setdefault(f["file"] or "-", []).append(f)
    sha = {f["path"]: f["sha256"] for f in report["files"]}
    paths = sorted(set(sha) | set(by_file))
    out = sys.stdout
    out.write("# path\tsha256\tfindings\tdigest\trule@location … (tests/corpus_findings_slow.sh)\n")
    for p in paths:
        found = by_file.get(p, [])
        digest = hashlib.sha256(
            json.dumps(found, ensure_ascii=False, sort_keys=True,
                       separators=(",", ":")).encode()).hexdigest()[:16]
        groups = []
        for f in found:
            loc = loc_text(f.get("location", {}))
            if groups and groups[-1][0] == f["rule"]:
                groups[-1][1].append(loc)
            else:
                groups.append((f["rule"], [loc]))
        rules = " ".join(f"{r}@{','.join(locs)}" for r, locs in groups) or "-"
        out.write(f"{p}\t{sha.get(p, '-')}\t{len(found)}\t{digest}\t{rules}\n")


main()
