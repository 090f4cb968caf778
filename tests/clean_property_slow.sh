#!/bin/bash
# Property test of clean on workbooks (corpus, samples, ≥200 mutated): see
# tests/ooxml/clean_property.py. Slow (LibreOffice, hundreds of runs): label slow.
set -u
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl missing: skipped"; exit 77; }
command -v xmllint >/dev/null || { echo "xmllint missing: skipped"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# The corpus part (PROPERTY_CORPUS=1; the corpus is not in CI) passes since
# issue 13's late fixes (notes/issue13-late.md). CI runs the samples, the
# generated workbooks and their mutations.
corpus="$T/no-corpus"
mkdir -p "$corpus"
[ "${PROPERTY_CORPUS:-0}" = 1 ] && corpus="${NOHIN_CORPUS:-/work/shared/corpus}"
/usr/bin/python3 "$(dirname "$0")/ooxml/clean_property.py" "${NOHIN_BIN:?}" \
  "${NOHIN_SOURCE_DIR:?}" "$corpus" "$T" "${PROPERTY_MUTATIONS:-220}"
