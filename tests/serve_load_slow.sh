#!/bin/bash
# nohin serve under a small load (named *_slow: normal build only; under ASan it takes 2 min)
# (the full run with timings is bench/serve_load.sh):
# 12 uploads, 8 at a time, bundles of different sizes; all complete, server peak RSS
# < 100 MB, each report lists only its own upload's files.
set -euo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$NOHIN_BINARY_DIR/fixtures/gen_sample_bundle" "$T/sample" >/dev/null
/usr/bin/python3 "$NOHIN_SOURCE_DIR/bench/serve_load.py" "$NOHIN_BIN" "$T" "$T/sample" 12 8
