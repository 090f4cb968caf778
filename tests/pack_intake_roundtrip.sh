#!/bin/bash
# pack → intake round trip: the drafts of one bundle, shuffled, as .eml files, as
# an mbox (LF line ends, Python's mailbox) and as a Maildir, form ONE complete
# submission whose file findings are those of `nohin lint` on the bundle; the
# size measured is the wire size (CRLF) in every form. With one draft withheld
# the submission is "incomplete: （2/3） missing" and the reply draft asks for it.
set -euo pipefail
N="$NOHIN_BIN"
PY=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$NOHIN_BINARY_DIR/fixtures/gen_intake_files" files >/dev/null
mkdir b
cp files/scan.pdf files/report.pdf files/data.xlsx b/
"$PY" - <<'PY'
import csv, random
random.seed(7)
for k in (1, 2, 3):
    with open("b/表%d.csv" % k, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["年度", "出荷額"])
        for i in range(60000):
            w.writerow([2000 + i % 25, random.randint(0, 10**9)])
PY
"$N" pack b -o d --from taro.yamada@contractor.example.co.jp --subject 令和8年度調査報告書 \
    --max-message 2.5MB >/dev/null
[ "$(ls d | wc -l)" -eq 3 ] || { ls -l d; echo "want 3 drafts"; exit 1; }

set +e
"$N" lint -q --lang en -f json b >lint.json
# Shuffled .eml files; an mbox (LF) and a Maildir in yet other orders.
"$PY" - <<'PY'
import mailbox, os, shutil
order = ["d/03-of-03.eml", "d/01-of-03.eml", "d/02-of-03.eml"]
mb = mailbox.mbox("all.mbox")
for p in ["d/02-of-03.eml", "d/03-of-03.eml", "d/01-of-03.eml"]:
    mb.add(open(p, "rb").read().replace(b"\r\n", b"\n"))  # as a Unix MDA stores it
mb.close()
for sub in ("new", "cur", "tmp"):
    os.makedirs("md/" + sub)
for i, p in enumerate(["d/02-of-03.eml", "d/01-of-03.eml", "d/03-of-03.eml"]):
    shutil.copy(p, "md/new/17000000%02d.M1P1.host" % i)
os.makedirs("part")
for p in ["d/03-of-03.eml", "d/01-of-03.eml"]:
    shutil.copy(p, "part/" + os.path.basename(p))
PY
grep -q $'\r' all.mbox && { echo "mailbox kept CRLF: the mbox test needs LF"; exit 1; }
"$N" intake -q --lang en -f json d/03-of-03.eml d/01-of-03.eml d/02-of-03.eml >eml.jsonl
"$N" intake -q --lang en -f json all.mbox >mbox.jsonl
"$N" intake -q --lang en -f json md >md.jsonl
"$N" intake -q --lang en -f json --replies replies part/03-of-03.eml part/01-of-03.eml >part.jsonl
set -e

"$PY" - <<'PY'
import email, email.policy, glob, json, os
lint = json.load(open("lint.json", encoding="utf-8"))
def key(f, file):
    return (f["rule"], file, json.dumps(f.get("location"), sort_keys=True), f["message"])
want = sorted(key(f, f["file"]) for f in lint["findings"] if f["file"])
assert want, "lint found nothing: the comparison would prove nothing"
wire = {os.path.getsize(p) for p in glob.glob("d/*.eml")}
for src in ("eml", "mbox", "md"):
    docs = [json.loads(l) for l in open(src + ".jsonl", encoding="utf-8")]
    mails = [d for d in docs if "message_id" in d]
    subs = [d for d in docs if "submission" in d]
    assert len(mails) == 3 and len(subs) == 1, (src, len(mails), len(subs))
    s = subs[0]
    assert s["complete"] and s["status"] == "complete" and s["missing"] == [], (src, s)
    assert s["messages"] == [m["message_id"] for m in mails], (src, s)
    assert s["subject"] == "【提出】令和8年度調査報告書", (src, s["subject"])
    got = sorted(key(f, f["file"].split("/", 1)[1]) for m in mails for f in m["findings"])
    assert got == want, (src, got, want)
    assert s["verdict"] == ("reject" if lint["summary"]["error"] else "accept"), s
    # Wire size: the same bytes in every form (CRLF drafts, LF mbox, Maildir).
    assert {m["bytes"] for m in mails} == wire, (src, [m["bytes"] for m in mails], wire)

docs = [json.loads(l) for l in open("part.jsonl", encoding="utf-8")]
s = [d for d in docs if "submission" in d]
assert len(s) == 1 and not s[0]["complete"], s
assert s[0]["status"] == "incomplete: （2/3） missing" and s[0]["missing"] == ["（2/3）"], s[0]
assert s[0]["verdict"] == "reject", s[0]
assert [f["rule"] for f in s[0]["findings"]] == ["MAIL-INCOMPLETE"], s[0]["findings"]
replies = glob.glob("replies/*.eml")
assert len(replies) == 1, replies
r = email.message_from_binary_file(open(replies[0], "rb"), policy=email.policy.default)
assert not r.defects and r["to"] == "taro.yamada@contractor.example.co.jp", r["to"]
assert r["subject"].startswith("【検査結果：差戻し】"), r["subject"]
body = r.get_content()
assert "（2/3） のメール" in body and "判定: 差戻し" in body, body
assert "taro.yamada" not in open("part.jsonl", encoding="utf-8").read()
print("ok")
PY
