#!/bin/bash
# nohin serve: the JSON API through a real HTTP client (tests/serve_api.py).
set -euo pipefail
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$NOHIN_BINARY_DIR/fixtures/gen_sample_bundle" "$T/sample" >/dev/null
exec $PY "$NOHIN_SOURCE_DIR/tests/serve_api.py" "$NOHIN_BIN" "$T"
