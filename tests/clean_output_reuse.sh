#!/usr/bin/env bash
# clean's lint of its output reads again only what clean wrote anew: a CSV copied
# byte for byte keeps the per-file findings of its input. Checked here against a
# full lint of the output: NOHIN_CLEAN_FULL_LINT=1 (every file read again) gives
# the same OUTDIR, byte for byte, and `nohin lint OUTDIR` reports the same
# errors and warnings on the copied CSVs as the fix list's "Lint of the output".
set -u
NOHIN=${NOHIN_BIN:?}
GEN=${NOHIN_BINARY_DIR:?}/fixtures/gen_sample_bundle
PY=/usr/bin/python3
[ -x "$GEN" ] || { echo "gen_sample_bundle not built: skipped"; exit 77; }
command -v iconv >/dev/null || { echo "iconv missing: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
"$GEN" "$tmp/b" >/dev/null || { echo "FAIL: fixture"; exit 1; }
D="$tmp/b/調査報告書等一式（公表用）/図表等データ"
# the table's CSV with personal data, in CP932 (iconv, not our converter): errors
# and an info finding that clean does not fix without --normalize-csv
csv="$D/表2-1_業種別事業所数.csv"
{ cat "$csv"; printf '連絡先,山田太郎,yamada.taro@example.co.jp,090-1234-5678\n'; } |
  iconv -f UTF-8 -t CP932 >"$tmp/x.csv" && mv "$tmp/x.csv" "$csv"
# a second copied CSV without a caption number: a bundle finding (its name), no file finding
printf '年度,件数\n2023,12\n2024,15\n' >"$D/参考データ.csv"

NOHIN_CLEAN_DEBUG=1 "$NOHIN" clean -q --lang en "$tmp/b" -o "$tmp/reuse" 2>"$tmp/err1"
rc1=$?
NOHIN_CLEAN_FULL_LINT=1 NOHIN_CLEAN_DEBUG=1 "$NOHIN" clean -q --lang en "$tmp/b" -o "$tmp/full" 2>"$tmp/err2"
rc2=$?
check "both runs exit 1 (personal data is manual work)" "[ $rc1 -eq 1 ] && [ $rc2 -eq 1 ]"
check "the copied CSVs' findings were taken over" \
  "grep -q 'took over the findings of 2 copied file' \"$tmp/err1\""
check "NOHIN_CLEAN_FULL_LINT=1 reads every file" \
  "grep -q 'took over the findings of 0 copied file' \"$tmp/err2\""
sums() { (cd "$1" && find . -type f ! -name '様式2_*' -print0 | sort -z | xargs -0 sha256sum); }
check "same OUTDIR with and without the full output lint" "[ \"\$(sums \"$tmp/reuse\")\" = \"\$(sums \"$tmp/full\")\" ]"
check "fixlist.json identical" "cmp -s \"$tmp/reuse/提出記録/fixlist.json\" \"$tmp/full/提出記録/fixlist.json\""
check "the CSV is still personal data in the output lint" \
  "grep -q 'PII-PHONE' \"$tmp/reuse/提出記録/fixlist.txt\""

# An independent full lint of the output: its errors and warnings on the copied
# CSVs are exactly the fix list's remaining items on them.
"$NOHIN" lint -q --lang en --format json --output "$tmp/lint.json" "$tmp/reuse" >/dev/null 2>&1
"$PY" - "$tmp/lint.json" "$tmp/reuse/提出記録/fixlist.json" <<'PY' >"$tmp/cmp" 2>&1
import json, sys
lint = json.load(open(sys.argv[1]))
fl = json.load(open(sys.argv[2]))
csvs = ("公表用/図表等データ/表2-1_業種別事業所数.csv", "公表用/図表等データ/参考データ.csv")
got = sorted((x["rule"], x["output"], x["message"]) for x in fl["items"]
             if x["kind"] == "remaining" and x["output"] in csvs)
want = []
for f in lint["findings"]:
    if f["file"] in csvs and f["severity"] in ("error", "warning"):
        want.append((f["rule"], f["file"], f["message"]))
want.sort()
print("fix list:", got)
print("lint:    ", want)
sys.exit(0 if got == want and any(r == "PII-PHONE" for r, _, _ in got) else 1)
PY
r=$?
check "copied CSVs: fix list's output lint = a full lint of OUTDIR" "[ $r -eq 0 ]" || cat "$tmp/cmp"

# --normalize-csv rewrites the CSVs: nothing is taken over
NOHIN_CLEAN_DEBUG=1 "$NOHIN" clean -q --normalize-csv "$tmp/b" -o "$tmp/norm" 2>"$tmp/err3"
check "--normalize-csv: rewritten CSVs are read again" \
  "grep -q 'took over the findings of 0 copied file' \"$tmp/err3\""
exit $fail
