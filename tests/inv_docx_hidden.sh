#!/usr/bin/env bash
# What Word's Document Inspector would list in a .docx (made by LibreOffice from
# a .fodt): tracked changes — a deletion holding 「回答者 中村 正樹（090-5555-6666）」,
# by 佐藤 花子 —, a comment by 田中 次郎, a page header 「担当者：鈴木 一郎
# 090-2222-3333」, a run formatted hidden and a person as creator. lint reported
# none of it. Now: DOCX-TRACKED-CHANGES, DOCX-COMMENT, DOCX-HIDDEN-TEXT,
# DOCX-METADATA-PERSON (names masked, never
# fixable: a .docx is not published), and the PII-* rules read the deleted text
# and the header. Near miss: the same document without changes, comments or a
# person (organisation as creator, a header with the title only) has none.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires soffice
. "$(dirname "$0")/lib/check.sh"
cd "$tmp" || exit 1
doc() { # name creator header tracked(0/1) comment(0/1)
    local changes="" mark="" note="" hide=""
    if [ "$4" = 1 ]; then
        changes='<text:tracked-changes text:track-changes="true"><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>佐藤 花子</dc:creator><dc:date>2024-05-01T10:00:00</dc:date></office:change-info><text:p>回答者 中村 正樹（090-5555-6666）</text:p></text:deletion></text:changed-region></text:tracked-changes>'
        mark='<text:change text:change-id="ct1"/>'
    fi
    [ "$5" = 1 ] && hide='<text:span text:style-name="T1">非表示のメモ</text:span>'
    [ "$5" = 1 ] && note='<office:annotation><dc:creator>田中 次郎</dc:creator><dc:date>2024-05-02T09:00:00</dc:date><text:p>ここは要確認</text:p></office:annotation>'
    cat >"$1.fodt" <<FODT
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:creator>$2</dc:creator><meta:initial-creator>$2</meta:initial-creator><dc:title>調査報告書</dc:title></office:meta>
<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/><style:header-style/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p>$3</text:p></style:header></style:master-page></office:master-styles>
<office:body><office:text>$changes
<text:p>本調査の概要です。${mark}回答は匿名で集計した。${hide}</text:p>
<text:p>結果の表。${note}以上。</text:p>
</office:text></office:body></office:document>
FODT
}
doc hidden "中村 正樹" "担当者：鈴木 一郎 090-2222-3333" 1 1
doc plain "株式会社テスト調査" "令和6年度 調査報告書" 0 0
soffice -env:UserInstallation=file://$tmp/profile --headless --convert-to docx:"MS Word 2007 XML" hidden.fodt plain.fodt >/dev/null 2>&1
check "LibreOffice kept the deletion, the hidden run, the comment and the header" \
    "unzip -p hidden.docx word/document.xml | grep -q '<w:delText>090-5555-6666' && unzip -p hidden.docx word/document.xml | grep -q '<w:vanish/>' && unzip -Z1 hidden.docx | grep -q word/comments.xml && unzip -p hidden.docx word/header1.xml | grep -q 090-2222-3333"
found() { # file → "RULE:fixable evidence" lines
    "$NOHIN" lint --lang en --format json "$1" | $PY -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    print("%s:%s %s" % (f["rule"], f["fixable"], f.get("evidence", "")))'
}
found hidden.docx >h.txt
check "DOCX-TRACKED-CHANGES, author masked" "grep -q '^DOCX-TRACKED-CHANGES:False authors=佐\\* \\*\\*\$' h.txt"
check "DOCX-COMMENT, author masked" "grep -q '^DOCX-COMMENT:False authors=田\\* \\*\\*\$' h.txt"
check "DOCX-HIDDEN-TEXT, the count only" "grep -q '^DOCX-HIDDEN-TEXT:False characters=6\$' h.txt"
check "DOCX-METADATA-PERSON for the creator" "grep -q '^DOCX-METADATA-PERSON:False dc:creator=中\\* \\*\\*' h.txt"
check "PII-PHONE in the deleted text" "grep -q '^PII-PHONE:False 090-\\*\\*\\*\\*-6666 @ deleted text' h.txt"
check "PII-PHONE in the header" "grep -q '^PII-PHONE:False 090-\\*\\*\\*\\*-3333 @ header/footer' h.txt"
check "PII-PERSON-NAME in the header (担当者：)" "grep -q '^PII-PERSON-NAME:False 鈴\\* \\*郎 @ header/footer' h.txt"
for fmt in text json sarif html; do
    check "nothing unmasked ($fmt)" \
        "! \"\$NOHIN\" lint --lang en --format $fmt hidden.docx | grep -q -e 中村 -e 佐藤 -e 田中 -e 鈴木 -e 5555-6666 -e 2222-3333"
done
check "Japanese messages" "\"\$NOHIN\" lint --lang ja hidden.docx | grep -q '変更履歴'"
found plain.docx >p.txt
check "near miss: a plain document has no finding ($(tr '\n' ' ' <p.txt))" "[ ! -s p.txt ]"
exit $fail
