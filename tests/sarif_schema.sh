#!/bin/bash
# --format sarif: valid against the official SARIF 2.1.0 schema (tests/data), agrees
# with --format json result by result, and is byte-identical across runs.
set -euo pipefail
PY=/usr/bin/python3
$PY -c 'import jsonschema' 2>/dev/null || { echo "python3-jsonschema missing"; exit 77; }
SCHEMA="$NOHIN_SOURCE_DIR/tests/data/sarif-schema-2.1.0.json"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$NOHIN_BINARY_DIR/fixtures/gen_findings_bundle" "$T/findings"
"$NOHIN_BINARY_DIR/fixtures/gen_sample_bundle" "$T/sample"
for b in findings sample; do
    for lang in ja en; do
        "$NOHIN_BIN" lint -q --lang $lang --format sarif "$T/$b" >"$T/$b.$lang.sarif" || [ $? -eq 1 ]
        "$NOHIN_BIN" lint -q --lang $lang --format json "$T/$b" >"$T/$b.$lang.json" || [ $? -eq 1 ]
        $PY "$NOHIN_SOURCE_DIR/tests/tools/sarif_check.py" "$SCHEMA" "$T/$b.$lang.sarif" "$T/$b.$lang.json"
    done
done
# Suppressed results: a baseline (external) and a [waive] entry (inSource), with reasons.
cp -r "$T/findings" "$T/supp"
"$NOHIN_BIN" baseline "$T/findings" -o "$T/bl.ini"
"$NOHIN_BIN" lint -q --format json "$T/findings" >"$T/all.json" || [ $? -eq 1 ]
rule1=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["findings"][0]["rule"])' "$T/all.json")
cfg="$T/supp/nohin.ini"
[ -f "$cfg" ] || : >"$cfg"
printf '\n[waive first]\nrule=%s\nreason=checked by the reviewer\n' "$rule1" >>"$cfg"
# Drop one entry from the baseline so some results stay unsuppressed.
$PY - "$T/bl.ini" <<'PYEOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
parts = re.split(r"(?m)^(?=\[)", t)
open(sys.argv[1], "w", encoding="utf-8").write("".join(parts[:-1]))
PYEOF
for lang in ja en; do
    "$NOHIN_BIN" lint -q --lang $lang --baseline "$T/bl.ini" --format sarif "$T/supp" >"$T/supp.sarif" || [ $? -eq 1 ]
    "$NOHIN_BIN" lint -q --lang $lang --baseline "$T/bl.ini" --format json "$T/supp" >"$T/supp.json" || [ $? -eq 1 ]
    $PY "$NOHIN_SOURCE_DIR/tests/tools/sarif_check.py" "$SCHEMA" "$T/supp.sarif" "$T/supp.json"
done
grep -q '"suppressions":\[{"kind":"external","state":"accepted","justification":' "$T/supp.sarif"
grep -q '"suppressions":\[{"kind":"inSource","state":"accepted","justification":"checked by the reviewer"}\]' "$T/supp.sarif"
[ "$(grep -c '"ruleId"' "$T/supp.sarif")" -gt "$(grep -c '"suppressions"' "$T/supp.sarif")" ]
# The findings bundle really has results of every kind we map.
grep -q '"ruleId":"PDF-TEXT-LAYER"' "$T/findings.en.sarif"
grep -q '"kind":"page"' "$T/findings.en.sarif"
grep -q '"ruleId":"CONFIG-KEY"' "$T/findings.en.sarif"
grep -q '"language":"ja"' "$T/findings.ja.sarif"
grep -q 'テキスト' "$T/findings.ja.sarif"
# Fingerprints do not depend on the language of the messages.
fp() { grep -o '"partialFingerprints":{[^}]*}' "$1"; }
[ "$(fp "$T/findings.ja.sarif" | wc -l)" -ge 4 ]
[ "$(fp "$T/findings.ja.sarif")" = "$(fp "$T/findings.en.sarif")" ]
# Deterministic bytes; --output writes the same bytes and refuses to overwrite.
"$NOHIN_BIN" lint -q --lang en --format sarif "$T/findings" >"$T/again.sarif" || [ $? -eq 1 ]
cmp "$T/findings.en.sarif" "$T/again.sarif"
"$NOHIN_BIN" lint -q --lang en --format sarif -o "$T/out.sarif" "$T/findings" || [ $? -eq 1 ]
cmp "$T/findings.en.sarif" "$T/out.sarif"
if "$NOHIN_BIN" lint -q --format sarif -o "$T/out.sarif" "$T/findings" 2>/dev/null; then
    echo "FAIL: overwrote an existing output"; exit 1
fi
echo "sarif ok"
