#!/bin/bash
# PDF-EXTERNAL-ACTION lists a web link once per page, even when LibreOffice draws a
# link that wraps onto the next line as two annotations; the same address on another
# page is listed again (a reviewer checks each place).
set -euo pipefail
command -v soffice >/dev/null || { echo "soffice missing"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat >"$T/l.fodt" <<'EOF2'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles><style:style style:name="Break" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style></office:styles>
<office:body><office:text>
<text:p>詳細は経済産業省のウェブサイトにある調査報告書の一覧ページ <text:a xlink:type="simple" xlink:href="https://www.meti.go.jp/topic/data/e90622aj.html">https://www.meti.go.jp/topic/data/e90622aj.html（委託調査報告書の一覧と公表に関する説明ページ）</text:a> を参照のこと。</text:p>
<text:p>別のリンク <text:a xlink:type="simple" xlink:href="https://www.example.com/">例</text:a>。</text:p>
<text:p text:style-name="Break">再掲 <text:a xlink:type="simple" xlink:href="https://www.example.com/">例</text:a>。</text:p>
</office:text></office:body></office:document>
EOF2
(cd "$T" && HOME="$T" timeout 180 soffice --headless --convert-to pdf l.fodt >/dev/null 2>&1)
# The premise: the wrapped link really is two link annotations with the same address.
n=$(qpdf --qdf --object-streams=disable "$T/l.pdf" - | grep -a -c 'e90622aj.html')
[ "$n" -ge 2 ] || echo "note: LibreOffice drew the wrapped link as $n annotation(s)"
"$NOHIN_BIN" lint -q --lang en --format json "$T/l.pdf" >"$T/r.json" || true
/usr/bin/python3 - "$T/r.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
links = sorted((f["location"].get("page"), f["evidence"]) for f in d["findings"] if f["rule"] == "PDF-EXTERNAL-ACTION")
want = [(1, "uri=https://www.example.com/"), (1, "uri=https://www.meti.go.jp/topic/data/e90622aj.html"),
        (2, "uri=https://www.example.com/")]
assert links == want, links
PYEOF
echo "pdf_links_lo ok"
