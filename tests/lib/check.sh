# Sourced by shell tests that state `check NAME CONDITION` (CONDITION is a string,
# evaluated): a private folder $tmp removed on exit, and check, which prints
# "ok: NAME" or "FAIL: NAME" and sets fail=1. Such a test ends with `exit $fail`.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
