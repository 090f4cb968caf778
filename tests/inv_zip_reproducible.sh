#!/usr/bin/env bash
# Zips nohin makes are the same bytes for the same input, whenever they are made:
# the web server's clean.zip (the job child `nohin serve --job-clean`) and the
# attachment zip of `nohin pack --zip` took each entry's time from the files —
# written by this run, or copied — so two runs on the same bundle differed.
# Entries now carry 1980-01-01, as clean's workbooks do (nohin_zip_set_fixed_time).
# Each is run on two copies of the sample bundle made 2 s apart (DOS time has a
# 2-second grain); near miss: a bundle with one changed byte gives another zip.
set -u
. "$(dirname "$0")/lib/requires.sh"
GEN=${NOHIN_BINARY_DIR:?}/fixtures/gen_sample_bundle
requires "$GEN" unzip
. "$(dirname "$0")/lib/check.sh"
cd "$tmp" || exit 1
"$GEN" src >/dev/null || { echo "FAIL: fixture"; exit 1; }
job() { # name: a job folder as the server lays it out, its bundle copied now
    mkdir -p "$1/in/bundle" "$1/out" && cp -r src "$1/in/bundle/sample"
    "$NOHIN" serve --job-clean "$1" --profile public >/dev/null 2>&1
}
job j1
sleep 2
job j2
check "clean.zip written" "[ -s j1/out/clean.zip ] && unzip -tq j1/out/clean.zip >/dev/null"
check "clean.zip: the same bundle, the same bytes" "cmp -s j1/out/clean.zip j2/out/clean.zip"
check "clean.zip entries are dated 1980-01-01" \
    "[ \$(unzip -Z -T j1/out/clean.zip | grep -c ' 19800101.000000 ') -ge 4 ] && ! unzip -Z -T j1/out/clean.zip | grep '^[-d]' | grep -vq ' 19800101.000000 '"
# pack: the attachment zip of each draft
attachment() { # eml dir → the zip attachments, concatenated, as a SHA-256
    $PY - "$1" <<'PYEOF'
import email, email.policy, glob, hashlib, sys
h = hashlib.sha256()
for p in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_binary_file(open(p, "rb"), policy=email.policy.default)
    for a in m.iter_attachments():
        if a.get_filename().endswith(".zip"):
            h.update(a.get_payload(decode=True))
print(h.hexdigest())
PYEOF
}
cp -r src p1 && "$NOHIN" pack p1/調査報告書等一式（公表用）/図表等データ -o m1 --zip >/dev/null 2>&1
sleep 2
cp -r src p2 && "$NOHIN" pack p2/調査報告書等一式（公表用）/図表等データ -o m2 --zip >/dev/null 2>&1
a1=$(attachment m1) a2=$(attachment m2)
check "pack --zip wrote drafts" "ls m1/*.eml >/dev/null 2>&1"
check "pack --zip: the same files, the same attachment zip" "[ '$a1' = '$a2' ]"
cp -r src p3 && printf '2099,1\n' >>p3/調査報告書等一式（公表用）/図表等データ/表2-1_業種別事業所数.csv
"$NOHIN" pack p3/調査報告書等一式（公表用）/図表等データ -o m3 --zip >/dev/null 2>&1
check "near miss: a changed file gives another zip" "[ '$(attachment m3)' != '$a1' ]"
exit $fail
