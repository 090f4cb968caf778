#!/usr/bin/env bash
# issue16 item 3: nothing but the report reaches stdout. A preloaded shim makes
# poppler print a diagnostic on stdout (printf and a raw write(1), as poppler's
# cairo renderer does with "BAD status: …") each time a PDF is opened; the JSON
# and SARIF on stdout must still parse, and the diagnostic must be on stderr.
set -u
NOHIN=${NOHIN_BIN:?}
GEN=${NOHIN_BINARY_DIR:?}/fixtures
PY=/usr/bin/python3
command -v cc >/dev/null || { echo "skip: no C compiler"; exit 77; }
. "$(dirname "$0")/lib/check_cmd.sh"
cat >"$tmp/shim.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <unistd.h>
typedef void *(*open_fn)(const char *, const char *, void **);
void *poppler_document_new_from_file(const char *uri, const char *pw, void **err)
{
    printf("BAD status: error occurred in libfreetype\n");
    fflush(stdout);
    (void)!write(1, "BAD status: raw write\n", 22);
    open_fn real = (open_fn)dlsym(RTLD_NEXT, "poppler_document_new_from_file");
    return real(uri, pw, err);
}
C
cc -shared -fPIC -o "$tmp/shim.so" "$tmp/shim.c" -ldl || { echo "skip: cannot build shim"; exit 77; }
# ASan wants to be first in the link order; the shim has no allocations to watch.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
mkdir -p "$tmp/b/公表用"
"$GEN/gen_pages_pdf" "$tmp/b/公表用/report.pdf" text image
run() { LD_PRELOAD="$tmp/shim.so" "$NOHIN" "$@" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"; }

# The shim works: without nohin's protection the diagnostic is on stdout.
LD_PRELOAD="$tmp/shim.so" pdfinfo "$tmp/b/公表用/report.pdf" >/dev/null 2>&1 || true
run lint --quiet --format json "$tmp/b"
check "json: exit 1" [ "$(cat "$tmp/rc")" = 1 ]
check "json: shim ran (diagnostic on stderr)" grep -q 'BAD status: error occurred' "$tmp/err"
check "json: raw write on stderr too" grep -q 'BAD status: raw write' "$tmp/err"
check "json: stdout parses" $PY -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out"
check "json: no diagnostic on stdout" not grep -q 'BAD status' "$tmp/out"
run lint --quiet --isolate --format json "$tmp/b"
check "json --isolate: stdout parses" $PY -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out"
run lint --quiet --format sarif "$tmp/b"
check "sarif: stdout parses" $PY -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["runs"]' "$tmp/out"
check "sarif: no diagnostic on stdout" not grep -q 'BAD status' "$tmp/out"
run lint --quiet "$tmp/b"
check "text: no diagnostic on stdout" not grep -q 'BAD status' "$tmp/out"
check "text: report on stdout" grep -q 'BUNDLE-\|PDF-\|LIMIT-' "$tmp/out"
# intake --no-isolate reads attachments in this process.
$PY - "$tmp/b/公表用/report.pdf" "$tmp/m.eml" <<'P'
import sys
from email.message import EmailMessage
m = EmailMessage()
m["From"] = "a@example.com"; m["To"] = "b@example.go.jp"; m["Subject"] = "report"
m.set_content("see attached")
m.add_attachment(open(sys.argv[1], "rb").read(), maintype="application", subtype="pdf",
                 filename="report.pdf")
open(sys.argv[2], "wb").write(bytes(m))
P
run intake --quiet --no-isolate --format json "$tmp/m.eml"
check "intake --no-isolate json: shim ran" grep -q 'BAD status' "$tmp/err"
# JSON Lines: a record per message and one per submission; every line must parse.
check "intake --no-isolate json: stdout parses" $PY -c 'import json,sys; ls=open(sys.argv[1]).read().splitlines(); assert ls; [json.loads(l) for l in ls]' "$tmp/out"
# --help still goes to stdout (before the redirection).
"$NOHIN" lint --help >"$tmp/out" 2>/dev/null
check "--help on stdout" grep -q -- '--format' "$tmp/out"

finish
