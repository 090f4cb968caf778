#!/usr/bin/env bash
# An encrypted PDF with an embedded file and an empty user password (qpdf
# --add-attachment, then qpdf --encrypt "" owner 256): PDF-ENCRYPTED and
# PDF-ATTACHMENT, not only PDF-MALFORMED. Also the corpus file whose embedded
# file itself needs a password (qpdf cannot open it; poppler lists it). Near
# miss: the same PDF unencrypted gets PDF-ATTACHMENT but no PDF-ENCRYPTED.
set -u
NOHIN=${NOHIN_BIN:?}
SRC=${NOHIN_SOURCE_DIR:?}/tests/labelled
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
rules() { "$NOHIN" lint -q -f json "$1" | /usr/bin/python3 -c '
import json, sys
print(" ".join(sorted({f["rule"] + ":" + f["severity"] for f in json.load(sys.stdin)["findings"]})))'; }
/usr/bin/python3 "$SRC/gen_cmap_pdf.py" "$tmp/base.pdf" UniJIS-UCS2-H
printf '氏名,電話\n山田太郎,090-1234-5678\n' >"$tmp/名簿.csv"
qpdf --add-attachment "$tmp/名簿.csv" --key=meibo.csv -- "$tmp/base.pdf" "$tmp/att.pdf" || exit 1
qpdf --encrypt "" owner 256 -- "$tmp/att.pdf" "$tmp/enc.pdf" || exit 1
qpdf --show-encryption "$tmp/enc.pdf" | grep -q "R = 6" || { echo "FAIL: not encrypted"; fail=1; }
[ "$(pdfdetach -list "$tmp/enc.pdf" | head -1)" = "1 embedded files" ] || { echo "FAIL: pdfdetach"; fail=1; }
got=$(rules "$tmp/enc.pdf"); echo "encrypted: $got"
case "$got" in *PDF-ENCRYPTED:*) ;; *) echo "FAIL: no PDF-ENCRYPTED"; fail=1 ;; esac
case "$got" in *PDF-ATTACHMENT:error*) ;; *) echo "FAIL: no PDF-ATTACHMENT"; fail=1 ;; esac
got=$(rules "$tmp/att.pdf"); echo "unencrypted: $got"
case "$got" in *PDF-ENCRYPTED*) echo "FAIL: PDF-ENCRYPTED on an unencrypted PDF"; fail=1 ;; esac
case "$got" in *PDF-ATTACHMENT:error*) ;; *) echo "FAIL: no PDF-ATTACHMENT (near miss)"; fail=1 ;; esac
c=${NOHIN_CORPUS:-}/pdf/pdf-a-attachments/a-encrypted-attachment.pdf
if [ -f "$c" ]; then
    got=$(rules "$c"); echo "corpus a-encrypted-attachment.pdf: $got"
    case "$got" in *PDF-ATTACHMENT:error*PDF-ENCRYPTED:error*) ;; *) echo "FAIL: corpus file"; fail=1 ;; esac
fi
exit $fail
