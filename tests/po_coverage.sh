#!/bin/bash
# Every message marked _("…") or N_("…") in src/ and checks/ has a Japanese
# translation in the merged catalogue (po/ja/*.po). Lists the missing msgids.
set -euo pipefail
for p in xgettext msgcat msgmerge msgattrib; do
    command -v $p >/dev/null || { echo "$p missing (gettext)"; exit 77; }
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$NOHIN_SOURCE_DIR"
find src checks -name '*.[ch]' | LC_ALL=C sort >"$T/files"
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --no-wrap --sort-output \
    --files-from="$T/files" -o "$T/nohin.pot"
msgcat --use-first -o "$T/ja.po" po/ja/*.po
msgmerge --quiet --no-fuzzy-matching --no-wrap "$T/ja.po" "$T/nohin.pot" -o "$T/merged.po"
msgattrib --untranslated --no-obsolete --no-wrap "$T/merged.po" -o "$T/missing.po"
total=$(grep -c '^msgid ' "$T/nohin.pot" || true)
if [ -s "$T/missing.po" ] && grep -q '^msgid "[^"]' "$T/missing.po"; then
    n=$(grep -c '^msgid "[^"]' "$T/missing.po")
    echo "FAIL: $n of $((total - 1)) messages have no Japanese translation:"
    grep -B2 '^msgid "[^"]' "$T/missing.po" | grep -E '^(#:|msgid)' | sed 's/^/  /'
    exit 1
fi
echo "ok: all $((total - 1)) messages translated"
