#!/usr/bin/env bash
# The nohin CLI as a user and a machine see it: exit codes, JSON shape and
# determinism, roles, languages, --output safety, type detection by content.
set -u
NOHIN=${NOHIN_BIN:?}
GEN=${NOHIN_BINARY_DIR:?}/fixtures
PY=/usr/bin/python3
. "$(dirname "$0")/lib/check_cmd.sh"

mkdir -p "$tmp/b/公表用" "$tmp/b/非公表"
"$GEN/gen_pages_pdf" "$tmp/b/公表用/report.pdf" text image text
"$GEN/gen_pages_pdf" "$tmp/b/非公表/draft.pdf" text text
cp "$tmp/b/非公表/draft.pdf" "$tmp/clean.pdf"
printf 'not a pdf at all\n' >"$tmp/b/公表用/fake.pdf"

# Exit codes: 1 with errors, 0 when clean, 2 for usage errors.
run lint --quiet "$tmp/b"; check "errors give exit 1" [ "$(rc)" = 1 ]
run lint --quiet "$tmp/clean.pdf"; check "clean file gives exit 0" [ "$(rc)" = 0 ]
run lint --quiet --format nonsense "$tmp/b"; check "bad format gives exit 2" [ "$(rc)" = 2 ]
run lint --quiet "$tmp/missing"; check "missing path gives exit 2" [ "$(rc)" = 2 ]
run frobnicate; check "unknown command gives exit 2" [ "$(rc)" = 2 ]
run lint --quiet --fail-on info "$tmp/clean.pdf"; check "fail-on info, nothing found" [ "$(rc)" = 0 ]

# JSON: valid, the documented shape, roles by folder, byte-identical twice.
run lint --quiet --format json "$tmp/b"; cp "$tmp/out" "$tmp/a.json"
run lint --quiet --format json "$tmp/b"; cp "$tmp/out" "$tmp/b.json"
check "json deterministic" cmp -s "$tmp/a.json" "$tmp/b.json"
check "json shape and roles" "$PY" - "$tmp/a.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert set(d) == {"nohin", "files", "findings", "summary"}, d.keys()
files = {f["path"]: f for f in d["files"]}
assert files["公表用/report.pdf"]["role"] == "public"
assert files["非公表/draft.pdf"]["role"] == "internal"
assert files["公表用/report.pdf"]["type"] == "pdf"
assert files["公表用/fake.pdf"]["type"] == "other", files["公表用/fake.pdf"]
for f in d["files"]:
    assert set(f) == {"path", "type", "role", "bytes", "sha256", "status"} and len(f["sha256"]) == 64
for f in d["findings"]:
    assert set(f) == {"rule", "severity", "file", "location", "message", "fix", "fixable", "evidence"}, f
tl = [f for f in d["findings"] if f["rule"] == "PDF-TEXT-LAYER"]
assert len(tl) == 1 and tl[0]["location"] == {"page": 2} and tl[0]["file"] == "公表用/report.pdf", tl
tm = [f for f in d["findings"] if f["rule"] == "BUNDLE-TYPE-MISMATCH"]
assert len(tm) == 1 and tm[0]["file"] == "公表用/fake.pdf", tm
s = d["summary"]
assert s["error"] == sum(1 for f in d["findings"] if f["severity"] == "error")
keys = [(f["file"], json.dumps(f["location"], sort_keys=True), f["rule"]) for f in d["findings"]]
assert [k[0] for k in keys] == sorted(k[0] for k in keys), "findings sorted by file"
PYEOF
# The checksum is the one sha256sum computes.
want=$(sha256sum "$tmp/clean.pdf" | cut -d' ' -f1)
run lint --quiet --format json "$tmp/clean.pdf"
check "sha256 matches sha256sum" grep -q "\"sha256\":\"$want\"" "$tmp/out"

# --profile decides the role of files outside marked folders.
run lint --quiet --format json --profile internal "$tmp/clean.pdf"
check "profile internal" grep -q '"role":"internal"' "$tmp/out"

# Languages: Japanese by default and under LANG=C, English on request.
LANG=C LC_ALL= run lint --quiet "$tmp/b"
check "japanese under LANG=C" grep -q "抽出できるテキストがありません" "$tmp/out"
run lint --quiet --lang en "$tmp/b"
check "english with --lang en" grep -q "Page 2 has no extractable text." "$tmp/out"
LC_ALL= LANG=en_US.UTF-8 run lint --quiet "$tmp/b"
check "english from an English locale" grep -q "no extractable text" "$tmp/out"

# --output never replaces an existing file unless --force.
run lint --quiet --format json -o "$tmp/report.json" "$tmp/b"; check "output written" [ -s "$tmp/report.json" ]
echo keep >"$tmp/existing.json"
run lint --quiet --format json -o "$tmp/existing.json" "$tmp/b"
check "existing output refused (exit 2)" [ "$(rc)" = 2 ]
check "existing output untouched" [ "$(cat "$tmp/existing.json")" = keep ]
run lint --quiet --format json --force -o "$tmp/existing.json" "$tmp/b"
check "force replaces" cmp -s "$tmp/existing.json" "$tmp/a.json"

# Inputs are never modified.
before=$(cd "$tmp/b" && find . -type f -exec sha256sum {} + | sort)
run lint --quiet "$tmp/b"
after=$(cd "$tmp/b" && find . -type f -exec sha256sum {} + | sort)
check "inputs unchanged" [ "$before" = "$after" ]

# rules and init.
run rules; check "rules lists PDF-TEXT-LAYER with its clause" grep -q "^PDF-TEXT-LAYER .*001 §5(2)" "$tmp/out"
run rules --json; check "rules --json is JSON" "$PY" -c 'import json,sys; assert len(json.load(open(sys.argv[1])))>5' "$tmp/out"
mkdir "$tmp/i"
run init "$tmp/i"; check "init writes nohin.ini" [ "$(rc)" = 0 -a -s "$tmp/i/nohin.ini" ]
echo mine >"$tmp/i/nohin.ini"
run init "$tmp/i"; check "init refuses to overwrite" [ "$(rc)" = 2 ]
check "init left the file alone" [ "$(cat "$tmp/i/nohin.ini")" = mine ]

# Progress goes nowhere when stderr is not a terminal, and to a terminal otherwise
# (script(1) gives the command a pseudo-terminal), unless --quiet.
run lint "$tmp/b"; check "no progress on a pipe" [ ! -s "$tmp/err" ]
if command -v script >/dev/null; then
  script -qec "'$NOHIN' lint --format json -o '$tmp/p1.json' '$tmp/b'" /dev/null >"$tmp/tty" 2>&1
  check "progress on a terminal" grep -q "\[3/3\]" "$tmp/tty"
  script -qec "'$NOHIN' lint --quiet --format json -o '$tmp/p2.json' '$tmp/b'" /dev/null >"$tmp/tty" 2>&1
  check "no progress with --quiet" [ ! -s "$tmp/tty" ]
fi

finish
