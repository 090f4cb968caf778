#!/bin/bash
# Cost of the paragraph-end test of the PDF line join (src/pii/join_lines.c): a
# line short of the page's widest between two CJK characters asks poppler's
# layout whether both sides are on one printed line, so Japanese prose pages
# are laid out once more. A LibreOffice report of 600 Japanese paragraphs (every
# 7th ends in 「担当者 中村 正樹」) is linted by this build, by an optional
# reference build (e.g. one of main), and pdftotext reads it, paired in one
# hyperfine run with the 1-minute load. Prints how many names each build finds
# whole. Usage: bench/pdf_para_join.sh [BUILD_DIR] [REFERENCE_NOHIN] [RUNS]
set -eu
build="$(cd "${1:-build}" && pwd)"
ref="${2:-}"
runs="${3:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$work/long.fodt" <<'PY'
import random, sys
random.seed(1)
words = "本調査の結果を以下に示す調査対象は全国の事業所であり回答率は前年を上回った"
paras = []
for i in range(600):
    s = "".join(random.choice(words) for _ in range(random.randint(20, 140)))
    if i % 7 == 0:
        s += "担当者 中村 正樹"
    paras.append(f"<text:p>{s}。</text:p>" if i % 3 else f"<text:p>{s}</text:p>")
open(sys.argv[1], "w").write(
    '<?xml version="1.0" encoding="UTF-8"?><office:document '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" '
    'office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>'
    + "".join(paras) + "</office:text></office:body></office:document>")
PY
(cd "$work" && soffice -env:UserInstallation=file://$work/lo --headless --convert-to pdf long.fodt >/dev/null 2>&1)
pdf="$work/long.pdf"
pdfinfo "$pdf" | grep -E '^Pages'
whole() { "$1" lint --format json "$pdf" | /usr/bin/python3 -c '
import json, sys
f = [x.get("evidence") for x in json.load(sys.stdin)["findings"] if x["rule"] == "PII-PERSON-NAME"]
print(sum(e in ("中* *樹", "中**樹") for e in f), "of 86 names whole,", len(f), "name findings")'; }
echo "this build: $(whole "$build/nohin")"
[ -n "$ref" ] && echo "reference:  $(whole "$ref")"
echo "load (1 min): $(cut -d' ' -f1 /proc/loadavg)   cores: $(nproc)"
cmds=(-n pdftotext "pdftotext $pdf /dev/null" -n nohin "$build/nohin lint --quiet --jobs 1 --format json $pdf")
[ -n "$ref" ] && cmds+=(-n reference "$ref lint --quiet --jobs 1 --format json $pdf")
hyperfine -N -i --warmup 1 --runs "$runs" "${cmds[@]}" 2>&1 | grep -E 'Time|±|faster|^Benchmark|than'
echo "load (1 min): $(cut -d' ' -f1 /proc/loadavg)"
