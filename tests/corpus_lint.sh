#!/usr/bin/env bash
# Robustness: every real-world file in ../shared/corpus goes through `nohin lint`
# (this build: normal or ASan+UBSan) without a crash, a sanitizer report, a hang,
# or invalid JSON. Skips (77) when the corpus is absent.
set -u
NOHIN=${NOHIN_BIN:?}
CORPUS=${NOHIN_CORPUS:-}
PY=/usr/bin/python3
LIMIT=${NOHIN_CORPUS_TIMEOUT:-60}
if [ -z "$CORPUS" ] || [ ! -d "$CORPUS" ]; then
  echo "corpus not found ($CORPUS): skipped"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
while IFS= read -r -d '' f; do
  timeout -k 5 "$LIMIT" "$NOHIN" lint --quiet --format json "$f" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  why=""
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then why="hang (> ${LIMIT}s)"
  elif [ $rc -gt 1 ]; then why="exit $rc"
  elif grep -qE "AddressSanitizer|runtime error:|LeakSanitizer" "$tmp/err"; then why="sanitizer report"
  elif ! "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["files"])==1' "$tmp/out" 2>/dev/null; then why="invalid JSON"
  fi
  if [ -n "$why" ]; then
    fail=$((fail+1)); echo "FAIL ${f#"$CORPUS"/}: $why"; head -5 "$tmp/err"
  else
    pass=$((pass+1))
  fi
done < <(find "$CORPUS" -type f ! -name MANIFEST.tsv ! -name README.md -print0 | sort -z)
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
