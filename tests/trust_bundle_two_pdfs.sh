#!/usr/bin/env bash
# A public package holding two report PDFs (a second LibreOffice PDF next to the
# report): lint says BUNDLE-PUBLIC-PDF and does not call it fixable; clean does
# not merge them, and its fix list must not claim "(fixable, but still there)"
# for it (it did: clean used its own list of rules instead of the finding's
# flag). Near miss: the finding itself is still listed as remaining.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires soffice
. "$(dirname "$0")/lib/check.sh"
"$NOHIN_BINARY_DIR/fixtures/gen_sample_bundle" "$tmp/b" >/dev/null || exit 1
cat >"$tmp/summary.fodt" <<'FODT'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>令和6年度産業構造調査報告書 概要</dc:title><dc:creator>株式会社日本産業総合研究所</dc:creator></office:meta>
<office:body><office:text><text:p>概要版：調査の結果を要約する。</text:p></office:text></office:body></office:document>
FODT
(cd "$tmp" && soffice -env:UserInstallation=file://$tmp/lo --headless --convert-to pdf summary.fodt >/dev/null 2>&1)
cp "$tmp/summary.pdf" "$tmp/b/調査報告書等一式（公表用）/概要版.pdf" || exit 1
"$NOHIN" lint --lang en --format json "$tmp/b" | /usr/bin/python3 -c '
import json, sys
print(" ".join(sorted(set(str(f["fixable"]) for f in json.load(sys.stdin)["findings"] if f["rule"] == "BUNDLE-PUBLIC-PDF"))))' >"$tmp/flag.txt"
check "lint: BUNDLE-PUBLIC-PDF, not fixable" "[ \"\$(cat $tmp/flag.txt)\" = False ]"
"$NOHIN" clean --lang en -q "$tmp/b" -o "$tmp/out"
fl="$tmp/out/提出記録/fixlist.txt"
check "clean's fix list lists the finding as remaining" "grep -q 'BUNDLE-PUBLIC-PDF.*holds 2 PDFs' $fl"
check "…without claiming it is fixable" "! grep 'BUNDLE-PUBLIC-PDF' $fl | grep -q 'fixable, but still there'"
exit $fail
