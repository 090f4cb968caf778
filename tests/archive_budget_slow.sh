#!/bin/bash
# The archive module's one write loop (src/readers/archive.c) counts the entries
# of an outer archive and all its nested archives against one budget
# (NOHIN_ARCHIVE_MAX_ENTRIES = 10 000). Lint: 6 000 + 5 000 entries in
# many.zip ⊃ inner.zip is a BUNDLE-ZIP limit; near miss 3 000 + 3 000: none.
# Slow (lint checks every expanded file, ~40 s each on a loaded machine).
# ARCHIVE_BUDGET_INTAKE=1 also runs intake on the same archive mailed as an
# attachment (the same loop; ~5 min: every entry is linted in isolation).
# Archives made with Python's zipfile, the message with its email package.
set -u
N=$(realpath "${NOHIN_BIN:?}")
. "$(dirname "$0")/lib/check.sh"
/usr/bin/python3 - "$tmp" <<'PY' || { echo "FAIL: generator"; exit 1; }
import io, sys, zipfile
from email.message import EmailMessage
t = sys.argv[1]
def many(path, outer, inner):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for i in range(inner):
            z.writestr(f"in/{i}.csv", "a,b\n")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("inner.zip", b.getvalue())
        for i in range(outer):
            z.writestr(f"out/{i}.csv", "a,b\n")
many(f"{t}/many.zip", 6000, 5000)
many(f"{t}/fewer.zip", 3000, 3000)
m = EmailMessage()
m["From"] = "a@example.jp"; m["To"] = "b@example.jp"; m["Subject"] = "many"
m["Message-ID"] = "<many@example.jp>"; m["Date"] = "Mon, 1 Dec 2025 10:00:00 +0900"
m.set_content("資料を送ります。")
m.add_attachment(open(f"{t}/many.zip", "rb").read(), maintype="application", subtype="zip",
                 filename="many.zip")
open(f"{t}/many.eml", "wb").write(bytes(m))
PY
"$N" lint --lang en --format json "$tmp/many.zip" >"$tmp/m.json"
check "lint: 11 000 entries over two levels is a BUNDLE-ZIP limit" \
  "grep -q 'over the entry or size limit of the outer archive' $tmp/m.json"
"$N" lint --lang en --format json "$tmp/fewer.zip" >"$tmp/f.json"
check "lint near miss: 6 000 entries over two levels, no BUNDLE-ZIP" "! grep -q 'BUNDLE-ZIP' $tmp/f.json"
if [ "${ARCHIVE_BUDGET_INTAKE:-0}" = 1 ]; then
  (cd "$tmp" && "$N" intake --lang en -q -f json many.eml >"$tmp/mi.json")
  check "intake: the same limit from the same loop (MAIL-UNSCANNABLE)" \
    "grep -q 'MAIL-UNSCANNABLE' $tmp/mi.json && grep -q 'over the entry or size limit of the outer archive' $tmp/mi.json"
fi
exit $fail
