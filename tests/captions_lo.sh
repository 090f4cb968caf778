#!/bin/bash
# Captions from a LibreOffice PDF whose captions use the full-width space
# (「表3-1　市場規模の推移」): LibreOffice draws it as a gap and poppler's text puts
# the number and the title on separate lines. Read by position, the title stays;
# the contents page is a reference (the figure's page is reported); a data file
# with a wrong number but a near title gets "did you mean".
set -euo pipefail
command -v soffice >/dev/null || { echo "soffice missing"; exit 77; }
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
$PY - "$NOHIN_SOURCE_DIR/fixtures/samples/lo_captions.fodt" "$T/report.fodt" <<'PYEOF'
import sys
head = open(sys.argv[1], encoding="utf-8").read().split("<office:body>")[0]
head = head.replace('  <style:style style:name="TOC"', '''  <style:style style:name="CapC" style:family="paragraph" style:parent-style-name="Caption">
   <style:paragraph-properties fo:text-align="center"/>
  </style:style>
  <style:style style:name="CapJ" style:family="paragraph" style:parent-style-name="Caption">
   <style:paragraph-properties fo:text-align="justify"/>
  </style:style>
  <style:style style:name="TOC"''')
body = """<office:body><office:text>
<text:h text:style-name="Heading_20_1" text:outline-level="1">図表目次</text:h>
<text:p text:style-name="TOC">表3-1\u3000市場規模の推移<text:tab/>2</text:p>
<text:p text:style-name="TOC">図3-2\u3000地域別出荷額の推移<text:tab/>2</text:p>
<text:p text:style-name="TOC">図4-2\u3000都道府県別の事業所数の推移<text:tab/>2</text:p>
<text:h text:style-name="Chapter" text:outline-level="1">第3章 結果</text:h>
<text:p text:style-name="Standard">市場規模は次のとおりである。</text:p>
<text:p text:style-name="CapC">表3-1\u3000市場規模の推移</text:p>
<text:p text:style-name="CapJ">図3-2\u3000地域別出荷額の推移</text:p>
<text:p text:style-name="Caption">図4-2\u3000都道府県別の事業所数の推移</text:p>
<text:p text:style-name="Standard">以下の表は目次に載せていない。</text:p>
<text:p text:style-name="CapC">表5-1\u3000調査対象の一覧</text:p>
<text:p text:style-name="Caption">表6-1\u3000回答者の属性</text:p>
</office:text></office:body></office:document>
"""
open(sys.argv[2], "w", encoding="utf-8").write(head + body)
PYEOF
(cd "$T" && HOME="$T" timeout 180 soffice --headless --convert-to pdf report.fodt >/dev/null 2>&1)
# The premise: poppler's plain text really has the number alone on a line.
pdftotext "$T/report.pdf" - | grep -qx '表 3-1' || { echo "premise changed: number not alone"; pdftotext "$T/report.pdf" - | head; }
mkdir -p "$T/b/公表用/data"
cp "$T/report.pdf" "$T/b/公表用/report.pdf"
for n in 表3-1_市場規模の推移 図3-2_品目別の輸出額 表5-1_別の題名 図4-3_都道府県別の事業所数の推移 図5-1_全く別の内容; do
    printf 'year,value\n2023,1\n' >"$T/b/公表用/data/$n.csv"
done
"$NOHIN_BIN" lint -q --lang en --format json "$T/b" >"$T/r.json" || [ $? -eq 1 ]
$PY - "$T/r.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
fs = d["findings"]
def of(rule, file=None):
    return [f for f in fs if f["rule"] == rule and (file is None or f["file"].endswith(file))]
# 表3-1 has its data file under the full title: nothing about it.
assert not of("BUNDLE-FIGURE-NAME", "表3-1_市場規模の推移.csv"), of("BUNDLE-FIGURE-NAME")
assert not [f for f in of("BUNDLE-FIGURE-DATA-MISSING") if "3-1" in f["message"]]
# 図3-2's file carries another title: flagged, with the caption's full title.
w = of("BUNDLE-FIGURE-NAME", "図3-2_品目別の輸出額.csv")
assert len(w) == 1 and "地域別出荷額の推移" in w[0]["message"] and w[0]["evidence"] == "図3-2_地域別出荷額の推移", w
# 図4-2 has no data: reported on page 2, where the figure is (not the contents page), with its title.
m = [f for f in of("BUNDLE-FIGURE-DATA-MISSING") if "4-2" in f["message"]]
assert len(m) == 1 and m[0]["location"] == {"page": 2} and "都道府県別の事業所数の推移" in m[0]["message"], m
# 図4-3 is not a caption, but its title nearly is 図4-2's: did you mean.
y = of("BUNDLE-FIGURE-NAME", "図4-3_都道府県別の事業所数の推移.csv")
assert len(y) == 1 and "Did you mean 図4-2 都道府県別の事業所数の推移 (page 2" in y[0]["message"], y
# Captions only in the body (no contents line to borrow a title from) keep theirs.
v = of("BUNDLE-FIGURE-NAME", "表5-1_別の題名.csv")
assert len(v) == 1 and "調査対象の一覧" in v[0]["message"], v
m = [f for f in of("BUNDLE-FIGURE-DATA-MISSING") if "6-1" in f["message"]]
assert len(m) == 1 and m[0]["evidence"] == "表6-1_回答者の属性", m
# Near miss: an unrelated title gets no suggestion.
z = of("BUNDLE-FIGURE-NAME", "図5-1_全く別の内容.csv")
assert len(z) == 1 and "Did you mean" not in z[0]["message"], z
print("ok:", len(fs), "findings")
PYEOF
echo "captions_lo ok"
