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
# Help texts are translated at run time too: every option line of every command's
# --help in Japanese holds Japanese (an English line means a missing _() call).
if [ -n "${NOHIN_BIN:-}" ] && [ -x "$NOHIN_BIN" ]; then
    cmds=$("$NOHIN_BIN" --help --lang en | awk '/^  [a-z]+ /{print $1}')
    [ -n "$cmds" ] || { echo "FAIL: no commands in nohin --help"; exit 1; }
    bad=0
    for c in $cmds; do
        "$NOHIN_BIN" $c --lang ja --help >"$T/help.txt" 2>&1 || true
        # option lines: "  -x, --name=ARG   description"; the description must not be ASCII only
        while IFS= read -r line; do
            desc=$(printf '%s' "$line" | sed -E 's/^ +(-[a-zA-Z], )?--[^ ]+ +//')
            if [ -n "$desc" ] && ! printf '%s' "$desc" | LC_ALL=C grep -q '[^ -~]'; then
                echo "FAIL: nohin $c --help: untranslated: $line"; bad=1
            fi
        done < <(grep -E '^ +(-[a-zA-Z], )?--[a-z]' "$T/help.txt")
        # the usage line too
        if ! sed -n 2p "$T/help.txt" | LC_ALL=C grep -q '[^ -~]'; then
            echo "FAIL: nohin $c --help: usage line not translated"; bad=1
        fi
    done
    [ $bad = 0 ] || exit 1
    echo "ok: --help of $(echo $cmds | wc -w) commands in Japanese"
fi
echo "ok: all $((total - 1)) messages translated"
