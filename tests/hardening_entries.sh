#!/usr/bin/env bash
# issue16 item 4 + issue12 unreadable files: a FIFO never blocks (PATH or inside a
# bundle, with and without --isolate); links, FIFOs and unreadable files are
# findings, never skipped silently; lint --timeout.
set -u
NOHIN=${NOHIN_BIN:?}
GEN=${NOHIN_BINARY_DIR:?}/fixtures
PY=/usr/bin/python3
. "$(dirname "$0")/lib/check_cmd.sh"
chmod 755 "$tmp"
trap 'chmod -R u+rwX "$tmp"; rm -rf "$tmp"' EXIT
# rules RULE SEVERITY PATH < json: the finding exists with that severity
has() { $PY -c 'import json,sys
d=json.load(open(sys.argv[1]))
sys.exit(0 if any(f["rule"]==sys.argv[2] and f["severity"]==sys.argv[3] and f["file"].endswith(sys.argv[4]) for f in d["findings"]) else 1)' "$tmp/out.json" "$@"; }
lint() { timeout 10 "$NOHIN" lint --quiet --lang en "$@" >"$tmp/out.json" 2>"$tmp/err"; echo $? >"$tmp/rc"; }

mkdir -p "$tmp/b/公表用" "$tmp/b/非公表"
"$GEN/gen_pages_pdf" "$tmp/b/公表用/report.pdf" text
printf 'a,b\n1,2\n' >"$tmp/b/公表用/data.csv"
mkfifo "$tmp/b/公表用/pipe.csv" "$tmp/b/非公表/pipe.pdf" "$tmp/direct.pdf"
ln -s data.csv "$tmp/b/公表用/link.csv"
ln -s /etc/hostname "$tmp/b/公表用/outside.csv"
ln -s missing.csv "$tmp/b/公表用/dangling.csv"

# A FIFO as PATH: reported, no hang (timeout 10 gives 124).
for iso in "" --isolate "--timeout 5"; do
  lint -f json $iso "$tmp/direct.pdf"
  check "FIFO PATH $iso: exit 1, not 124" [ "$(rc)" = 1 ]
  check "FIFO PATH $iso: BUNDLE-SPECIAL-FILE error" has BUNDLE-SPECIAL-FILE error direct.pdf
done

lint -f json "$tmp/b"
check "bundle with FIFOs: exit 1" [ "$(rc)" = 1 ]
check "FIFO in public: error" has BUNDLE-SPECIAL-FILE error 公表用/pipe.csv
check "FIFO in internal: warning" has BUNDLE-SPECIAL-FILE warning 非公表/pipe.pdf
check "link inside: info" has BUNDLE-SYMLINK info 公表用/link.csv
check "link outside: warning" has BUNDLE-SYMLINK warning 公表用/outside.csv
check "dangling link: warning" has BUNDLE-SYMLINK warning 公表用/dangling.csv
check "evidence shows no full outside path" not grep -q '/etc/hostname' "$tmp/out.json"
check "the regular file is still checked" \
  $PY -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if any(f["path"].endswith("data.csv") and f["status"]=="ok" for f in d["files"]) else 1)' "$tmp/out.json"
# Near miss: a plain bundle has none of these rules.
rm "$tmp/b/公表用/"{pipe.csv,link.csv,outside.csv,dangling.csv} "$tmp/b/非公表/pipe.pdf"
lint -f json "$tmp/b"
check "near miss: no entry rule" not grep -qE 'BUNDLE-SYMLINK|BUNDLE-SPECIAL-FILE|FILE-UNREADABLE' "$tmp/out.json"

# --timeout: a usage error when negative; accepted otherwise.
lint --timeout -3 "$tmp/b"
check "--timeout -3: exit 2" [ "$(rc)" = 2 ]

# An unreadable file (chmod 000) as a user who cannot bypass permissions.
# root reads anything: run as nobody then; any other user is already subject to it.
if [ "$(id -u)" = 0 ]; then
  as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
else
  as_nobody() { "$@"; }
fi
if { [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; } && as_nobody true 2>/dev/null &&
  as_nobody test -x "$NOHIN"; then
  cp "$tmp/b/公表用/report.pdf" "$tmp/b/公表用/locked.pdf"
  chmod -R a+rX "$tmp"
  chmod 000 "$tmp/b/公表用/locked.pdf"
  for role in 公表用 非公表; do
    [ "$role" = 非公表 ] && mv "$tmp/b/公表用/locked.pdf" "$tmp/b/非公表/locked.pdf"
    as_nobody timeout 10 "$NOHIN" lint --quiet --lang en -f json "$tmp/b" >"$tmp/out.json" 2>"$tmp/err"
    echo $? >"$tmp/rc"
    check "unreadable in $role: exit 1" [ "$(rc)" = 1 ]
    check "unreadable in $role: FILE-UNREADABLE error" has FILE-UNREADABLE error "$role/locked.pdf"
  done
  # Japanese text output: no libmagic English phrase about the file.
  as_nobody timeout 10 "$NOHIN" lint --quiet --lang ja "$tmp/b" >"$tmp/out.txt" 2>&1
  check "ja: FILE-UNREADABLE shown" grep -q 'FILE-UNREADABLE' "$tmp/out.txt"
  check "ja: message translated" grep -q '読み取れなかった' "$tmp/out.txt"
  check "ja: no libmagic phrase" not grep -qiE 'no read permission|regular file|cannot open' "$tmp/out.txt"
  chmod 644 "$tmp/b/非公表/locked.pdf"
else
  echo "skip: cannot run as nobody (setpriv)"
fi

finish
