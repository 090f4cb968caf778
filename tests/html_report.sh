#!/bin/bash
# --format html: a self-contained page opened in headless Chromium with the
# network blocked and logged; the finding count the page shows (after its script
# ran) equals the JSON's; filtering works; screenshots for a person to look at.
set -euo pipefail
PY=/usr/bin/python3
CHROMIUM=$(command -v chromium || true)
[ -n "$CHROMIUM" ] || { echo "chromium not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
SHOTS="$NOHIN_BINARY_DIR/html-report-screenshots"
mkdir -p "$SHOTS"
TOOLS="$NOHIN_SOURCE_DIR/tests/tools"
chrome() { # chrome OUTFLAG... URL: one headless run, fresh profile, networking blocked
    local profile
    profile=$(mktemp -d "$T/profile.XXXX")
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --no-first-run --disable-component-update --disable-sync --disable-extensions \
        --disable-default-apps --user-data-dir="$profile" \
        --proxy-server=127.0.0.1:9 --host-resolver-rules="MAP * ~NOTFOUND" \
        --virtual-time-budget=5000 "$@" 2>>"$T/chromium.log"
}
count_of() { # count_of DOM-FILE ID
    $PY -c 'import re,sys; m=re.search(r"id=\"%s\"[^>]*>([^<]*)<" % sys.argv[2], open(sys.argv[1],encoding="utf-8").read()); print(m.group(1) if m else "")' "$1" "$2"
}
# The net-log check can fail: a page that loads an image from a server is caught.
echo '<html><body><img src="http://example.invalid/x.png"></body></html>' >"$T/control.html"
chrome --log-net-log="$T/control.netlog.json" --dump-dom "file://$T/control.html" >/dev/null
if $PY "$TOOLS/netlog_check.py" "$T/control.netlog.json" >/dev/null; then
    echo "FAIL: the net-log check missed a request"; exit 1
fi
"$NOHIN_BINARY_DIR/fixtures/gen_findings_bundle" "$T/findings"
"$NOHIN_BINARY_DIR/fixtures/gen_sample_bundle" "$T/sample"
for b in findings sample; do
    for lang in ja en; do
        "$NOHIN_BIN" lint -q --lang $lang --format json "$T/$b" >"$T/$b.$lang.json" || [ $? -eq 1 ]
        "$NOHIN_BIN" lint -q --lang $lang --format html -o "$T/$b.$lang.html" "$T/$b" || [ $? -eq 1 ]
        $PY "$TOOLS/html_check.py" "$T/$b.$lang.html" "$T/$b.$lang.json"
        n=$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$T/$b.$lang.json")
        url="file://$T/$b.$lang.html"
        chrome --log-net-log="$T/$b.$lang.netlog.json" --dump-dom "$url" >"$T/$b.$lang.dom.html"
        $PY "$TOOLS/netlog_check.py" "$T/$b.$lang.netlog.json"
        [ "$(count_of "$T/$b.$lang.dom.html" finding-count)" = "$n" ] || { echo "FAIL: finding-count"; exit 1; }
        # shown-count is written by the page's script ("-" in the file): it ran, offline.
        grep -q 'id="shown-count">-<' "$T/$b.$lang.html"
        [ "$(count_of "$T/$b.$lang.dom.html" shown-count)" = "$n" ] || { echo "FAIL: shown-count"; exit 1; }
        chrome --screenshot="$T/$b.$lang.png" --window-size=1280,1800 "$url" >/dev/null
        $PY -c 'import sys; d=open(sys.argv[1],"rb").read(); sys.exit(0 if d[:8]==b"\x89PNG\r\n\x1a\n" and len(d)>20000 else 1)' "$T/$b.$lang.png" \
            || { echo "FAIL: no screenshot for $b.$lang"; exit 1; }
        cp "$T/$b.$lang.png" "$SHOTS/"
        echo "$b.$lang: $n findings shown, screenshot $SHOTS/$b.$lang.png"
    done
done
# Deterministic bytes, pictures included.
"$NOHIN_BIN" lint -q --lang ja --format html "$T/findings" >"$T/again.html" || [ $? -eq 1 ]
cmp "$T/findings.ja.html" "$T/again.html"
# The image-only page has a picture; the page's JSON count is not zero.
grep -q 'data:image/png;base64,' "$T/findings.en.html"
grep -q 'PDF-TEXT-LAYER' "$T/findings.en.html"
grep -q 'no extractable text' "$T/findings.en.html"
grep -q 'テキスト' "$T/findings.ja.html"
# Filtering in the page, offline: #rule=CONFIG-KEY leaves only that rule's findings shown.
want=$($PY -c 'import json,sys; print(sum(f["rule"]=="CONFIG-KEY" for f in json.load(open(sys.argv[1]))["findings"]))' "$T/findings.en.json")
[ "$want" -ge 1 ]
chrome --dump-dom "file://$T/findings.en.html#rule=CONFIG-KEY" >"$T/filtered.dom.html"
[ "$(count_of "$T/filtered.dom.html" shown-count)" = "$want" ] || { echo "FAIL: filter by rule"; exit 1; }
visible=$($PY -c 'import re,sys; t=open(sys.argv[1],encoding="utf-8").read(); print(len([m for m in re.findall(r"<article class=\"finding[^>]*>", t) if " hidden" not in m]))' "$T/filtered.dom.html")
[ "$visible" = "$want" ] || { echo "FAIL: $visible findings visible after filtering, want $want"; exit 1; }
wantsev=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["error"])' "$T/findings.en.json")
chrome --dump-dom "file://$T/findings.en.html#severity=error&sort=rule" >"$T/sev.dom.html"
[ "$(count_of "$T/sev.dom.html" shown-count)" = "$wantsev" ] || { echo "FAIL: filter by severity"; exit 1; }
# Suppressed findings (a baseline without its last entry, and a [waive]): in the page,
# hidden until "show suppressed" is ticked (#suppressed=1), never in the counts.
"$NOHIN_BIN" baseline "$T/findings" -o "$T/bl.ini"
$PY - "$T/bl.ini" <<'PYEOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[1], "w", encoding="utf-8").write("".join(re.split(r"(?m)^(?=\[)", t)[:-1]))
PYEOF
"$NOHIN_BIN" lint -q --lang ja --baseline "$T/bl.ini" --format json "$T/findings" >"$T/supp.json" || [ $? -eq 1 ]
"$NOHIN_BIN" lint -q --lang ja --baseline "$T/bl.ini" --format html -o "$T/supp.html" "$T/findings" || [ $? -eq 1 ]
$PY "$TOOLS/html_check.py" "$T/supp.html" "$T/supp.json"
# The bundle's own nohin.ini is listed as settings, not as a public file.
grep -q '<tr><td>nohin.ini</td><td>nohin の設定</td>' "$T/supp.html" || { echo "FAIL: nohin.ini labelled as a public file"; exit 1; }
# a file whose findings are all accepted says so in its summary line
grep -q '<small class="file-summary">エラー 0 件、警告 0 件、情報 0 件 （除外 [0-9]* 件）</small>' "$T/supp.html" \
    || { echo "FAIL: no suppressed count in the file summary"; exit 1; }
read -r live all < <($PY -c 'import json,sys; f=json.load(open(sys.argv[1]))["findings"]; print(sum("suppressed" not in x for x in f), len(f))' "$T/supp.json")
[ "$live" -ge 1 ] && [ "$all" -gt "$live" ]
chrome --dump-dom "file://$T/supp.html" >"$T/supp.dom.html"
[ "$(count_of "$T/supp.dom.html" shown-count)" = "$live" ] || { echo "FAIL: suppressed shown by default"; exit 1; }
chrome --dump-dom "file://$T/supp.html#suppressed=1" >"$T/supp1.dom.html"
[ "$(count_of "$T/supp1.dom.html" shown-count)" = "$all" ] || { echo "FAIL: toggle does not show suppressed"; exit 1; }
for v in "" "#suppressed=1"; do
    chrome --screenshot="$T/s.png" --window-size=1280,1800 "file://$T/supp.html$v" >/dev/null
    cp "$T/s.png" "$SHOTS/suppressed${v:+-shown}.png"
done
echo "html report ok"
