#!/usr/bin/env bash
# `nohin clean` never crashes and never leaves a half-written output (issue 14):
# a PDF with a huge object id (qpdf throws when a new object is made), an output
# path that cannot be written, a full disk (small tmpfs; skipped where mounting
# is not permitted), a killed run then a rerun, names with a newline and a
# backslash (manifest checked with sha256sum -c), the organisation from 様式2.
set -u
NOHIN=${NOHIN_BIN:?}
GEN=${NOHIN_BINARY_DIR:?}/fixtures/gen_sample_bundle
[ -x "$GEN" ] || { echo "gen_sample_bundle not built: skipped"; exit 77; }
. "$(dirname "$0")/lib/check.sh"
mnt=""
cleanup() { [ -n "$mnt" ] && umount "$mnt" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
no_tmp() { [ "$(find "$1" -maxdepth 1 -name '.*.tmp-*' | wc -l)" -eq 0 ]; }

# A minimal PDF, written by hand so the object id is exactly the hostile one.
mkpdf() { # out extra-catalog-entries
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys
extra = sys.argv[2].encode()
objs = [b"<< /Type /Catalog /Pages 2 0 R " + extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"]
c = b"BT /F1 12 Tf 20 100 Td (Hi) Tj ET"
objs.append(b"<< /Length %d >>\nstream\n" % len(c) + c + b"\nendstream")
out, offs = b"%PDF-1.4\n", []
for i, o in enumerate(objs):
    offs.append(len(out)); out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs: out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(sys.argv[1], "wb").write(out)
PY
}
mkpdf "$tmp/huge.pdf" "/X 2147483647 0 R"
mkpdf "$tmp/ok.pdf" ""

# 1. Huge object id: refused with the file's name, no abort, nothing left behind.
"$NOHIN" clean -q --file "$tmp/huge.pdf" -o "$tmp/h.pdf" 2>"$tmp/err"; rc=$?
check "huge object id (--file): exit 2, not a crash" "[ $rc -eq 2 ]"
check "huge object id: the message names the file" "grep -q 'huge.pdf' \"$tmp/err\""
check "huge object id: no output, no temporary file" "[ ! -e \"$tmp/h.pdf\" ] && ! ls \"$tmp\" | grep -q nohin-tmp"

# split builds each part as a new PDF its pages are copied into: the catalog's
# hostile reference does not come along, and no new object id is needed in the input.
"$NOHIN" split --always "$tmp/huge.pdf" -o "$tmp/hs" >/dev/null 2>"$tmp/err"; rc=$?
check "huge object id (split): exit 0, not a crash; the part passes qpdf --check" \
  "[ $rc -eq 0 ] && qpdf --check \"$tmp/hs/huge_分冊1.pdf\" >/dev/null"
check "huge object id (split): the part holds no reference to it" \
  "! qpdf --qdf --object-streams=disable \"$tmp/hs/huge_分冊1.pdf\" - | grep -q 2147483647"

"$GEN" "$tmp/b" || { echo "FAIL: fixture"; exit 1; }
PUBIN="$tmp/b/調査報告書等一式（公表用）"
cp -r "$tmp/b" "$tmp/bh"
cp "$tmp/huge.pdf" "$tmp/bh/調査報告書等一式（公表用）/別冊.pdf"
"$NOHIN" clean -q "$tmp/bh" -o "$tmp/oh"; rc=$?
check "huge object id in a bundle: exit 1 (manual work)" "[ $rc -eq 1 ]"
check "the fix list names the refused file" "grep -q 'PDF-MALFORMED.*別冊.pdf' \"$tmp/oh/提出記録/fixlist.txt\""
check "the refused file is not published" "[ ! -e \"$tmp/oh/公表用/別冊.pdf\" ]"
check "no temporary folder left" "no_tmp \"$tmp\""

# 2. An output path that cannot be written.
"$NOHIN" clean -q --file "$tmp/ok.pdf" -o /nonexistent/x.pdf 2>"$tmp/err"; rc=$?
check "unwritable output (--file): exit 2, not a crash" "[ $rc -eq 2 ]"
check "unwritable output: the message names the path" "grep -q '/nonexistent/x.pdf' \"$tmp/err\""
"$NOHIN" clean -q "$tmp/b" -o /nonexistent/out 2>"$tmp/err"; rc=$?
check "unwritable OUTDIR (bundle): exit 2 with the path" "[ $rc -eq 2 ] && grep -q '/nonexistent' \"$tmp/err\""

# 3. A full disk: a small tmpfs.
mkdir -p "$tmp/full"
if mount -t tmpfs -o size=32k tmpfs "$tmp/full" 2>/dev/null; then
  mnt="$tmp/full"
  pdf=$(ls "$PUBIN"/*.pdf)
  "$NOHIN" clean -q --config "$tmp/b/nohin.ini" --file "$pdf" -o "$tmp/full/r.pdf" 2>"$tmp/err"; rc=$?
  check "ENOSPC (--file): exit 2" "[ $rc -eq 2 ]"
  check "ENOSPC (--file): path and reason on stderr" "grep -q 'r.pdf' \"$tmp/err\" && [ \$(wc -c <\"$tmp/err\") -gt 20 ]"
  check "ENOSPC (--file): no output, nothing half-written" "[ -z \"\$(ls -A \"$tmp/full\")\" ]"
  mkdir "$tmp/full/out" && echo old >"$tmp/full/out/marker"
  "$NOHIN" clean -q --force "$tmp/b" -o "$tmp/full/out" 2>"$tmp/err"; rc=$?
  check "ENOSPC (bundle): exit 2" "[ $rc -eq 2 ]"
  check "ENOSPC (bundle): path and reason on stderr" "grep -q 'full' \"$tmp/err\""
  check "ENOSPC (bundle): the previous OUTDIR untouched" "[ \"\$(ls -A \"$tmp/full/out\")\" = marker ]"
  check "ENOSPC (bundle): temporary folder removed" "no_tmp \"$tmp/full\""
  umount "$tmp/full"
  # room for the report but not for everything: the failure comes later in the
  # run (a data workbook through libzip, 様式2, the fix list)
  for size in 64k 72k 80k; do
    mount -t tmpfs -o size=$size tmpfs "$tmp/full"
    "$NOHIN" clean -q "$tmp/b" -o "$tmp/full/out" 2>"$tmp/err"; rc=$?
    check "ENOSPC later in the run ($size): exit 2, reason on stderr, no OUTDIR" \
      "[ $rc -eq 2 ] && [ -s \"$tmp/err\" ] && [ ! -e \"$tmp/full/out\" ]"
    check "ENOSPC later in the run ($size): temporary folder removed" "no_tmp \"$tmp/full\""
    umount "$tmp/full"
  done
  mnt=""
else
  echo "skipped: ENOSPC cases (mounting a tmpfs is not permitted here)"
fi

# 4. A killed run leaves its temporary folder; the next run on that OUTDIR removes it.
mkdir "$tmp/.o4.tmp-AbC123" && echo x >"$tmp/.o4.tmp-AbC123/half.pdf"
"$NOHIN" clean -q "$tmp/b" -o "$tmp/o4" & pid=$!
for _ in $(seq 100); do
  [ -n "$(find "$tmp" -maxdepth 1 -name '.o4.tmp-*' ! -name '.o4.tmp-AbC123')" ] && break
  sleep 0.05
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
"$NOHIN" clean -q --force "$tmp/b" -o "$tmp/o4"; rc=$?
check "rerun after a killed run: exit 0" "[ $rc -eq 0 ]"
check "rerun removed the stale temporary folders" "no_tmp \"$tmp\""
check "rerun output complete" "(cd \"$tmp/o4\" && sha256sum --quiet -c 提出記録/MANIFEST.sha256)"

# 5. Names with a newline and a backslash.
cp -r "$tmp/b" "$tmp/bn"
data="$tmp/bn/調査報告書等一式（公表用）/図表等データ"
cp "$data/表2-1_業種別事業所数.csv" "$data/表9-9_改行"$'\n'"あり.csv"
cp "$data/表2-1_業種別事業所数.csv" "$data/表9-8_a\\b.csv"
"$NOHIN" clean -q "$tmp/bn" -o "$tmp/on"; rc=$?
check "names with newline/backslash: clean does not fail" "[ $rc -le 1 ]"
check "the file with a newline is published" "ls \"$tmp/on/公表用/図表等データ\" | grep -q 表9-9"
check "MANIFEST: escaped lines start with a backslash" "[ \$(grep -c '^\\\\' \"$tmp/on/提出記録/MANIFEST.sha256\") -eq 2 ]"
check "MANIFEST verifies with sha256sum -c" "(cd \"$tmp/on\" && sha256sum --quiet -c 提出記録/MANIFEST.sha256)"
check "fixlist.txt shows the newline escaped" "grep -qF '表9-9_改行\\nあり.csv' \"$tmp/on/提出記録/fixlist.txt\""

# 6. Organisation from 様式2 when nohin.ini has none.
cp -r "$tmp/b" "$tmp/bo"
sed -i '/^organisation/d' "$tmp/bo/nohin.ini"
"$NOHIN" clean -q --lang en "$tmp/bo" -o "$tmp/oo"; rc=$?
check "no organisation in nohin.ini: exit 0" "[ $rc -eq 0 ]"
check "the Author comes from 様式2" "pdfinfo \"$tmp/oo\"/公表用/*.pdf | grep -q 'Author: *株式会社日本産業総合研究所'"
check "the fix list says where it came from" "grep -q 'comes from 様式2' \"$tmp/oo/提出記録/fixlist.txt\""
"$NOHIN" lint --lang en "$tmp/oo" >"$tmp/lint.txt"; rc=$?
check "lint OUTDIR: 0 errors, 0 warnings" "[ $rc -eq 0 ] && grep -q ' 0 errors, 0 warnings' \"$tmp/lint.txt\""
exit $fail
