#!/bin/bash
# Property test of clean on workbooks (corpus, samples, ≥200 mutated): see
# tests/ooxml/clean_property.py. Slow (LibreOffice, hundreds of runs): label slow.
set -u
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing: skipped"; exit 77; }
command -v xmllint >/dev/null || { echo "xmllint missing: skipped"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
exec /usr/bin/python3 "$(dirname "$0")/ooxml/clean_property.py" "${NOHIN_BIN:?}" \
  "${NOHIN_SOURCE_DIR:?}" "${NOHIN_CORPUS:-/work/shared/corpus}" "$T" "${PROPERTY_MUTATIONS:-220}"
