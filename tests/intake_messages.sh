#!/bin/bash
# nohin intake on generated messages: Japanese headers and names, nesting, forwards,
# size, PPAP, traversal, zip bomb, TNEF, executables, nested archives, crash and
# hang hooks, mbox/Maildir/--group, private temporary folder removed afterwards.
set -euo pipefail
N="$NOHIN_BIN"
PY=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$NOHIN_BINARY_DIR/fixtures/gen_intake_files" "$work/files"
"$PY" "$NOHIN_SOURCE_DIR/tests/intake/make_messages.py" "$work/files" "$work/msg"
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
cd "$work/msg"

# Every case, with the hooks making one reader crash and another hang.
set +e
NOHIN_TEST_CHILD_CRASH=crashme.pdf NOHIN_TEST_CHILD_HANG=hangme.pdf \
    "$N" intake --lang en --timeout 3 -f json -o "$work/all.jsonl" \
    jp.eml sjis.eml nested.eml forward.eml big.eml ppap.eml traversal.eml bomb.eml \
    hostile.eml mixed.eml clean.eml
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "exit code $rc, want 1"; exit 1; }

"$PY" - "$work/all.jsonl" <<'PY'
import json, sys
docs = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)               # one JSON document per line
    if "submission" in d:              # a submission's record (verdict)
        subs = locals().setdefault("subs", [])
        subs.append(d)
        continue
    docs[d["message_id"].split("@")[0]] = d
assert len(docs) == 11, docs.keys()

def rules(d, rule=None):
    return [f for f in d["findings"] if rule is None or f["rule"] == rule]

def names(d):
    return [a["name"] for a in d["attachments"]]

def expect(cond, what):
    if not cond:
        print("FAIL:", what); sys.exit(1)

mid = lambda k: docs[k]["message_id"]
# ISO-2022-JP subject; RFC 2047 (ISO-2022-JP) and RFC 2231 (UTF-8) names.
jp = docs["jp-1"]
expect(jp["subject"] == "調査報告書の提出について", jp["subject"])
expect(names(jp) == ["報告書.pdf", "図表3-2 出荷額.csv"], names(jp))
expect(jp["sender"] == "contractor.example.co.jp", "sender is the domain only")
expect("yamada" not in json.dumps(jp, ensure_ascii=False), "no personal address in the log")
expect(jp["date"] == "2026-03-31T08:00:00Z", jp["date"])
# A file rule located as message-id / attachment / page.
tl = rules(jp, "PDF-TEXT-LAYER")
expect(len(tl) == 1 and tl[0]["file"] == mid("jp-1") + "/報告書.pdf" and tl[0]["location"] == {"page": 2}, tl)
expect([a["type"] for a in jp["attachments"]] == ["pdf", "csv"], jp["attachments"])
expect(all(len(a["sha256"]) == 64 for a in jp["attachments"]), "sha256")
# Raw Shift_JIS header and file name.
sj = docs["sjis-1"]
expect(sj["subject"] == "報告書送付" and names(sj) == ["集計表.csv"], (sj["subject"], names(sj)))
# Nested multiparts and quoted-printable.
ne = docs["nested-1"]
expect(names(ne) == ["report.pdf", "data.xlsx", "qp.csv"], names(ne))
expect([a["type"] for a in ne["attachments"]] == ["pdf", "xlsx", "csv"], ne["attachments"])
expect(ne["attachments"][2]["bytes"] == 37, "quoted-printable decoded")
# Forwarded message: attachments below its name.
fw = docs["forward-1"]
expect(names(fw) == ["original.eml/scan.pdf", "original.eml/data.xlsx"], names(fw))
expect(rules(fw, "PDF-TEXT-LAYER")[0]["file"] == mid("forward-1") + "/original.eml/scan.pdf", "fwd loc")
# 12 MB message.
big = docs["big-1"]
expect(len(rules(big, "MAIL-SIZE")) == 1 and rules(big, "MAIL-SIZE")[0]["file"] == mid("big-1"), "MAIL-SIZE")
expect(big["attachments"][0]["bytes"] == 12_000_000, "big attachment decoded")
# PPAP.
pp = docs["ppap-1"]
e = rules(pp, "MAIL-ENCRYPTED-ARCHIVE")
expect(len(e) == 1 and e[0]["file"] == mid("ppap-1") + "/資料.zip", e)
expect([a["status"] for a in pp["attachments"]] == ["ok", "encrypted", "encrypted"], pp["attachments"])
# ../ names: reported, never extracted; the good entry is checked.
tr = docs["traversal-1"]
u = rules(tr, "MAIL-UNSCANNABLE")
expect(sorted(f["file"] for f in u) == sorted([mid("traversal-1") + "/t.zip/../evil.csv",
                                               mid("traversal-1") + "/t.zip/ok/../../x.csv"]), u)
expect({a["name"]: a["type"] for a in tr["attachments"]}["t.zip/good.csv"] == "csv", "good entry")
# Zip bomb.
bo = docs["bomb-1"]
u = rules(bo, "MAIL-UNSCANNABLE")
expect(len(u) == 1 and u[0]["file"].endswith("/bomb.zip/bomb.csv"), u)
# Crash and hang hooks: unscannable, and the other attachment is still read.
ho = docs["hostile-1"]
u = {f["file"].split("/")[-1]: f for f in rules(ho, "MAIL-UNSCANNABLE")}
expect(set(u) == {"crashme.pdf", "hangme.pdf"}, u.keys())
expect("crashed" in u["crashme.pdf"]["evidence"], u["crashme.pdf"])
expect("did not finish" in u["hangme.pdf"]["evidence"], u["hangme.pdf"])
expect([a["status"] for a in ho["attachments"]] == ["unscannable", "unscannable", "ok"], ho["attachments"])
# TNEF, executables (direct and in a zip), CP932 names, nesting depth.
mx = docs["mixed-1"]
ex = sorted(f["file"].split("/", 1)[1] for f in rules(mx, "MAIL-EXECUTABLE"))
expect(ex == ["bundle.zip/run.sh", "setup.exe"], ex)
u = sorted(f["file"].split("/", 1)[1] for f in rules(mx, "MAIL-UNSCANNABLE"))
expect(u == ["bundle.zip/inner.zip/l3.zip/l4.zip", "winmail.dat"], u)
expect("bundle.zip/集計表.csv" in names(mx), names(mx))
expect("bundle.zip/inner.zip/l3.zip/deep.csv" in names(mx), names(mx))
expect(not any("too-deep" in n for n in names(mx)), "depth limit")
# Near miss: a clean message has no MAIL-* finding and no error.
cl = docs["clean-1"]
expect(cl["findings"] == [] and cl["summary"]["error"] == 0, cl["findings"])
expect(names(cl) == ["報告書.pdf", "表3-2.xlsx", "表3-2.csv"], names(cl))
print("ok")
PY

# The private folder is gone.
[ -z "$(ls -A "$TMPDIR")" ] || { echo "temporary files left: $(ls -A "$TMPDIR")"; exit 1; }

# While a reader hangs, the private folder is 0700 and holds only generated names.
NOHIN_TEST_CHILD_HANG=hangme.pdf "$N" intake --timeout 4 -q -f json hostile.eml >/dev/null &
pid=$!
sleep 2
dir=$(ls -d "$TMPDIR"/nohin-intake-* | head -1)
[ "$(stat -c %a "$dir")" = 700 ] || { echo "mode $(stat -c %a "$dir")"; exit 1; }
find "$dir" -type f -printf '%f\n' > "$work/names"
[ -s "$work/names" ] || { echo "no files seen"; exit 1; }
if grep -v -E '^(f[0-9]{6}(\.[a-z0-9]+)?|z[0-9]+_[0-9]+(\.[a-z0-9]+)?)$' "$work/names"; then
    echo "a name not generated by intake"; exit 1
fi
wait $pid || true
[ -z "$(ls -A "$TMPDIR")" ] || { echo "temporary files left after the hang"; exit 1; }

# The archive expander is isolated too: when it crashes, the zip is unscannable and
# none of its entries (even those written before the crash) reaches the checks.
NOHIN_TEST_CHILD_CRASH=bundle.zip "$N" intake -q --lang en -f json mixed.eml > "$work/zipcrash.jsonl" || true
"$PY" - "$work/zipcrash.jsonl" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1], encoding="utf-8").readline())
att = {a["name"]: a["status"] for a in d["attachments"]}
assert att == {"winmail.dat": "unscannable", "setup.exe": "ok", "bundle.zip": "unscannable"}, att
u = [f for f in d["findings"] if f["rule"] == "MAIL-UNSCANNABLE" and f["file"].endswith("/bundle.zip")]
assert len(u) == 1 and "crashed" in u[0]["evidence"], d["findings"]
assert not any("bundle.zip/" in f["file"] for f in d["findings"]), d["findings"]
print("ok")
PY

# mbox, Maildir and .eml files give the same messages and findings.
for src in all.mbox maildir; do
    "$N" intake -q -f json "$src" > "$work/$src.jsonl" || true
done
"$PY" - "$work/all.mbox.jsonl" "$work/maildir.jsonl" <<'PY'
import json, sys
def load(p):
    return [(d["message_id"], [a["name"] for a in d["attachments"]], sorted(f["rule"] for f in d["findings"]))
            for d in map(json.loads, open(p, encoding="utf-8")) if "message_id" in d]
a, b = load(sys.argv[1]), load(sys.argv[2])
assert len(a) == 10, len(a)
assert a == b, (a, b)
print("ok")
PY

# The message parser runs in a child too: when it crashes on the 2nd message of the
# mbox, that message is unscannable and the next ones are read from the next
# separator on; a hanging parse is stopped by the clock.
NOHIN_TEST_CHILD_CRASH=message-2 "$N" intake -q -f json all.mbox > "$work/mcrash.jsonl" || true
NOHIN_TEST_CHILD_HANG=message-1 "$N" intake -q --lang en --timeout 2 -f json clean.eml > "$work/mhang.jsonl" || true
"$PY" - "$work/all.mbox.jsonl" "$work/mcrash.jsonl" "$work/mhang.jsonl" <<'PY'
import json, sys
ref, got, hang = ([d for d in map(json.loads, open(p, encoding="utf-8")) if "message_id" in d]
                  for p in sys.argv[1:4])
assert len(got) == len(ref) == 10, len(got)
assert got[1]["message_id"] == "unscannable-message-2", got[1]["message_id"]
assert [f["rule"] for f in got[1]["findings"]] == ["MAIL-UNSCANNABLE"], got[1]["findings"]
assert "11" in got[1]["findings"][0]["evidence"]  # the signal
strip = lambda d: (d["message_id"], d["attachments"], d["findings"])
assert [strip(d) for d in got[:1] + got[2:]] == [strip(d) for d in ref[:1] + ref[2:]]
assert len(hang) == 1 and hang[0]["message_id"] == "unscannable-message-1", hang
assert "did not finish" in hang[0]["findings"][0]["evidence"], hang
print("ok")
PY

# --group: one bundle over several messages, plus a bundle-wide record.
"$N" intake -q -f json --group clean.eml jp.eml > "$work/group.jsonl" || true
"$PY" - "$work/group.jsonl" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(docs) == 3 and docs[-1].get("group") is True, docs
assert docs[-1]["messages"] == [d["message_id"] for d in docs[:2]], docs[-1]
assert [d["message_id"].split("@")[0] for d in docs[:2]] == ["clean-1", "jp-1"]
assert [f["rule"] for f in docs[1]["findings"]] == ["PDF-TEXT-LAYER"]
print("ok")
PY

# Hostile shapes: every input gives a record, limits are reported, names stay names.
"$N" intake -q --lang en -f json hostile/empty.eml hostile/garbage.eml hostile/deep.eml \
    hostile/many.eml hostile/names.eml > "$work/hostile.jsonl" || true
"$PY" - "$work/hostile.jsonl" <<'PY'
import json, sys
docs = [d for d in map(json.loads, open(sys.argv[1], encoding="utf-8")) if "message_id" in d]
assert len(docs) == 5, len(docs)
rules = [[(f["rule"], f["file"]) for f in d["findings"]] for d in docs]
assert rules[0] == [("MAIL-UNSCANNABLE", "unparsed-message-1")], rules[0]   # empty
assert docs[1]["findings"] and docs[1]["findings"][0]["rule"] == "MAIL-UNSCANNABLE", docs[1]  # garbage
assert ("MAIL-UNSCANNABLE", "deep@x.example") in rules[2] and docs[2]["attachments"] == [], rules[2]
assert len(docs[3]["attachments"]) == 1000 and ("MAIL-UNSCANNABLE", "many@x.example") in rules[3]
names = [a["name"] for a in docs[4]["attachments"]]
assert docs[4]["message_id"] == ".._.._etc_passwd", docs[4]["message_id"]
assert names == [".._.._.._.._tmp_nohin-pwn.csv", "part-2", "_etc_x_.csv"], names
print("ok")
PY
[ ! -e /tmp/nohin-pwn.csv ] || { echo "an attachment name was used as a path"; exit 1; }

# A split submission: alone, the second part has no report PDF (a bundle rule);
# with --group the bundle rules see the PDF of the first part and compare the
# data files with its captions.
"$N" intake -q --lang en -f json split/part2.eml > "$work/part2.jsonl" || true
"$N" intake -q --lang en -f json --group split/part1.eml split/part2.eml > "$work/split.jsonl" || true
# Without --group the counters （1/2） （2/2） of one sender make the same submission.
"$N" intake -q --lang en -f json split/part2.eml split/part1.eml > "$work/auto.jsonl" || true
"$PY" - "$work/part2.jsonl" "$work/split.jsonl" "$work/auto.jsonl" <<'PY'
import json, sys
alone = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
grouped = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
auto = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8")]
# Alone, part 2 is an incomplete submission; the bundle rule is the submission's.
assert len(alone) == 2 and alone[1]["submission"] == alone[0]["message_id"], alone
assert [f["rule"] for f in alone[1]["findings"]] == ["BUNDLE-PUBLIC-PDF", "MAIL-INCOMPLETE"], alone[1]
assert alone[1]["status"] == "incomplete: （1/2） missing" and alone[1]["verdict"] == "reject", alone[1]
assert len(grouped) == 3 and grouped[2].get("group") is True
assert len(auto) == 3 and auto[2]["complete"] and auto[2]["status"] == "complete", auto[2]
assert [d["message_id"].split("@")[0] for d in auto[:2]] == ["part1", "part2"], auto  # counter order
strip = lambda d: (d["message_id"], d["attachments"], d["findings"])
assert [strip(d) for d in auto[:2]] == [strip(d) for d in grouped[:2]], (auto, grouped)
assert auto[2]["findings"] == grouped[2]["findings"], (auto[2], grouped[2])
rules = [f["rule"] for d in grouped for f in d["findings"]]
assert "BUNDLE-PUBLIC-PDF" not in rules, rules
fig = [f["file"] for f in grouped[1]["findings"] if f["rule"] == "BUNDLE-FIGURE-NAME"]
pre = grouped[1]["message_id"] + "/提出2.zip/調査報告書等一式（公表用）/図表等データ/"
assert fig == [pre + "図3-1.csv", pre + "図3-2.csv"], fig
print("ok")
PY

# Text output names message, attachment and page.
"$N" intake --lang en clean.eml jp.eml > "$work/out.txt" || true
grep -q "^Message jp-1@contractor.example.co.jp" "$work/out.txt"
grep -q "jp-1@contractor.example.co.jp/報告書.pdf" "$work/out.txt"
grep -q "PDF-TEXT-LAYER \[p. 2\]" "$work/out.txt"
# Exit code 0 for a clean message; usage errors are 2.
"$N" intake -q clean.eml > /dev/null
set +e; "$N" intake -q "$work/nonexistent.eml" 2>/dev/null; rc=$?; set -e
[ "$rc" -eq 2 ] || { echo "missing path: exit $rc"; exit 1; }
echo "intake_messages: ok"
