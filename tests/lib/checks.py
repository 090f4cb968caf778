"""The Python part of a shell test states checks as (what, ok, got) triples;
report prints "ok: what" or "FAIL: what got" for each and exits 1 when one
failed. On the path through lib/requires.sh (PYTHONPATH)."""
import sys


def report(checks):
    bad = 0
    for what, ok, got in checks:
        print(("ok" if ok else "FAIL") + f": {what} {got if not ok else ''}")
        bad += not ok
    sys.exit(1 if bad else 0)
