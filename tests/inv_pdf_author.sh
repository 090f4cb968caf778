#!/usr/bin/env bash
# clean of a PDF (LibreOffice, a person as author) with no organisation known
# said "Author … replaced by the organisation" although it removed the author.
# The fix list now says what was done. Near miss: with [bundle] organisation
# in nohin.ini the author is replaced, and the fix list says that.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires soffice pdfinfo
. "$(dirname "$0")/lib/check.sh"
cd "$tmp" || exit 1
cat >p.fodt <<'FODT'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:creator>山田 太郎</dc:creator><meta:initial-creator>山田 太郎</meta:initial-creator><dc:title>調査報告書</dc:title></office:meta>
<office:body><office:text><text:p>本文のみの報告書。</text:p></office:text></office:body></office:document>
FODT
soffice -env:UserInstallation=file://$tmp/profile --headless --convert-to pdf p.fodt >/dev/null 2>&1
check "LibreOffice wrote the person as Author" "pdfinfo p.pdf | grep -q '^Author: *山田 太郎'"
: >none.ini
printf '[bundle]\norganisation = 株式会社テスト調査\n' >org.ini
"$NOHIN" clean -c none.ini --lang en --file p.pdf -o out_none.pdf >fix_none.txt 2>&1
check "no organisation: the author is gone" "! pdfinfo out_none.pdf | grep -q '^Author:.*山田'"
check "no organisation: the fix list says removed" "grep -q 'Author \"山\\* \\*\\*\" removed' fix_none.txt"
check "no organisation: the fix list does not say replaced" "! grep -q 'replaced by the organisation' fix_none.txt"
"$NOHIN" clean -c none.ini --lang ja --file p.pdf -o out_ja.pdf >fix_ja.txt 2>&1
check "Japanese: 削除しました" "grep -q '作成者「山\\* \\*\\*」を削除しました' fix_ja.txt"
"$NOHIN" clean -c org.ini --lang en --file p.pdf -o out_org.pdf >fix_org.txt 2>&1
check "near miss: organisation known, the author is it" "pdfinfo out_org.pdf | grep -q '^Author: *株式会社テスト調査'"
check "near miss: the fix list says replaced" "grep -q 'replaced by the organisation' fix_org.txt"
exit $fail
