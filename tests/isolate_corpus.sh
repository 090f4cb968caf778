#!/bin/bash
# `nohin lint --isolate` reports exactly what `nohin lint` reports on the whole
# robustness corpus: isolation changes where files are read, not what is found.
set -euo pipefail
corpus="${NOHIN_CORPUS:-}"
if [ -z "$corpus" ] || [ ! -d "$corpus" ]; then
    echo "corpus absent (NOHIN_CORPUS=$corpus): skipped"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$NOHIN_BIN" lint -q --lang en -f json "$corpus" > "$work/plain.json" || true
"$NOHIN_BIN" lint -q --lang en --isolate -f json "$corpus" > "$work/isolated.json" 2> "$work/stderr" || true
if grep -E "ERROR: AddressSanitizer|runtime error:" "$work/stderr"; then exit 1; fi
/usr/bin/python3 - "$work/plain.json" "$work/isolated.json" <<'PY'
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert len(a["files"]) > 100, len(a["files"])
assert a == b, "isolated and in-process reports differ"
print(len(a["files"]), "files,", len(a["findings"]), "findings, identical")
PY
