#!/usr/bin/env bash
# clean --file with no organisation configured: a workbook whose creator is an
# organisation (openpyxl, creator 株式会社テスト) keeps it — before, clean blanked
# it and the output got a new XLSX-PROPERTIES finding ("no author"). The person
# in lastModifiedBy still goes. Near miss: a person as creator is removed and
# the fix list asks for the organisation (manual item).
set -u
. "$(dirname "$0")/lib/requires.sh"
requires py:openpyxl
. "$(dirname "$0")/lib/check.sh"
$PY - "$tmp" <<'PYEOF' || exit 1
import sys, openpyxl
for name, creator in (("org", "株式会社テスト"), ("person", "山田 太郎")):
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = "表"
    ws.append(["地域", "件数"]); ws.append(["北海道", 12])
    wb.properties.creator = creator; wb.properties.lastModifiedBy = "山田太郎"
    wb.properties.title = "表1-1 件数"
    wb.save(f"{sys.argv[1]}/{name}.xlsx")
PYEOF
rules() { "$NOHIN" lint --lang en --format json "$1" | $PY -c '
import json, sys
for f in json.load(sys.stdin)["findings"]: print(f["rule"], f["fixable"])' | sort; }
cd "$tmp" || exit 1
rules org.xlsx >in_org.txt
"$NOHIN" clean --lang en --file org.xlsx -o out_org.xlsx >fix_org.txt; rc=$?
rules out_org.xlsx >out_org.txt
check "organisation creator: clean exits 0 (nothing manual)" "[ $rc -eq 0 ]"
check "organisation creator: kept in the output" \
  "[ \"\$($PY -c 'import openpyxl,sys; p=openpyxl.load_workbook(sys.argv[1]).properties; print(p.creator, p.lastModifiedBy)' out_org.xlsx)\" = '株式会社テスト None' ]"
check "organisation creator: lint of the output has no finding" "[ -f out_org.xlsx ] && [ ! -s out_org.txt ]"
check "fix list: lastModifiedBy removed, masked" "grep -q 'lastModifiedBy \"山\*\*\*\" removed' fix_org.txt && ! grep -q 山田太郎 fix_org.txt"
"$NOHIN" clean --lang en --file person.xlsx -o out_person.xlsx >fix_person.txt; rc=$?
# (openpyxl reads a missing creator as "openpyxl": look at the part itself)
check "near miss: a person as creator is removed" \
  "[ -f out_person.xlsx ] && ! unzip -p out_person.xlsx docProps/core.xml | grep -q creator"
check "near miss: manual item asks for the organisation, exit 1" \
  "[ $rc -eq 1 ] && grep -q 'No organisation configured' fix_person.txt && ! grep -q '山田 太郎' fix_person.txt"
exit $fail
