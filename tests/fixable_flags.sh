#!/bin/bash
# "fixable" means exactly "nohin clean changes this". Every rule's fixture goes
# through lint -> clean -> lint of the output, and each finding's own fixable flag
# (JSON "fixable", which a check may set per finding) must match what clean did:
# for a rule on a file, the output holds exactly the findings that were marked
# not fixable. Every rule of `nohin rules` is either exercised here or listed in
# NOT_COVERED with the reason; the comparison is run once more with one flag
# flipped and must then fail (so the test can fail). Nothing new may appear on
# an output file either (the invariant of docs/clean.md).
set -euo pipefail
PY=/usr/bin/python3
N="$NOHIN_BIN"
G="$NOHIN_BINARY_DIR/fixtures"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
PUB="調査報告書等一式（公表用）"
"$G/gen_findings_bundle" "$T/findings"
"$G/gen_sample_bundle" "$T/sample"
mkdir -p "$T/xlsx/公表用"
"$G/gen_xlsx_samples" "$T/xlsx/公表用" >/dev/null
cp "$NOHIN_SOURCE_DIR"/fixtures/samples/*.xlsx "$NOHIN_SOURCE_DIR"/fixtures/samples/lo_captions.pdf "$T/xlsx/公表用/"
# One file per planted PDF item and fx_clean_docs workbook item (fixtures/gen/gen_rule_fixtures.c).
"$G/gen_rule_fixtures" "$T/rules/$PUB"
R="$T/rules/$PUB"
# CSV files as iconv and printf write them.
printf '地域,人口\n東京,100\n大阪,80\n' | iconv -f UTF-8 -t CP932 >"$R/sjis.csv"
printf '地域,人口\n東京,100\n大阪,80\n' | iconv -f UTF-8 -t EUC-JP >"$R/eucjp.csv"
printf '地域,人口\n東京,=1+2\n大阪,@SUM(A1)\n' >"$R/formula.csv"
printf '地域,人口\n東京,100,5\n大阪\n' >"$R/ragged.csv"
printf '地域,人口\n東京,100\n\n大阪,80\n名古屋,70\n' >"$R/blank.csv"
printf '地域,人口\n東　京,100\n①北区,80\n' >"$R/chars.csv"
printf '地域,人口,備考\n東京,１００,\n大阪,80,\n' >"$R/numtext.csv"
printf '氏名,メール,電話\n山田 太郎,yamada.taro@example.co.jp,090-1234-5678\n' >"$R/pii.csv"
# A data file whose title differs from its caption (items_*.pdf: 図1-1 水銀輸出量の推移).
printf '年,輸出量\n2020,10\n2021,8\n' >"$R/図1-1_水銀の輸出.csv"
# Reports over (split by clean: fixable) and near (a warning, left as it is) the page limit.
"$G/gen_report_text_pdf" "$R/over_1001_pages.pdf" 1001 200 100
"$G/gen_report_text_pdf" "$R/near_950_pages.pdf" 950 200 100
# Junk that clean drops.
printf 'x' >"$R/.DS_Store"
printf 'x' >"$R/~\$items_merge.xlsx"
# A LibreOffice report whose author is a person (PDF-METADATA-PERSON, which clean fixes).
if command -v soffice >/dev/null; then
    cat >"$T/p.fodt" <<'FODT'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:creator>山田 太郎</dc:creator><meta:initial-creator>山田 太郎</meta:initial-creator><dc:title>調査報告書</dc:title></office:meta>
<office:body><office:text><text:p>本文のみの報告書。</text:p></office:text></office:body></office:document>
FODT
    (cd "$T" && HOME="$T" timeout 180 soffice --headless --convert-to pdf p.fodt >/dev/null 2>&1)
    cp "$T/p.pdf" "$T/xlsx/公表用/person.pdf"
fi
"$N" rules --json --lang en >"$T/rules.json"
for b in findings sample xlsx rules; do
    "$N" lint -q --lang en --format json "$T/$b" >"$T/$b.in.json" || [ $? -eq 1 ]
    "$N" clean -q --lang en "$T/$b" -o "$T/$b.out" >/dev/null 2>&1 || [ $? -eq 1 ]
    [ -f "$T/$b.out/提出記録/fixlist.json" ] || { echo "FAIL: clean wrote no fixlist for $b"; exit 1; }
    "$N" lint -q --lang en --format json "$T/$b.out" >"$T/$b.out.json" || [ $? -eq 1 ]
done
$PY - "$T" <<'PYEOF'
import json, sys, os, collections
T = sys.argv[1]
rules = json.load(open(f"{T}/rules.json", encoding="utf-8"))
ids = {r["id"] for r in rules}
rule_fixable = {r["id"]: r["fixable"] for r in rules}
# Bundle rules that clean cannot fix are about the submitted bundle's folders and
# forms, which clean's output (公表用/ + 提出記録/) does not have: their absence
# there says nothing, so they are not compared.
structure = {r["id"] for r in rules if r["formats"] == "bundle" and not r["fixable"]}
# Rules with no fixture here, and why. Keep it short: every other rule must be
# exercised by the bundles above.
NOT_COVERED = {
    "LIMIT-BYTES": "needs a 128 MB report (too slow here); clean splits it as it splits "
                   "LIMIT-PAGES, tested in split_clean_slow",
    "LIMIT-CHARS": "needs 4,000,000 characters (too slow here); clean splits it as it splits "
                   "LIMIT-PAGES, tested in split_clean_slow",
    "BUNDLE-FORM2-MISMATCH": "clean corrects the copy of 様式2 in 提出記録/, which lint does not read "
                             "(tests/bundle_form2.sh checks the corrected cells)",
    "XLSX-ENCRYPTED": "clean leaves an encrypted workbook out (no fixture makes one here)",
    "XLSX-LEGACY": "an .xls has no fixture generator (tests/xlsx_csv_corpus.sh uses corpus files)",
    "XLSX-MALFORMED": "a damaged workbook is left out by clean (not carried, nothing to compare)",
    "PDF-MALFORMED": "a damaged PDF is repaired or left out; the repair case is in test_clean_pdf",
    "PDF-ENCRYPTED": "a PDF that needs a password is left out (not carried); permission-only "
                     "encryption, which clean removes, is not reported by lint",
    "BUNDLE-TYPE-MISMATCH": "a file whose content is not its type is not carried by clean",
    "FILE-UNREADABLE": "an unreadable file cannot be carried",
    "MAIL-ENCRYPTED-ARCHIVE": "intake (mail) rules: not part of a bundle",
    "MAIL-EXECUTABLE": "intake (mail) rules: not part of a bundle",
    "MAIL-INCOMPLETE": "intake (mail) rules: not part of a bundle",
    "MAIL-SIZE": "intake (mail) rules: not part of a bundle",
    "MAIL-UNSCANNABLE": "intake (mail) rules: not part of a bundle",
    "BUNDLE-ZIP": "clean reads a zip as a bundle; a zip inside the public folder is not carried",
    "PII-BANK-ACCOUNT": "PII rules are never fixable; the others of the family are exercised",
    "PII-CARD": "PII rules are never fixable; the others of the family are exercised",
    "PII-DRIVER-LICENSE": "PII rules are never fixable; the others of the family are exercised",
    "PII-MY-NUMBER": "PII rules are never fixable; the others of the family are exercised",
    "PII-PASSPORT": "PII rules are never fixable; the others of the family are exercised",
    "DOCX-TRACKED-CHANGES": "a .docx is never published, so never cleaned (tests/inv_docx_hidden.sh)",
    "DOCX-HIDDEN-TEXT": "a .docx is never published, so never cleaned (tests/inv_docx_hidden.sh)",
    "DOCX-COMMENT": "a .docx is never published, so never cleaned (tests/inv_docx_hidden.sh)",
    "DOCX-METADATA-PERSON": "a .docx is never published, so never cleaned (tests/inv_docx_hidden.sh)",
}


def load(b):
    src = json.load(open(f"{T}/{b}.in.json", encoding="utf-8"))
    out = json.load(open(f"{T}/{b}.out.json", encoding="utf-8"))
    fl = json.load(open(f"{T}/{b}.out/提出記録/fixlist.json", encoding="utf-8"))["items"]
    return src, out, fl


def compare(data, flip=None):
    """Disagreements between the findings' fixable flags and clean's result.
    flip: (bundle, rule) whose first finding's flag is inverted (self-test)."""
    bad, seen = [], collections.defaultdict(set)
    for b, (src, out, fl) in data.items():
        role = {f["path"]: f["role"] for f in src["files"]}
        # a report split by clean has several outputs; a report and 様式3 share one
        output_of = collections.defaultdict(set)
        for i in fl:
            if i.get("output"):
                output_of[i["file"]].add(i["output"])
        # a file left out as the fix (junk, 様式3-listed data): the whole file is the change
        dropped = {(i["rule"], i["file"]) for i in fl
                   if i["kind"] == "changed" and i["file"] not in output_of}
        left = collections.Counter((f["rule"], f["file"]) for f in out["findings"])
        want, flags = collections.Counter(), collections.defaultdict(list)
        flipped = False
        for f in src["findings"]:
            r, path = f["rule"], f["file"]
            if r in structure or not path or role.get(path) != "public":
                continue
            fx = f["fixable"]
            if flip == (b, r) and not flipped:
                fx, flipped = not fx, True
            if path not in output_of:
                if (r, path) in dropped:
                    seen[r].add(fx)
                    if not fx:
                        bad.append(f"{r}: marked not fixable, but clean left {b}:{path} out as the fix")
                continue
            seen[r].add(fx)
            key = (r, tuple(sorted(output_of[path])))
            flags[key].append((fx, path))
            if not fx:
                want[key] += 1
        # and nothing new: every finding on an output file was there on its input
        had = {(f["rule"], o) for f in src["findings"] for o in output_of.get(f["file"], ())}
        for f in out["findings"]:
            if f["file"] and (f["rule"], f["file"]) not in had and flip is None:
                bad.append(f"{f['rule']}: new on {b}:{f['file']} after clean: {f['message']}")
        for key, fs in sorted(flags.items()):
            n_left = sum(left[(key[0], o)] for o in key[1])
            if n_left != want[key]:
                bad.append(f"{key[0]}: {want[key]} of {len(fs)} finding(s) on {b}:{fs[0][1]} marked "
                           f"not fixable, but {n_left} left after clean")
    return bad, seen


data = {b: load(b) for b in ("findings", "sample", "xlsx", "rules")}
bad, seen = compare(data)
for r in sorted(seen):
    flags = "/".join("fixable" if x else "not" for x in sorted(seen[r], reverse=True))
    print(f"{r}: rule fixable={rule_fixable[r]}, findings {flags}")
missing = sorted(ids - set(seen) - structure - set(NOT_COVERED))
print(f"exercised {len(seen)} rules; not compared: {len(structure)} bundle-structure rules, "
      f"{len(NOT_COVERED)} listed in NOT_COVERED")
for r in sorted(NOT_COVERED):
    if r in seen:
        print(f"note: {r} is exercised now; remove it from NOT_COVERED")
    elif r not in ids:
        print(f"note: {r} is not a rule any more; remove it from NOT_COVERED")
if missing:
    print("FAIL: rules with neither a fixture here nor a reason in NOT_COVERED: " + ", ".join(missing))
    sys.exit(1)
if "PDF-METADATA-PERSON" not in seen and os.path.exists(f"{T}/p.pdf"):
    print("FAIL: the person-authored PDF did not exercise PDF-METADATA-PERSON"); sys.exit(1)
# A rule's own flag says whether clean fixes any of its findings.
for r in seen:
    if rule_fixable[r] != (True in seen[r]):
        bad.append(f"{r}: rule fixable={rule_fixable[r]} but its findings are {sorted(seen[r])}")
if bad:
    print("FAIL:"); print("\n".join(sorted(set(bad)))); sys.exit(1)
# The comparison must catch a wrong flag: flip one finding of each of two rules.
for b, r in (("rules", "PDF-REVISIONS"), ("xlsx", "DATA-MERGED-CELLS")):
    if not compare(data, flip=(b, r))[0]:
        print(f"FAIL: flipping {r}'s flag on the {b} bundle went unnoticed"); sys.exit(1)
print(f"ok: {len(seen)} rules agree with clean, finding by finding")
PYEOF
