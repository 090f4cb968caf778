#!/usr/bin/env bash
# What Acrobat's "Remove Hidden Information" finds, in PDFs made by other tools:
# a LibreOffice export with a comment, form fields (ExportFormFields), white
# text, bookmarks and a person as author (tests/trust/pdf_forms_lo.py); a
# LibreOffice PDF to which qpdf added JavaScript (/OpenAction, /Names
# /JavaScript, document and page /AA), a sticky note, a file attachment
# annotation, an attachment (--add-attachment), associated files (/AF), XMP
# naming a person, layers, text outside the crop box, under a black box or
# invisible (tests/trust/pdf_inject.py); an img2pdf scan with XMP on its image.
# Personal data in a link address the page does not show is found. lint finds
# each with the right rule and fixable flag and masks the evidence;
# clean removes what is fixable (an off layer's content too), its output passes
# qpdf --check, keeps the visible text, and lints with no fixable finding and
# nothing new. Near misses: LibreOffice's open action (only the page to open
# at), a link to www.meti.go.jp, an internal /GoTo link, layers that are on,
# bookmarks. A 様式3 PDF with an off layer and an associated file on its page,
# appended to the public report by clean, loses both too.
set -u
NOHIN=${NOHIN_BIN:?}
PY=/usr/bin/python3
command -v soffice >/dev/null || { echo "soffice missing: skipped"; exit 77; }
. "$(dirname "$0")/lib/check.sh"
T=$NOHIN_SOURCE_DIR/tests/trust
$PY "$T/pdf_forms_lo.py" "$tmp/forms.fodt" || exit 1
cat >"$tmp/base.fodt" <<'FODT'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>報告書</dc:title></office:meta>
<office:body><office:text><text:p>本報告書は調査の結果をまとめたものである。</text:p><text:p>Survey results are summarised below.</text:p></office:text></office:body></office:document>
FODT
opts='{"ExportFormFields":{"type":"boolean","value":"true"},"ExportNotes":{"type":"boolean","value":"true"},"ExportBookmarks":{"type":"boolean","value":"true"}}'
(cd "$tmp" && soffice -env:UserInstallation=file://$tmp/lo --headless \
   --convert-to "pdf:writer_pdf_Export:$opts" forms.fodt base.fodt >/dev/null 2>&1)
[ -s "$tmp/forms.pdf" ] && [ -s "$tmp/base.pdf" ] || { echo "FAIL: LibreOffice wrote no PDF"; exit 1; }
printf 'name,phone\nYamada Taro,090-1111-2222\n' >"$tmp/meibo.csv"
inject() { # OUT SCENARIO...
  local out=$1; shift
  $PY "$T/pdf_inject.py" "$tmp/base.pdf" "$@" >"$tmp/$out.json" &&
    qpdf "$tmp/base.pdf" --update-from-json="$tmp/$out.json" "$tmp/$out.pdf"
}
inject js openjs namedjs docaa pageaa annot fileannot xmp links af || exit 1
qpdf "$tmp/js.pdf" --add-attachment "$tmp/meibo.csv" -- "$tmp/inj.pdf" || exit 1
inject layer layer && inject layeron layeron && inject hid crop covered invisible || exit 1
# a scan as img2pdf writes it (author given), with XMP on its image (imgxmp)
$PY -c "
from PIL import Image, ImageDraw, ImageFont
im = Image.new('L', (1240, 1754), 255)
f = ImageFont.truetype('/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf', 40)
ImageDraw.Draw(im).text((100, 200), '調査報告書 第1章 概要', font=f, fill=0)
im.save('$tmp/scan.png', dpi=(150, 150))" || exit 1
$PY -m img2pdf --author '山田 太郎' --title 'スキャン' "$tmp/scan.png" -o "$tmp/scan0.pdf" || exit 1
$PY "$T/pdf_inject.py" "$tmp/scan0.pdf" imgxmp >"$tmp/scan.json" &&
  qpdf "$tmp/scan0.pdf" --update-from-json="$tmp/scan.json" "$tmp/scan.pdf" || exit 1
check "the documents pass qpdf --check" \
  "for f in forms inj layer layeron hid scan; do qpdf --check $tmp/\$f.pdf >/dev/null || exit 1; done"

# "RULE severity fixable evidence" per finding
findings() { "$NOHIN" lint --lang en --format json "$1" | $PY -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    print(f["rule"], f["severity"], str(f.get("fixable", False)).lower(), f.get("evidence"))' | sort; }
n() { grep -c "^$2 $3 $4" "$tmp/$1.txt"; }
for f in forms inj layer layeron hid scan; do findings "$tmp/$f.pdf" >"$tmp/$f.txt"; done

check "forms: the comment, both form values and the author are fixable errors/warnings" \
  "[ \$(n forms PDF-ANNOTATION error true) -eq 1 ] && [ \$(n forms PDF-FORM warning true) -eq 2 ] && [ \$(n forms PDF-METADATA-PERSON error true) -eq 1 ]"
check "forms: white text naming a person is hidden text" "[ \$(n forms PDF-HIDDEN-TEXT error false) -eq 1 ]"
check "forms: near misses: LibreOffice's open action is no finding, the ministry link is info" \
  "[ \$(n forms PDF-AUTO-ACTION '' '') -eq 0 ] && [ \$(n forms PDF-EXTERNAL-ACTION info false) -eq 3 ] && [ \$(grep -c ' error \| warning ' $tmp/forms.txt) -eq 11 ]"
"$NOHIN" lint --lang en --format json "$tmp/forms.pdf" | $PY -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    if f["rule"] in ("PII-EMAIL", "PII-PHONE"): print(f["rule"], f["evidence"])' | sort >"$tmp/forms-pii.txt"
check "forms: personal data in a link address the page does not show is found (masked)" \
  "grep -qx 'PII-EMAIL y\*\*\*@example.co.jp @ link address' $tmp/forms-pii.txt && grep -qx 'PII-PHONE 090-\*\*\*\*-5678 @ link address' $tmp/forms-pii.txt"
check "forms: near miss: a mailto link showing its address gives one finding, in the text" \
  "[ \$(grep -c '^PII-EMAIL s' $tmp/forms-pii.txt) -eq 1 ] && ! grep -q '^PII-EMAIL s.* @ link address' $tmp/forms-pii.txt"
check "injected: open action, document and page /AA (JavaScript) are fixable" \
  "[ \$(n inj PDF-AUTO-ACTION error true) -eq 3 ] && [ \$(n inj PDF-JAVASCRIPT error true) -eq 4 ]"
check "injected: sticky note, attachment annotation, attached file, 2 associated files are fixable" \
  "[ \$(n inj PDF-ANNOTATION error true) -eq 1 ] && [ \$(n inj PDF-ATTACHMENT error true) -eq 4 ]"
check "injected: XMP dc:creator names a person (fixable)" \
  "grep -q '^PDF-METADATA-PERSON error true fields=dc:creator' $tmp/inj.txt"
check "injected: near misses: the /GoTo link is no finding, the ministry link is info" \
  "[ \$(grep -c '^PDF-EXTERNAL-ACTION' $tmp/inj.txt) -eq 1 ] && [ \$(n inj PDF-EXTERNAL-ACTION info false) -eq 1 ]"
check "scan: the author and the image's XMP creator are fixable (masked)" \
  "grep -q '^PDF-METADATA-PERSON error true fields=Info/Author value=山\* \*\*' $tmp/scan.txt && grep -q '^PDF-METADATA-PERSON error true fields=dc:creator value=佐\* \*\*' $tmp/scan.txt"
check "a layer that is off is a fixable error; its text and form are not shown" \
  "[ \$(n layer PDF-HIDDEN-LAYER error true) -eq 1 ] && ! pdftotext $tmp/layer.pdf - | grep -q Yamada"
check "text outside the crop box, under a black box, in render mode 3: hidden text (not fixable)" \
  "for r in outside-crop covered invisible; do grep -q \"^PDF-HIDDEN-TEXT error false reason=\$r \" $tmp/hid.txt || exit 1; done"
check "near miss: the same layers on are info only (not fixable)" \
  "[ \$(n layeron PDF-HIDDEN-LAYER error '') -eq 0 ] && [ \$(n layeron PDF-HIDDEN-LAYER info false) -eq 1 ]"
for f in forms inj; do
  "$NOHIN" lint --lang en "$tmp/$f.pdf" >"$tmp/$f.report" 2>&1
  "$NOHIN" lint --lang en --format sarif "$tmp/$f.pdf" >>"$tmp/$f.report" 2>&1
done
check "reports mask the people, values and phone numbers (text and SARIF), in link addresses and scripts too" \
  "! grep -Eq '山田 太郎|伊藤 五郎|鈴木 一郎|佐々木 次郎|090-(1111-2222|4444-5555|7777-8888|1234-5678|9999-8888)|yamada.taro' $tmp/forms.report $tmp/inj.report && grep -q 'user=y\*\*\*@example.co.jp&tel=090-\*\*\*\*-5678' $tmp/forms.report"

for f in forms inj layer layeron hid scan; do
  # --no-ocr: OCR of the scan would add text that lint of the input could not read
  "$NOHIN" clean --lang en --no-ocr --file "$tmp/$f.pdf" -o "$tmp/$f-out.pdf" >"$tmp/$f.fix" 2>&1
  findings "$tmp/$f-out.pdf" >"$tmp/$f-out.txt"
  pdftotext "$tmp/$f.pdf" - 2>/dev/null | grep -v '^\s*$' >"$tmp/$f.text"
  pdftotext "$tmp/$f-out.pdf" - 2>/dev/null | grep -v '^\s*$' >"$tmp/$f-out.text"
done
check "clean's outputs pass qpdf --check" \
  "for f in forms inj layer layeron hid scan; do qpdf --check $tmp/\$f-out.pdf >/dev/null || exit 1; done"
check "clean's outputs keep every line of visible text, in order" \
  "for f in forms inj layer layeron hid scan; do diff $tmp/\$f.text $tmp/\$f-out.text | grep -q '^<' && exit 1; done; true"
check "lint of the outputs: nothing fixable" "! cat $tmp/*-out.txt | grep -q '^[^ ]* [^ ]* true'"
check "lint of the outputs: nothing new (each finding was on the input)" \
  "for f in forms inj layer layeron hid scan; do comm -13 $tmp/\$f.txt $tmp/\$f-out.txt | grep -q . && exit 1; done; true"
check "forms: no '?' drawn for a value the field's font cannot show; the value is gone" \
  "! grep -q '?' $tmp/forms-out.text && ! pdftotext $tmp/forms-out.pdf - | grep -q '伊藤' && grep -q 'Form field “applicant”: value removed' $tmp/forms.fix"
check "forms: bookmarks stay" "qpdf --json --json-key=outlines $tmp/forms-out.pdf | grep -q '第1章 調査の概要'"
check "forms: LibreOffice's open action (the first page) stays and is not claimed as removed" \
  "qpdf --show-object=trailer $tmp/forms-out.pdf >/dev/null && qpdf --json --json-key=qpdf $tmp/forms-out.pdf | grep -q '\"/OpenAction\": \[' && ! grep -q 'open action' $tmp/forms.fix"
check "layer: clean deletes the off layer's line and form, keeps the shown layer's line, flattens (no /OCProperties, no メモ group)" \
  "! pdftotext $tmp/layer-out.pdf - | grep -q Yamada && grep -q '^Visible layer: summary' $tmp/layer-out.text && ! qpdf --json --json-key=qpdf --decode-level=all --json-stream-data=inline $tmp/layer-out.pdf | grep -Eq 'OCProperties|u:メモ' && grep -q 'Layers switched off removed with their content (メモ)' $tmp/layer.fix"
check "layer: the hidden content is gone from the file, not just from the text" \
  "! qpdf --qdf --object-streams=disable $tmp/layer-out.pdf - | grep -aq 'Yamada'"
check "near miss: layers that are all on stay, with their text" \
  "qpdf --json --json-key=qpdf $tmp/layeron-out.pdf | grep -q OCProperties && [ \$(grep -c Yamada $tmp/layeron-out.text) -eq 2 ]"
check "scan: clean removes the image's XMP (fix list) and keeps the image" \
  "grep -q 'XMP metadata removed from 1 embedded objects' $tmp/scan.fix && [ \$(pdfimages -list $tmp/scan-out.pdf | tail -n +3 | wc -l) -eq 1 ]"
check "injected: the /GoTo and ministry links stay" \
  "qpdf --json --json-key=qpdf $tmp/inj-out.pdf | grep -q '\"/S\": \"/GoTo\"' && grep -q '^PDF-EXTERNAL-ACTION info' $tmp/inj-out.txt"
check "injected: no JavaScript, attachment or person left in the output" \
  "! qpdf --json --json-key=qpdf --decode-level=all --json-stream-data=inline $tmp/inj-out.pdf | grep -Eq '/JavaScript|/EmbeddedFile|/FileAttachment|/AA\"'"
# 様式3 as a PDF is appended to the public report; its catalog is not carried, so
# its off layer would show in the merged PDF unless it goes first
"$NOHIN_BINARY_DIR/fixtures/gen_sample_bundle" "$tmp/b" >/dev/null || exit 1
rm -f "$tmp/b/調査報告書等一式/様式3_二次利用未承諾リスト.xlsx"
$PY "$T/pdf_inject.py" "$tmp/layer.pdf" af >"$tmp/f3.json" &&
  qpdf "$tmp/layer.pdf" --update-from-json="$tmp/f3.json" "$tmp/b/調査報告書等一式/様式3_二次利用未承諾リスト.pdf" ||
  exit 1
"$NOHIN" clean --lang en "$tmp/b" -o "$tmp/b.out" >"$tmp/b.fix" 2>&1
pub=$(ls "$tmp"/b.out/公表用/*.pdf | head -1)
check "bundle: an appended 様式3 PDF's off layer does not show in the public PDF" \
  "pdftotext '$pub' - | grep -q '^Visible layer: summary' && ! pdftotext '$pub' - | grep -q Yamada && ! qpdf --qdf --object-streams=disable '$pub' - | grep -aq Yamada && qpdf --check '$pub' >/dev/null && grep -q 'PDF-HIDDEN-LAYER.*様式3.*Layers switched off removed' $tmp/b.fix"
check "bundle: the appended page's associated file (/AF) is gone too: nothing fixable left" \
  "! findings '$pub' | grep -q '^[^ ]* [^ ]* true'"
[ -n "${KEEP_TMP:-}" ] && cp -r "$tmp" "$KEEP_TMP"
exit $fail
