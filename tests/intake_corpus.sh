#!/bin/bash
# Every file of the robustness corpus sent through `nohin intake` as the attachment
# of a generated message (one message per file, all in one mbox): no crash, no
# hang, every attachment accounted for with its exact bytes and SHA-256.
set -euo pipefail
corpus="${NOHIN_CORPUS:-}"
if [ -z "$corpus" ] || [ ! -d "$corpus" ]; then
    echo "corpus absent (NOHIN_CORPUS=$corpus): skipped"
    exit 77
fi
PY=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
"$PY" - "$corpus" "$work/corpus.mbox" "$work/expected.tsv" <<'PY'
import hashlib, os, sys
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email import encoders
corpus, mbox, expected = sys.argv[1:]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs
               if f not in ("README.md", "MANIFEST.tsv"))
with open(mbox, "wb") as out, open(expected, "w", encoding="utf-8") as exp:
    for i, p in enumerate(files):
        data = open(p, "rb").read()
        m = MIMEMultipart()
        m["Message-ID"] = f"<corpus-{i:04d}@test.example>"
        m["From"] = "sender@corpus.example"
        m["Subject"] = "corpus"
        m["Date"] = "Tue, 31 Mar 2026 17:00:00 +0900"
        m.attach(MIMEText("see attachment"))
        part = MIMEBase("application", "octet-stream")
        part.set_payload(data)
        encoders.encode_base64(part)
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", os.path.basename(p)))
        m.attach(part)
        out.write(b"From sender@corpus.example Tue Mar 31 08:00:00 2026\n")
        for line in m.as_bytes().split(b"\n"):
            out.write((b">" + line if line.lstrip(b">").startswith(b"From ") else line) + b"\n")
        out.write(b"\n")
        exp.write(f"corpus-{i:04d}@test.example\t{os.path.basename(p)}\t{len(data)}\t{hashlib.sha256(data).hexdigest()}\n")
print(len(files), "corpus files")
PY
set +e
timeout 1100 "$NOHIN_BIN" intake -q --lang en -f json -o "$work/out.jsonl" "$work/corpus.mbox" \
    2> "$work/stderr"
rc=$?
set -e
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then echo "intake exited $rc"; exit 1; fi
# Isolation turns a crash into a finding; here a crash would be our bug, so the
# sanitizers' reports from the children (on stderr) fail the test.
if grep -E "ERROR: AddressSanitizer|runtime error:" "$work/stderr"; then exit 1; fi
"$PY" - "$work/out.jsonl" "$work/expected.tsv" <<'PY'
import collections, json, sys
docs = {d["message_id"]: d for d in map(json.loads, open(sys.argv[1], encoding="utf-8"))
        if "message_id" in d}
expected = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")]
assert len(docs) == len(expected), (len(docs), len(expected))
status = collections.Counter()
for mid, name, size, sha in expected:
    d = docs[mid]
    top = [a for a in d["attachments"] if a["name"] == name]
    assert len(top) == 1, (mid, name, [a["name"] for a in d["attachments"]])
    a = top[0]
    assert a["bytes"] == int(size) and a["sha256"] == sha, (name, a)
    assert a["status"] in ("ok", "unreadable", "unscannable", "encrypted"), a
    for x in d["attachments"]:
        status[x["status"]] += 1
        # every unscannable attachment has a finding saying why
        if x["status"] == "unscannable":
            assert any(f["rule"] == "MAIL-UNSCANNABLE" and f["file"] == mid + "/" + x["name"]
                       for f in d["findings"]), (mid, x)
print("messages:", len(docs), "attachment statuses:", dict(status))
# Isolation would hide a reader crash as "unscannable": on the corpus that is a bug.
assert status["unscannable"] == 0, "a reader crashed, hung or hit a limit on a corpus file"
PY
[ -z "$(ls -A "$TMPDIR")" ] || { echo "temporary files left"; exit 1; }
echo "intake_corpus: ok"
