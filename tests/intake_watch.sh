#!/bin/bash
# nohin intake --watch on a Maildir: drafts from `nohin pack` delivered one by one
# (tmp/ then rename into new/, as an MDA does). An incomplete submission is held
# (and survives a restart of the watcher); when the last mail arrives the
# submission's record, HTML report and reply draft appear; every message ends in
# cur/ flagged ":2,S". A copy of a message already done (same Message-ID) adds
# nothing. A message whose parser child crashes is recorded as MAIL-UNSCANNABLE
# and the watcher goes on.
set -euo pipefail
N="$NOHIN_BIN"
PY=/usr/bin/python3
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
"$NOHIN_BINARY_DIR/fixtures/gen_intake_files" files >/dev/null
mkdir b
cp files/report.pdf b/
for k in 1 2 3; do head -c 300000 /dev/zero | tr '\0' '7' | fold -w 60 | sed 's/^/1,/' >"b/表$k.csv"; done
"$N" pack b -o d --from taro.yamada@contractor.example.co.jp --subject 調査報告書 \
    --max-message 500KB >/dev/null
[ "$(ls d | wc -l)" -eq 3 ] || { ls -l d; exit 1; }
mkdir -p md/new md/cur md/tmp
deliver() { cp "$1" md/tmp/"$2"; mv md/tmp/"$2" md/new/"$2"; }
start() { "$N" intake -q --lang en --watch md --out out "$@" 2>>watch.err & pid=$!; sleep 0.5; }
stop() { kill -TERM "$pid"; wait "$pid" || true; pid=; }
# wait_for FILE PATTERN COUNT: until grep -c finds COUNT lines (30 s at most).
wait_for() {
    for _ in $(seq 300); do
        [ -f "$1" ] && [ "$(grep -c -- "$2" "$1" || true)" -ge "$3" ] && return 0
        sleep 0.1
    done
    echo "timed out waiting for $3 x '$2' in $1"; cat watch.err; exit 1
}

start
deliver d/03-of-03.eml 1001.M3.host
deliver d/01-of-03.eml 1002.M1.host
wait_for out/state held 2
sleep 1
[ ! -s out/results.jsonl ] || { echo "incomplete submission written"; cat out/results.jsonl; exit 1; }
stop
# The restarted watcher still holds them and completes the submission.
start
deliver d/02-of-03.eml 1003.M2.host
wait_for out/results.jsonl '"submission"' 1
wait_for out/state 'done	file:1003' 1
[ "$(ls md/new | wc -l)" -eq 0 ] || { ls md/new; exit 1; }
[ "$(ls md/cur | grep -c ':2,S$')" -eq 3 ] || { ls md/cur; exit 1; }
# Same Message-ID again under another name: moved, nothing written.
deliver d/01-of-03.eml 1004.DUP.host
for _ in $(seq 100); do [ -z "$(ls md/new)" ] && break; sleep 0.1; done
sleep 0.5
stop
# A crashing parser child: recorded, and the watcher is still there afterwards.
NOHIN_TEST_CHILD_CRASH=message-1 start
printf 'From: x@y.example\r\nSubject: crash\r\nMessage-ID: <c@y>\r\n\r\nbody\r\n' >crash.eml
deliver crash.eml 1005.CRASH.host
wait_for out/results.jsonl unscannable-message 2
kill -0 "$pid" || { echo "watcher died"; exit 1; }
stop
"$PY" - <<'PY'
import email, email.policy, glob, json
docs = [json.loads(l) for l in open("out/results.jsonl", encoding="utf-8")]
subs = [d for d in docs if "submission" in d]
mails = [d for d in docs if "message_id" in d]
assert len(subs) == 2 and len(mails) == 4, [d.get("submission") or d.get("message_id") for d in docs]
s = subs[0]
assert s["complete"] and len(s["messages"]) == 3 and s["verdict"] in ("accept", "review", "reject"), s
assert [m["message_id"] for m in mails[:3]] == s["messages"], (mails, s)
assert mails[3]["message_id"] == "unscannable-message-1" and \
    [f["rule"] for f in mails[3]["findings"]] == ["MAIL-UNSCANNABLE"], mails[3]
assert subs[1]["verdict"] == "review", subs[1]
reports = glob.glob("out/reports/*.html")
assert len(reports) == 2 and any(s["submission"] in r for r in reports), reports
html = open([r for r in reports if s["submission"] in r][0], encoding="utf-8").read()
assert "<html" in html.lower() and "report.pdf" in html
replies = glob.glob("out/replies/*.eml")
assert len(replies) == 1, replies  # the crashed message has no known sender
r = email.message_from_binary_file(open(replies[0], "rb"), policy=email.policy.default)
assert r["to"] == "taro.yamada@contractor.example.co.jp" and "判定:" in r.get_content()
print("ok")
PY
