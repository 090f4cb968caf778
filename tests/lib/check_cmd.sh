# Sourced by shell tests that state `check NAME COMMAND…` (the command is run as
# it is): a private folder $tmp removed on exit, pass/fail counts, `not COMMAND…`,
# `run ARGS…` (nohin with its output, errors and exit code in $tmp/out, err, rc;
# `rc` prints the code) and `finish`, the test's last line, which prints the
# counts and fails when a check did. Needs NOHIN.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
not() { ! "$@"; }
check() { # check NAME CONDITION…
  local name=$1; shift
  if "$@"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $name"; fi
}
run() { "$NOHIN" "$@" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"; }
rc() { cat "$tmp/rc"; }
finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
