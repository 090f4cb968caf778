#!/bin/bash
# Japanese messages carry no English from libmagic: a file whose content does not match
# its extension is named by its kind ("テキスト", "zip 圧縮ファイル"), in both languages.
set -euo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/b/公表用"
printf 'not a pdf at all\r\nsecond line\r\n' >"$T/b/公表用/fake.pdf"
(cd "$T" && printf 'x' >x.txt && /usr/bin/python3 -c 'import zipfile; zipfile.ZipFile("b/公表用/table.csv","w").write("x.txt")')
"$NOHIN_BIN" lint -q --lang ja --format json "$T/b" >"$T/ja.json" || true
"$NOHIN_BIN" lint -q --lang en --format json "$T/b" >"$T/en.json" || true
/usr/bin/python3 - "$T/ja.json" "$T/en.json" <<'PYEOF'
import json, re, sys
ja = {f["file"]: f for f in json.load(open(sys.argv[1], encoding="utf-8"))["findings"] if f["rule"] == "BUNDLE-TYPE-MISMATCH"}
en = {f["file"]: f for f in json.load(open(sys.argv[2], encoding="utf-8"))["findings"] if f["rule"] == "BUNDLE-TYPE-MISMATCH"}
assert "中身はテキストです" in ja["公表用/fake.pdf"]["message"], ja
assert "中身はzip 圧縮ファイルです" in ja["公表用/table.csv"]["message"], ja
for f in ja.values():
    # no run of English words (libmagic's "ASCII text, with CRLF line terminators")
    assert not re.search(r"[A-Za-z]+ [A-Za-z]+", f["message"]), f["message"]
assert "content is plain text" in en["公表用/fake.pdf"]["message"], en
assert ja["公表用/fake.pdf"]["evidence"].startswith("text/plain")  # the MIME type stays as evidence
PYEOF
echo "messages_ja ok"
