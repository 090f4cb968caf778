#!/usr/bin/env bash
# Replays every input under tests/fuzz-regressions/<target>/ through the normal
# binary (both builds run it): exit code <= 2, no hang, no sanitizer report.
set -u
NOHIN=${NOHIN_BIN:?}
SRC=${NOHIN_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 n=0
for dir in "$SRC"/tests/fuzz-regressions/*/; do
  target=$(basename "$dir")
  for f in "$dir"*; do
    [ -f "$f" ] || continue
    case $f in *.md) continue ;; esac
    n=$((n+1))
    rm -rf "$tmp/in" "$tmp/out.pdf" "$tmp/out.xlsx"; mkdir -p "$tmp/in"
    case $target in
      pdf) cp "$f" "$tmp/in/input.pdf"; cmd=(lint --quiet --format json "$tmp/in/input.pdf") ;;
      xlsx) cp "$f" "$tmp/in/input.xlsx"; cmd=(lint --quiet --format json "$tmp/in/input.xlsx") ;;
      csv) cp "$f" "$tmp/in/input.csv"; cmd=(lint --quiet --format json "$tmp/in/input.csv") ;;
      mime) cp "$f" "$tmp/in/input.eml"; cmd=(intake --quiet --no-isolate --format json "$tmp/in/input.eml") ;;
      clean_xlsx) cp "$f" "$tmp/in/input.xlsx"; cmd=(clean --quiet --file "$tmp/in/input.xlsx" -o "$tmp/out.xlsx") ;;
      *) continue ;;
    esac
    timeout 300 "$NOHIN" "${cmd[@]}" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ "$rc" -gt 2 ] || grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/err"; then
      fail=$((fail+1)); echo "FAIL: $target/$(basename "$f"): exit $rc"; head -5 "$tmp/err"
    else
      pass=$((pass+1))
    fi
  done
done
echo "$n inputs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
