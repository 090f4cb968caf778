#!/usr/bin/env bash
# issue16 item 9 from the command line: --lang fr is a usage error; a missing
# --config names the path; a Shift_JIS nohin.ini is an error naming the file and
# the encoding (no GLib-CRITICAL); a misspelt rule id is a CONFIG-KEY warning.
set -u
NOHIN=${NOHIN_BIN:?}
GEN=${NOHIN_BINARY_DIR:?}/fixtures
. "$(dirname "$0")/lib/check_cmd.sh"
mkdir -p "$tmp/b/公表用"
"$GEN/gen_pages_pdf" "$tmp/b/公表用/report.pdf" text

run lint --quiet --lang fr "$tmp/b"
check "--lang fr: exit 2" [ "$(rc)" = 2 ]
check "--lang fr: says so" grep -q "fr" "$tmp/err"
run lint --quiet --lang en "$tmp/b"
check "near miss --lang en: not a usage error" [ "$(rc)" != 2 ]
run lint --quiet --lang en --config "$tmp/nowhere/my.ini" "$tmp/b"
check "missing --config: exit 2" [ "$(rc)" = 2 ]
check "missing --config: path named" grep -q "$tmp/nowhere/my.ini" "$tmp/err"
printf '[bundle]\norganisation=株式会社日本産業総合研究所\n' | iconv -f UTF-8 -t SHIFT_JIS >"$tmp/b/nohin.ini"
run lint --quiet --lang en "$tmp/b"
check "Shift_JIS ini: exit 2" [ "$(rc)" = 2 ]
check "Shift_JIS ini: file named" grep -q "nohin.ini" "$tmp/err"
check "Shift_JIS ini: encoding named" grep -qi "shift_jis" "$tmp/err"
check "Shift_JIS ini: no GLib-CRITICAL" not grep -q "CRITICAL" "$tmp/err"
printf '\xef\xbb\xbf[rules]\ndisable=PDF-PROPERTY;\n' >"$tmp/b/nohin.ini"
run lint --quiet --lang en --format json "$tmp/b"
check "BOM + misspelt rule: CONFIG-KEY names it" grep -q 'CONFIG-KEY.*PDF-PROPERTY' "$tmp/out"
printf '\xef\xbb\xbf[rules]\ndisable=PDF-PROPERTIES; # titles come later\n' >"$tmp/b/nohin.ini"
run lint --quiet --lang en --format json "$tmp/b"
check "near miss: right id + comment: no CONFIG-KEY" not grep -q 'CONFIG-KEY' "$tmp/out"
check "near miss: the rule is disabled" not grep -q 'PDF-PROPERTIES' "$tmp/out"
finish
