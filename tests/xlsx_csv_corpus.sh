#!/usr/bin/env bash
# Every XLSX and CSV of the shared robustness corpus goes through `nohin lint`
# without a crash or a hang, and the rule matching its MANIFEST category fires.
set -euo pipefail
corpus="${NOHIN_CORPUS:-}"
if [ -z "$corpus" ] || [ ! -f "$corpus/MANIFEST.tsv" ]; then
  echo "corpus not found (NOHIN_CORPUS=$corpus): skipped"
  exit 77
fi
exec /usr/bin/python3 - "$NOHIN_BIN" "$corpus" <<'PY'
import csv, json, os, subprocess, sys
nohin, corpus = sys.argv[1], sys.argv[2]
# Category -> rules of which one must fire (any of).
expect = {
    "xlsx-comments": {"XLSX-COMMENT"},
    "xlsx-conn": {"XLSX-DATA-CONNECTION"},
    "xlsx-customxml": {"XLSX-CUSTOM-XML"},
    "xlsx-extlink": {"XLSX-EXTERNAL-LINK"},
    "xlsx-hidrowcol": {"XLSX-HIDDEN-ROW", "XLSX-HIDDEN-COL"},
    "xlsx-hidsheet": {"XLSX-HIDDEN-SHEET", "XLSX-VERYHIDDEN-SHEET"},
    "xlsx-merged": {"DATA-MERGED-CELLS"},
    "xlsx-pivot": {"XLSX-PIVOT-CACHE"},
    "xlsx-vba": {"XLSX-MACRO", "XLSX-EMBEDDED-OBJECT"},
    "xlsx-ole": {"XLSX-EMBEDDED-OBJECT"},
    "xlsx-whitefont": {"XLSX-INVISIBLE-CELL"},
    "csv-formula": {"CSV-FORMULA"},
    "csv-ragged": {"CSV-STRUCTURE"},
}
# Known, explained exceptions (file name -> reason).
exceptions = {
    # its white-font cells hold only empty strings: nothing is actually invisible
    "whitefont-60512.xlsm": "no non-empty white cell",
    # workbook part is not at xl/workbook.xml: detection (src/core/detect.c) does not call it XLSX
    "ole-bug63189.xlsx": "not detected as XLSX",
}
seen, failures = set(), []
with open(os.path.join(corpus, "MANIFEST.tsv"), newline="", encoding="utf-8") as fh:
    for row in csv.DictReader(fh, delimiter="\t"):
        name = row["local_name"]
        if not (name.startswith("xlsx/") or name.startswith("csv/")) or name in seen:
            continue
        seen.add(name)
        path = os.path.join(corpus, name)
        if not os.path.exists(path):
            continue
        try:
            p = subprocess.run([nohin, "lint", "--lang", "en", "--format", "json", "-q", path],
                               capture_output=True, timeout=300)
        except subprocess.TimeoutExpired:
            failures.append(f"{name}: timeout"); continue
        if p.returncode not in (0, 1):
            failures.append(f"{name}: exit {p.returncode} {p.stderr.decode(errors='replace')[:200]}"); continue
        err = p.stderr.decode(errors="replace")
        if "Sanitizer" in err or "runtime error" in err:
            failures.append(f"{name}: sanitizer report: {err[:300]}"); continue
        try:
            report = json.loads(p.stdout)
        except ValueError:
            failures.append(f"{name}: no JSON report (exit {p.returncode}) {err[:200]}"); continue
        rules = {f["rule"] for f in report["findings"]}
        cat, base = row["category"], os.path.basename(name)
        what = row["what_it_exhibits"]
        want = set(expect.get(cat, set()))
        if cat == "xlsx-malformed" and ("encrypted" in base or "pwd" in base):
            want = {"XLSX-ENCRYPTED"}
        if cat in ("csv-enc", "csv-jp"):
            ok_enc = what.startswith("UTF-8") or "Shift_JIS" in what or "UTF-16LE with BOM" in what \
                or "same data in UTF-8" in what or "UTF-8 Japanese" in what or "UTF-8 with BOM" in what \
                or "UTF-8 without BOM" in what or "Japanese header, UTF-8" in what
            bad_enc = any(k in what for k in ("ISO-8859", "Latin-1", "EUC-JP", "invalid", "NUL byte",
                                              "UTF-32", "UTF-16LE without BOM"))
            if bad_enc:
                want = {"CSV-ENCODING"}
            elif ok_enc and "CSV-ENCODING" in rules and not any(
                    f["severity"] == "info" for f in report["findings"] if f["rule"] == "CSV-ENCODING"):
                failures.append(f"{name}: CSV-ENCODING on a readable file ({what[:60]})")
        if want and not (want & rules):
            if base in exceptions:
                print(f"note {name}: {exceptions[base]}")
            else:
                failures.append(f"{name} [{cat}]: none of {sorted(want)} in {sorted(rules)}")
print(f"{len(seen)} corpus files linted")
for f in failures:
    print("FAIL", f)
sys.exit(1 if failures else 0)
PY
