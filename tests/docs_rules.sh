#!/usr/bin/env bash
# Every registered rule has its page in docs/rules/ (what, why, how to fix), and
# every page belongs to a registered rule.
set -u
NOHIN=${NOHIN_BIN:?}
DOCS=${NOHIN_SOURCE_DIR:?}/docs/rules
pass=0 fail=0
ids=$("$NOHIN" rules --json --lang en | /usr/bin/python3 -c 'import json,sys; print("\n".join(r["id"] for r in json.load(sys.stdin)))')
for id in $ids; do
  page="$DOCS/$id.md"
  if [ ! -s "$page" ]; then fail=$((fail+1)); echo "FAIL: $id has no docs/rules/$id.md"; continue; fi
  if ! grep -qi "fix" "$page" || ! grep -qi "why" "$page"; then
    fail=$((fail+1)); echo "FAIL: docs/rules/$id.md lacks a why or a how-to-fix section"; continue
  fi
  pass=$((pass+1))
done
for page in "$DOCS"/*.md; do
  id=$(basename "$page" .md)
  if ! grep -qx "$id" <<<"$ids"; then fail=$((fail+1)); echo "FAIL: docs/rules/$id.md names no registered rule"; fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
