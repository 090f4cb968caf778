#!/bin/bash
# The shared OOXML model (src/ooxml) on workbooks made by openpyxl and edited
# with Python's zipfile: a row with ht="0" and no customHeight is hidden for
# lint and removed (or shown) by clean; formulas without cached values are kept,
# never blanked, and listed as manual work; a DTD in workbook, rels or content
# types is XLSX-MALFORMED and the workbook is left out; a workbook whose main
# part is not xl/workbook.xml and whose entries are reordered is still typed
# and checked as a workbook. Outputs are checked with openpyxl, xmllint, unzip.
set -u
N=${NOHIN_BIN:?}
. "$(dirname "$0")/lib/check.sh"
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing: skipped"; exit 77; }
/usr/bin/python3 "$(dirname "$0")/ooxml/make_workbooks.py" "$tmp" || { echo "FAIL: generator"; exit 1; }
rules() { "$N" lint --lang en --format json "$1" | /usr/bin/python3 -c '
import json, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
d = json.load(sys.stdin)
print(d["files"][0]["type"])
for f in d["findings"]: print(f["rule"], "fixable" if f["fixable"] else "manual")'; }
parts_ok() { # every part well-formed, no DTD; zip CRCs good
  unzip -tq "$1" >/dev/null || return 1
  local d; d=$(mktemp -d "$tmp/x.XXXX"); (cd "$d" && unzip -q "$1") || return 1
  while IFS= read -r -d '' p; do
    xmllint --noout --nonet "$p" 2>/dev/null || return 1
    grep -q '<!DOCTYPE' "$p" && return 1
  done < <(find "$d" -type f \( -name '*.xml' -o -name '*.rels' \) -print0)
  return 0
}
cells() { /usr/bin/python3 -c '
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
print([list(r) for r in ws.iter_rows(values_only=True)])' "$1"; }

# 1a. ht="0" without customHeight
check "ht=0 row: XLSX-HIDDEN-ROW (fixable)" "rules $tmp/ht0.xlsx | grep -q 'XLSX-HIDDEN-ROW fixable'"
check "near miss ht=3: no XLSX-HIDDEN-ROW" "! rules $tmp/ht_small.xlsx | grep -q XLSX-HIDDEN-ROW"
"$N" clean -q --file "$tmp/ht0.xlsx" -o "$tmp/o_ht0.xlsx" >/dev/null
check "clean removes the ht=0 row" "cells $tmp/o_ht0.xlsx | grep -q \"\\['visible', 1\\], \\['after', 3\\]\""
check "clean output has no XLSX-HIDDEN-ROW" "! rules $tmp/o_ht0.xlsx | grep -q XLSX-HIDDEN-ROW"
check "clean output parts well-formed, no DTD, CRC ok" "parts_ok $tmp/o_ht0.xlsx"
"$N" clean -q --unhide --file "$tmp/ht0.xlsx" -o "$tmp/u_ht0.xlsx" >/dev/null
check "--unhide shows the ht=0 row" "cells $tmp/u_ht0.xlsx | grep -q \"\\['secret', 42\\]\""
check "--unhide output has no XLSX-HIDDEN-ROW" "! rules $tmp/u_ht0.xlsx | grep -q XLSX-HIDDEN-ROW"

# 1b. formulas without cached values (openpyxl stores none)
"$N" clean --lang en --file "$tmp/formulas.xlsx" -o "$tmp/o_f.xlsx" >"$tmp/f.txt"
check "formulas kept, never blank" "cells $tmp/o_f.xlsx | grep -q \"'=A2+B2'\" && cells $tmp/o_f.xlsx | grep -q \"'=SUM(C2:C5)'\""
check "fix list: manual work, no 'replaced' claim" \
  "grep -q 'no stored value and were kept as formulas' $tmp/f.txt && ! grep -q 'replaced by their cached values' $tmp/f.txt"
check "formulas output parts well-formed" "parts_ok $tmp/o_f.xlsx"

# 1c. DTDs in workbook, rels and content types
for k in xxe bomb; do
  for p in workbook rels ct; do
    w="$tmp/dtd_${k}_$p.xlsx"
    check "lint: DTD ($k in $p) is XLSX-MALFORMED" "rules $w | grep -q 'XLSX-MALFORMED'"
    "$N" clean -q --file "$w" -o "$tmp/o_dtd_${k}_$p.xlsx" >/dev/null 2>&1; rc=$?
    check "clean: DTD ($k in $p) left out (exit 2, no output)" "[ $rc -eq 2 ] && [ ! -e $tmp/o_dtd_${k}_$p.xlsx ]"
  done
done
check "near miss: plain workbook has no XLSX-MALFORMED" "! rules $tmp/plain.xlsx | grep -q XLSX-MALFORMED"
mkdir "$tmp/b" && cp "$tmp/dtd_xxe_rels.xlsx" "$tmp/b/" && "$N" clean -q "$tmp/b" -o "$tmp/ob" >"$tmp/b.txt" 2>&1
check "bundle clean: DTD workbook not carried into the output" "[ ! -e $tmp/ob/dtd_xxe_rels.xlsx ]"

# 1d. main part through _rels/.rels, entries reordered
check "moved workbook part: typed xlsx" "rules $tmp/moved.xlsx | head -1 | grep -qx xlsx"
check "moved workbook part: XLSX-HIDDEN-ROW found" "rules $tmp/moved.xlsx | grep -q XLSX-HIDDEN-ROW"
"$N" clean -q --file "$tmp/moved.xlsx" -o "$tmp/o_moved.xlsx" >/dev/null
check "moved workbook part: cleaned, row removed" "cells $tmp/o_moved.xlsx | grep -q \"\\['visible', 1\\], \\['after', 3\\]\" && parts_ok $tmp/o_moved.xlsx"
C=${NOHIN_CORPUS:-/work/shared/corpus}/xlsx/xlsx-ole/ole-bug63189.xlsx
if [ -f "$C" ]; then
  check "corpus ole-bug63189.xlsx ('Microsoft OOXML'): typed xlsx" "rules $C | head -1 | grep -qx xlsx"
fi

# XLSX-INVISIBLE-CELL through indexed and theme colours
inv=$("$N" lint --lang en --format json "$tmp/colours.xlsx" | /usr/bin/python3 -c '
import json, sys
print(" ".join(f["location"].get("cell", "") for f in json.load(sys.stdin)["findings"] if f["rule"] == "XLSX-INVISIBLE-CELL"))')
check "indexed and theme colours: invisible cells found ($inv)" "echo '$inv' | grep -q B2 && echo '$inv' | grep -q B3"
check "near miss: different indexed/theme colours are not invisible" "! rules $tmp/colours_ok.xlsx | grep -q XLSX-INVISIBLE-CELL"

# a defined name pointing at #REF! (a double free in clean before)
"$N" clean -q --file "$tmp/refname.xlsx" -o "$tmp/o_refname.xlsx" >/dev/null 2>&1; rc=$?
check "defined name Data!#REF!: clean does not crash (exit $rc)" "[ $rc -le 2 ]"
exit $fail
