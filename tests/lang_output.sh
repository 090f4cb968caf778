#!/bin/bash
# Messages and fixes in Japanese and English: --lang ja|en, the locale when no
# --lang is given, and Japanese under the plain C locale (a server with no locale).
set -euo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$NOHIN_BINARY_DIR/fixtures/gen_findings_bundle" "$T/b"
lint() { "$NOHIN_BIN" lint -q "$@" "$T/b" || [ $? -eq 1 ]; }
must() { grep -qF -- "$2" "$1" || { echo "FAIL: '$2' not in $1:"; cat "$1"; exit 1; }; }
mustnt() { if grep -qF -- "$2" "$1"; then echo "FAIL: '$2' in $1"; exit 1; fi; }
clean_env() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE "$@"; }

# Summary counts come from the JSON, so other checks landing does not break this test.
lint --lang en --format json >"$T/counts.json"
read -r nf ne nw ni < <(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["summary"]; print(len(d["files"]), s["error"], s["warning"], s["info"])' "$T/counts.json")
[ "$ne" -ge 2 ] && [ "$nw" -ge 1 ]

lint --lang ja >"$T/ja.txt"
must "$T/ja.txt" "2ページに抽出できるテキストがありません。"
must "$T/ja.txt" "対処: 該当ページに OCR をかけて透明テキストを付けるか"
must "$T/ja.txt" "[2ページ]"
must "$T/ja.txt" "$nf ファイルを検査: エラー $ne 件、警告 $nw 件、情報 $ni 件"
mustnt "$T/ja.txt" "no extractable text"

lint --lang en >"$T/en.txt"
must "$T/en.txt" "Page 2 has no extractable text."
must "$T/en.txt" "Fix: Run OCR on these pages"
must "$T/en.txt" "[p. 2]"
must "$T/en.txt" "$nf files checked: $ne errors, $nw warnings, $ni info"
mustnt "$T/en.txt" "テキスト"

# No --lang: the locale decides; C and POSIX mean Japanese.
clean_env LANG=C "$NOHIN_BIN" lint -q "$T/b" >"$T/c.txt" || [ $? -eq 1 ]
cmp "$T/ja.txt" "$T/c.txt"
clean_env LC_ALL=POSIX "$NOHIN_BIN" lint -q "$T/b" >"$T/posix.txt" || [ $? -eq 1 ]
cmp "$T/ja.txt" "$T/posix.txt"
clean_env LANG=en_US.UTF-8 "$NOHIN_BIN" lint -q "$T/b" >"$T/env-en.txt" || [ $? -eq 1 ]
cmp "$T/en.txt" "$T/env-en.txt"
clean_env LANG=en_US.UTF-8 "$NOHIN_BIN" lint -q --lang ja "$T/b" >"$T/flag-ja.txt" || [ $? -eq 1 ]
cmp "$T/ja.txt" "$T/flag-ja.txt"

# The other formats follow the same language.
lint --lang ja --format json >"$T/ja.json"
must "$T/ja.json" "テキスト"
lint --lang en --format json >"$T/en.json"
must "$T/en.json" "no extractable text"
lint --lang ja --format html -o "$T/ja.html"
must "$T/ja.html" '<html lang="ja">'
must "$T/ja.html" "概要"
must "$T/ja.html" "抽出できるテキスト層のないページ"
lint --lang en --format html -o "$T/en.html"
must "$T/en.html" '<html lang="en">'
must "$T/en.html" ">Summary<"
must "$T/en.html" "Page without an extractable text layer"
mustnt "$T/en.html" "概要"
echo "languages ok"
