#!/bin/bash
# nohin pack: a bundle with a 25 MB report (cairo) and data files (Python's csv)
# becomes .eml drafts each under 10,000,000 bytes as written (wc -c); Python's
# email package parses them without defects, attachments are byte-identical to
# the inputs (sha256) and listed with their sha256 in the body; the report is
# split by pages into parts that pass `qpdf --check` and together have all pages.
# GMime (through `nohin intake`) reads the same attachments. Near misses: a
# too-large non-PDF file is an error naming the file-exchange service; a
# non-empty output folder is refused and left as it was; --zip packs per mail.
set -euo pipefail
N="$NOHIN_BIN"
PY=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir -p b/図表等データ
"$NOHIN_BINARY_DIR/fixtures/gen_big_report_pdf" b/報告書.pdf 52
"$PY" - <<'PY'
import csv, random
random.seed(18)
for name, rows in (("表1.csv", 60000), ("表2.csv", 120000), ("表3.csv", 300)):
    with open("b/図表等データ/" + name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["年度", "地域", "出荷額"])
        for i in range(rows):
            w.writerow([2000 + i % 25, "地域%d" % (i % 47), random.randint(0, 10**9)])
PY
size=$(stat -c %s b/報告書.pdf)
[ "$size" -gt 24000000 ] || { echo "report is only $size bytes"; exit 1; }

"$N" pack b -o drafts --to chosa@meti.example.go.jp --subject 令和8年度調査報告書 >pack.out
n=$(ls drafts/*.eml | wc -l)
[ "$n" -ge 4 ] || { echo "only $n drafts"; exit 1; }
for f in drafts/*.eml; do
    s=$(wc -c <"$f")
    [ "$s" -lt 10000000 ] || { echo "$f is $s bytes"; exit 1; }
done

"$PY" - "$n" <<'PY'
import email, email.policy, glob, hashlib, os, re, subprocess, sys
n = int(sys.argv[1])
def sha(b): return hashlib.sha256(b).hexdigest()
inputs = {os.path.basename(p): sha(open(p, "rb").read())
          for p in glob.glob("b/*") + glob.glob("b/*/*") if os.path.isfile(p)}
seen, parts = {}, []
for i, p in enumerate(sorted(glob.glob("drafts/*.eml")), 1):
    raw = open(p, "rb").read()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "CRLF only: " + p
    m = email.message_from_bytes(raw, policy=email.policy.default)
    assert not m.defects, (p, m.defects)
    assert m["subject"] == "【提出】令和8年度調査報告書（%d/%d）" % (i, n), m["subject"]
    assert m["to"] == "chosa@meti.example.go.jp"
    body = m.get_body(("plain",)).get_content()
    for a in m.iter_attachments():
        data = a.get_payload(decode=True)
        name = a.get_filename()
        assert name not in seen, name
        seen[name] = sha(data)
        assert sha(data) in body and name in body, (name, body)
        if name.startswith("報告書_p"):
            with open(name, "wb") as f:
                f.write(data)
            parts.append(name)
for k in ("表1.csv", "表2.csv", "表3.csv"):
    assert seen[k] == inputs[k], k
assert "報告書.pdf" not in seen and len(parts) >= 3, sorted(seen)
pages = 0
for p in sorted(parts):
    subprocess.run(["qpdf", "--check", p], check=True, stdout=subprocess.DEVNULL)
    pages += int(subprocess.run(["qpdf", "--show-npages", p], check=True,
                                capture_output=True, text=True).stdout)
    a, b = map(int, re.match(r"報告書_p(\d+)-(\d+)\.pdf", p).groups())
assert pages == 52, pages
# The pages in order: first of each part follows the last of the previous one.
ranges = sorted(tuple(map(int, re.match(r"報告書_p(\d+)-(\d+)", p).groups())) for p in parts)
assert ranges[0][0] == 1 and ranges[-1][1] == 52 and all(
    ranges[i][1] + 1 == ranges[i + 1][0] for i in range(len(ranges) - 1)), ranges
open("seen.txt", "w").write("\n".join("%s %s" % kv for kv in sorted(seen.items())))
PY

# GMime reads the same attachments (intake's JSON has each one's sha256).
set +e
"$N" intake --lang en --no-isolate -q -f json -o intake.jsonl drafts/*.eml
set -e
"$PY" - <<'PY'
import json
seen = dict(l.split() for l in open("seen.txt", encoding="utf-8"))
got = {}
for line in open("intake.jsonl", encoding="utf-8"):
    d = json.loads(line)
    for a in d.get("attachments", []):
        got[a["name"].split("/")[-1]] = a["sha256"]
assert got == seen, (got, seen)
PY

# Too large and not a PDF: an error that points to the file-exchange service.
mkdir big && head -c 12000000 /dev/urandom >big/archive.bin
set +e
"$N" pack --lang en big -o big-out 2>err.txt
rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "big non-PDF: exit $rc"; exit 1; }
grep -q "file-exchange service" err.txt || { cat err.txt; exit 1; }
[ ! -e big-out ] || [ -z "$(ls big-out)" ] || { echo "drafts written despite the error"; exit 1; }

# Never overwrites: a non-empty output folder is refused and left alone.
mkdir taken && echo keep >taken/01-of-01.eml
set +e
"$N" pack --lang en b/図表等データ -o taken 2>err.txt
rc=$?
set -e
[ "$rc" -eq 2 ] && [ "$(cat taken/01-of-01.eml)" = keep ] || { echo "overwrote: $rc"; exit 1; }

# --zip and a smaller limit: one zip per mail, each under 5 MB, entries identical.
"$N" pack b/図表等データ -o zipped --zip --max-message 5MB >/dev/null
"$PY" - <<'PY'
import email, email.policy, glob, hashlib, io, os, zipfile
want = {os.path.basename(p): hashlib.sha256(open(p, "rb").read()).hexdigest()
        for p in glob.glob("b/図表等データ/*")}
got = {}
drafts = sorted(glob.glob("zipped/*.eml"))
assert len(drafts) >= 2, drafts
for p in drafts:
    assert os.path.getsize(p) < 5_000_000, p
    m = email.message_from_binary_file(open(p, "rb"), policy=email.policy.default)
    atts = list(m.iter_attachments())
    assert len(atts) == 1 and atts[0].get_filename().endswith(".zip"), p
    z = zipfile.ZipFile(io.BytesIO(atts[0].get_payload(decode=True)))
    for i in z.infolist():
        got[i.filename] = hashlib.sha256(z.read(i)).hexdigest()
assert got == want, (got, want)
PY
echo ok
