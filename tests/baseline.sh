#!/bin/bash
# Baselines and [waive] (docs/baseline.md): a baseline made from one LibreOffice export
# of a report still accepts every finding of a second export (new bytes, same text);
# new findings stay; suppressed findings never set the exit code; a waiver needs a reason.
set -euo pipefail
command -v soffice >/dev/null || { echo "soffice missing"; exit 77; }
PY=/usr/bin/python3
N="$NOHIN_BIN"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fodt() { # fodt FILE E-MAIL: a short report with a person, an address and a web link
    cat >"$1" <<FODT
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:creator>山田 太郎</dc:creator><meta:initial-creator>山田 太郎</meta:initial-creator><dc:title>調査報告書</dc:title></office:meta>
<office:body><office:text>
<text:h text:outline-level="1">令和6年度 調査報告書</text:h>
<text:p>担当者：山田太郎（$2、電話 03-1234-5678）</text:p>
<text:p>詳細は <text:a xlink:type="simple" xlink:href="https://www.example.com/data">こちら</text:a> を参照。</text:p>
</office:text></office:body></office:document>
FODT
}
export_pdf() { # export_pdf FODT OUTDIR
    mkdir -p "$2"
    HOME="$T/home" timeout 180 soffice --headless --convert-to pdf --outdir "$2" "$1" >/dev/null 2>&1
}
fodt "$T/rep.fodt" yamada.taro@example.co.jp
export_pdf "$T/rep.fodt" "$T/x1"
sleep 1 # a new creation date in the second export
export_pdf "$T/rep.fodt" "$T/x2"
if cmp -s "$T/x1/rep.pdf" "$T/x2/rep.pdf"; then echo "FAIL: two exports are byte-identical"; exit 1; fi
[ "$(pdftotext "$T/x1/rep.pdf" -)" = "$(pdftotext "$T/x2/rep.pdf" -)" ]
mkdir -p "$T/b1/公表用" "$T/b2/公表用"
cp "$T/x1/rep.pdf" "$T/b1/公表用/report.pdf"
cp "$T/x2/rep.pdf" "$T/b2/公表用/report.pdf"

# Locations people can use: the author is in the document properties, not "object 31".
"$N" lint -q --lang ja "$T/b1" >"$T/ja.txt" || true
grep -q 'PDF-METADATA-PERSON \[文書プロパティ\]' "$T/ja.txt" || { echo "FAIL: properties location"; cat "$T/ja.txt"; exit 1; }
if grep -q 'オブジェクト' "$T/ja.txt"; then echo "FAIL: an object number shown"; exit 1; fi
"$N" lint -q --format json "$T/b1" >"$T/p.json" || true
grep -q '"rule":"PDF-METADATA-PERSON","severity":"error","file":"公表用/report.pdf","location":{"part":"properties"}' "$T/p.json"

# The baseline: written atomically, deterministic, never overwritten without --force.
"$N" baseline --lang en "$T/b1" -o "$T/bl.ini"
"$N" baseline --lang en "$T/b1" -o - >"$T/bl2.ini"
cmp "$T/bl.ini" "$T/bl2.ini"
grep -q '^rule=PII-EMAIL$' "$T/bl.ini"
grep -q '^rule=PDF-EXTERNAL-ACTION$' "$T/bl.ini"
if "$N" baseline "$T/b1" -o "$T/bl.ini" 2>/dev/null; then echo "FAIL: overwrote a baseline"; exit 1; fi
"$N" baseline "$T/b1" -o "$T/bl.ini" --force
# --lang changes the messages, never the fingerprints (the group names)
[ "$(grep '^\[' "$T/bl.ini")" = "$(grep '^\[' "$T/bl2.ini")" ]
if "$N" baseline "$T/b1" 2>/dev/null; then echo "FAIL: baseline without -o"; exit 1; fi

# Without the baseline the second export fails; with it, everything is suppressed.
rc=0; "$N" lint -q "$T/b2" >/dev/null || rc=$?; [ $rc = 1 ]
rc=0; "$N" lint -q --baseline "$T/bl.ini" --format json "$T/b2" >"$T/s.json" || rc=$?
[ $rc = 0 ] || { echo "FAIL: baseline did not survive a re-export (rc $rc)"; cat "$T/s.json"; exit 1; }
rc=0; "$N" lint -q --fail-on info --baseline "$T/bl.ini" "$T/b2" >"$T/s.txt" || rc=$?; [ $rc = 0 ]
grep -q 'で除外: [0-9]* 件' "$T/s.txt"
$PY - "$T/s.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
f = d["findings"]
assert len(f) >= 4, f
for x in f:
    assert x["suppressed"]["kind"] == "external", x
    assert "bl.ini" in x["suppressed"]["reason"], x
s = d["summary"]
assert (s["error"], s["warning"], s["info"], s["suppressed"]) == (0, 0, 0, len(f)), s
PYEOF

# A reviewer's reason in the baseline becomes the justification.
$PY - "$T/bl.ini" <<'PYEOF'
import sys
p = sys.argv[1]
t = open(p, encoding="utf-8").read()
t = t.replace("rule=PDF-EXTERNAL-ACTION\n", "rule=PDF-EXTERNAL-ACTION\nreason=公開を前提としたURL\n")
open(p, "w", encoding="utf-8").write(t)
PYEOF
"$N" lint -q --baseline "$T/bl.ini" --format json "$T/b2" >"$T/r.json"
grep -q '"suppressed":{"kind":"external","reason":"公開を前提としたURL"}' "$T/r.json"

# New findings are not hidden: another address in the same report, and a new file.
fodt "$T/rep3.fodt" suzuki.hanako@example.co.jp
export_pdf "$T/rep3.fodt" "$T/x3"
cp "$T/x3/rep3.pdf" "$T/b2/公表用/report.pdf"
"$NOHIN_BINARY_DIR/fixtures/gen_pages_pdf" "$T/b2/公表用/scan.pdf" image
rc=0; "$N" lint -q --baseline "$T/bl.ini" --format json "$T/b2" >"$T/n.json" || rc=$?; [ $rc = 1 ]
$PY - "$T/n.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
live = [(x["rule"], x["file"]) for x in d["findings"] if "suppressed" not in x]
assert ("PII-EMAIL", "公表用/report.pdf") in live, live
assert ("PDF-TEXT-LAYER", "公表用/scan.pdf") in live, live
supp = [x["rule"] for x in d["findings"] if "suppressed" in x]
assert "PDF-EXTERNAL-ACTION" in supp and "PII-PHONE" in supp, supp
PYEOF

# Not a baseline: usage error.
printf '[bundle]\ntitle=x\n' >"$T/not.ini"
rc=0; "$N" lint -q --baseline "$T/not.ini" "$T/b1" 2>/dev/null || rc=$?; [ $rc = 2 ]

# [waive] in nohin.ini: rule, file glob, location glob and a mandatory reason.
cat >"$T/b1/nohin.ini" <<'INI'
[waive public-url]
rule=PDF-EXTERNAL-ACTION
file=公表用/*.pdf
location=page 1
reason=公開を前提としたURL
[waive phone]
rule=PII-PHONE
file=公表用/*.pdf
location=page 9
reason=wrong page: must not match
[waive no-reason]
rule=PII-EMAIL
file=*
INI
rc=0; "$N" lint -q --lang en --format json "$T/b1" >"$T/w.json" || rc=$?; [ $rc = 1 ]
$PY - "$T/w.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
by = {x["rule"]: x for x in d["findings"]}
assert by["PDF-EXTERNAL-ACTION"]["suppressed"] == {"kind": "inSource", "reason": "公開を前提としたURL"}, by
assert "suppressed" not in by["PII-PHONE"], by["PII-PHONE"]
assert "suppressed" not in by["PII-EMAIL"], "a waiver without a reason was used"
ck = [x for x in d["findings"] if x["rule"] == "CONFIG-KEY"]
assert len(ck) == 1 and "[waive no-reason] reason" in ck[0]["message"], ck
assert d["summary"]["suppressed"] == 1, d["summary"]
PYEOF
echo "baseline ok"
