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
