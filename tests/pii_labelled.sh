#!/usr/bin/env bash
# Personal data where reviewers find it: the column header as context (CSV and
# XLSX made by openpyxl, with and without a title block, several spellings,
# full- and half-width) and values LibreOffice wraps across PDF lines. Prints
# per-detector precision and recall; fails below 0.97, or when fewer than 40
# findings' boxes span a wrapped line (the break really fell inside the value).
set -u
NOHIN=${NOHIN_BIN:?}
SRC=${NOHIN_SOURCE_DIR:?}/tests/labelled
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
$PY -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing"; exit 77; }

echo "== tables (CSV, XLSX)"
$PY "$SRC/gen_tables.py" "$tmp/tab" || exit 1
n=$(wc -l <"$tmp/tab/labels")
[ "$n" -ge 120 ] || { echo "FAIL: only $n table cases"; fail=1; }
"$NOHIN" lint -q -f json "$tmp/tab" >"$tmp/tab.json"
$PY "$SRC/score.py" "$tmp/tab.json" "$tmp/tab/labels" 0.97 || { echo "FAIL: tables"; fail=1; }

echo "== wrapped lines (PDF by LibreOffice)"
if command -v soffice >/dev/null; then
    $PY "$SRC/gen_wrapped_pdf.py" "$tmp/wrap" || exit 1
    (cd "$tmp" && HOME="$tmp" timeout 300 soffice --headless --convert-to pdf wrap.fodt >/dev/null 2>&1)
    qpdf --check "$tmp/wrap.pdf" >/dev/null || { echo "FAIL: LibreOffice PDF"; exit 1; }
    "$NOHIN" lint -q -f json "$tmp/wrap.pdf" >"$tmp/wrap.json"
    $PY "$SRC/score.py" "$tmp/wrap.json" "$tmp/wrap.labels" 0.97 wrap.pdf || { echo "FAIL: wrapped"; fail=1; }
    wrapped=$($PY - "$tmp/wrap.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
# A box taller than 20 pt covers two lines of 10.5 pt text: every fragment.
print(sum(1 for f in d["findings"] if f["rule"].startswith("PII-")
          and f["location"].get("box") and f["location"]["box"][3] - f["location"]["box"][1] > 20))
PYEOF
)
    echo "findings over a line break: $wrapped"
    [ "$wrapped" -ge 40 ] || { echo "FAIL: fewer than 40 wrapped findings"; fail=1; }

    echo "== label | value table in a DOCX (LibreOffice)"
    $PY "$SRC/gen_docx_table.py" "$tmp/table.fodt" || exit 1
    (cd "$tmp" && HOME="$tmp" timeout 300 soffice --headless --convert-to docx table.fodt >/dev/null 2>&1)
    got=$("$NOHIN" lint -q -f json "$tmp/table.docx" | $PY -c '
import json, sys
print(" ".join(sorted(f["rule"] + "=" + (f.get("evidence") or "") for f in json.load(sys.stdin)["findings"]
                      if f["rule"].startswith("PII-"))))')
    echo "docx: $got"
    want="PII-BIRTHDATE=****年*月**日 PII-PASSPORT=TK******* PII-PERSON-NAME=佐* *子 PII-PERSON-NAME=山**郎 PII-PHONE=090-****-5678"
    [ "$got" = "$want" ] || { echo "FAIL: docx table (want $want)"; fail=1; }

    # The same table as PDF: poppler reads it column by column (all labels, then
    # all values); rows rebuilt by position give each value its label, once.
    echo "== label | value table in a PDF (LibreOffice)"
    $PY "$SRC/gen_docx_table.py" "$tmp/near.fodt" near || exit 1
    (cd "$tmp" && HOME="$tmp" timeout 300 soffice --headless --convert-to pdf table.fodt near.fodt >/dev/null 2>&1)
    pii_of() {
        "$NOHIN" lint -q -f json "$1" | $PY -c '
import json, sys
print(" ".join(sorted(f["rule"] + "=" + (f.get("evidence") or "") for f in json.load(sys.stdin)["findings"]
                      if f["rule"].startswith("PII-"))))'
    }
    got=$(pii_of "$tmp/table.pdf")
    echo "pdf: $got"
    want="PII-BIRTHDATE=**** 年 * 月 ** 日 PII-PASSPORT=TK******* PII-PERSON-NAME=佐**子 PII-PERSON-NAME=山**郎 PII-PHONE=090-****-5678"
    [ "$got" = "$want" ] || { echo "FAIL: pdf table (want $want)"; fail=1; }
    pdftotext "$tmp/table.pdf" - | grep -q '^旅券番号$' || { echo "FAIL: pdf table not read column by column"; fail=1; }
    got=$(pii_of "$tmp/near.pdf")
    echo "pdf near miss: ${got:-none}"
    [ -z "$got" ] || { echo "FAIL: pdf near miss"; fail=1; }
else
    echo "soffice missing: wrapped-line set skipped"
fi
exit $fail
