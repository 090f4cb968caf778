#!/bin/bash
# Load run of `nohin serve` from a loopback client: 50 uploads, 8 at a time, of bundles of
# different sizes; peak RSS of the server, no job sees another's files, p95 time to the report
# against `nohin lint --isolate` run directly on the same zips (8 at a time too).
# Usage: bench/serve_load.sh [BUILD_DIR] [N] [P] [SERVER_JOBS]
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd)
N=${2:-50}
P=${3:-8}
J=${4:-0}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
"$BUILD/fixtures/gen_sample_bundle" "$W/sample" >/dev/null
uptime
/usr/bin/python3 "$SRC/bench/serve_load.py" "$BUILD/nohin" "$W" "$W/sample" "$N" "$P" \
    --jobs "$J" --timing
