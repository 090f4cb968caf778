#!/usr/bin/env bash
# Every finding on ../shared/corpus, linted as one folder, is (1) byte-identical
# between files checked one after another (--jobs 1) and in parallel (--jobs 2), and
# (2) the same as the committed summary tests/data/corpus_findings.tsv (one line per
# file: its SHA-256, the number of findings, a digest of their JSON, rule@location;
# made by tests/corpus_findings.py). Skips (77) when the corpus is absent.
#
# When a rule changes on purpose, refresh the summary and commit it with the change
# (the diff shows which findings moved):
#   NOHIN_BIN=build/nohin NOHIN_CORPUS=../shared/corpus bash tests/corpus_findings_slow.sh --update
set -u
NOHIN=${NOHIN_BIN:?}
CORPUS=${NOHIN_CORPUS:-}
SRC=${NOHIN_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
GOLDEN=$SRC/tests/data/corpus_findings.tsv
PY=/usr/bin/python3
if [ -z "$CORPUS" ] || [ ! -d "$CORPUS" ]; then
  echo "corpus not found ($CORPUS): skipped"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# exit 1 (findings) is expected; 2 or a signal is not
lint() {
  "$NOHIN" lint --quiet --lang en --format json "$@" "$CORPUS" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -gt 1 ]; then
    echo "FAIL: nohin lint $* exited $rc" >&2; head -20 "$tmp/err" >&2; exit 1
  fi
  cat "$tmp/out"
}
lint --jobs 1 >"$tmp/serial.json" || exit 1
"$PY" "$SRC/tests/corpus_findings.py" "$tmp/serial.json" >"$tmp/summary.tsv" || exit 1
if [ "${1:-}" = "--update" ]; then
  cp "$tmp/summary.tsv" "$GOLDEN"
  echo "wrote $GOLDEN ($(grep -vc '^#' "$GOLDEN") files)"
  exit 0
fi
lint --jobs 2 >"$tmp/parallel.json" || exit 1
fail=0
if ! cmp -s "$tmp/serial.json" "$tmp/parallel.json"; then
  echo "FAIL: --jobs 2 JSON differs from --jobs 1:"
  diff <("$PY" "$SRC/tests/corpus_findings.py" "$tmp/serial.json") \
       <("$PY" "$SRC/tests/corpus_findings.py" "$tmp/parallel.json") | head -20
  cmp "$tmp/serial.json" "$tmp/parallel.json"
  fail=1
fi
if ! diff -q "$GOLDEN" "$tmp/summary.tsv" >/dev/null; then
  echo "FAIL: findings differ from $GOLDEN (< committed, > now):"
  diff "$GOLDEN" "$tmp/summary.tsv" | cut -c1-300 | head -40
  echo "(a corpus file with another sha256 means the corpus changed; an intended rule change:"
  echo " refresh with --update, see the top of this script)"
  fail=1
fi
n=$(grep -vc '^#' "$tmp/summary.tsv")
f=$("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$tmp/serial.json")
[ $fail -eq 0 ] && echo "$n files, $f findings: serial = parallel = $GOLDEN"
exit $fail
