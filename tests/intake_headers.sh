#!/bin/bash
# intake: Subjects split into several RFC 2047 words decoded whole (issue 16.6),
# and personal data in Subject, attachment names and evidence masked in every
# format (issue 16.5). Headers come from Python's email package (UTF-8 and
# ISO-2022-JP, several words) and are written by hand as Thunderbird (UTF-8,
# folded, a character split across words) and Outlook (ISO-2022-JP, tab-folded)
# send them. A subject without personal data is the near miss: shown unchanged.
set -euo pipefail
N="$NOHIN_BIN"
PY=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$PY" - <<'PY'
import base64, email.header, email.message, email.policy
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.application import MIMEApplication
S = "【提出】令和8年度産業構造調査報告書の提出について（山田太郎 090-1234-5678 taro.yamada@example.co.jp）その2"
CLEAN = "【提出】令和8年度産業構造調査報告書の提出について（株式会社サンプル総研）その2"
FILE = "山田太郎_090-1234-5678.csv"

def py_utf8(mid, subject):
    m = email.message.EmailMessage()
    m["From"] = "Taro Yamada <taro.yamada@contractor.example.co.jp>"
    m["To"] = "chosa@meti.example.go.jp"
    m["Subject"] = subject
    m["Message-ID"] = mid
    m.set_content("本文です。")
    m.add_attachment(b"a,b\n1,2\n", maintype="text", subtype="csv", filename=FILE)
    return m.as_bytes(policy=email.policy.SMTP)

def py_jis(mid, subject):
    m = MIMEMultipart()
    m["From"] = "taro.yamada@contractor.example.co.jp"
    m["Subject"] = email.header.Header(subject, "iso-2022-jp")
    m["Message-ID"] = mid
    m.attach(MIMEText("本文です。", "plain", "iso-2022-jp"))
    a = MIMEApplication(b"a,b\n1,2\n", "octet-stream")
    a.add_header("Content-Disposition", "attachment", filename=("utf-8", "", FILE))
    m.attach(a)
    return m.as_bytes()

def hand(mid, folded):
    return ("From: =?UTF-8?B?5bGx55Sw?= <taro.yamada@contractor.example.co.jp>\r\n"
            "To: chosa@meti.example.go.jp\r\n"
            "Subject: " + folded + "\r\n"
            "Message-ID: " + mid + "\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            "本文\r\n").encode("utf-8")

def words(raw, charset, size, enc="B"):
    out = []
    for i in range(0, len(raw), size):
        chunk = raw[i:i + size]
        out.append("=?%s?%s?%s?=" % (charset, enc, base64.b64encode(chunk).decode()))
    return out

# Thunderbird: UTF-8 words of 45 bytes, folded with CRLF + space; the byte split
# lands in the middle of a character (Thunderbird keeps characters whole, other
# mailers do not: both must come out whole).
u = S.encode("utf-8")
tb = "\r\n ".join(words(u, "UTF-8", 45))
# Outlook: each ISO-2022-JP word a complete escape sequence, folded with CRLF + tab.
parts, cur = [], ""
for ch in S:
    if len((cur + ch).encode("iso-2022-jp")) > 40:
        parts.append(cur); cur = ""
    cur += ch
parts.append(cur)
ol = "\r\n\t".join("=?iso-2022-jp?B?%s?=" % base64.b64encode(p.encode("iso-2022-jp")).decode() for p in parts)
# A Q-encoded pair too (some webmail).
q = " ".join("=?utf-8?Q?%s?=" % "".join("=%02X" % b for b in S[i:i+8].encode()) for i in range(0, len(S), 8))
# File names as RFC 2047 words inside the parameter, split over several words
# (UTF-8 cut mid-character; ISO-2022-JP as Outlook writes it), folded.
NAME = "令和8年度産業構造調査報告書_図表データ一式_山田太郎.csv"
def name_words(kind):
    if kind == "utf8":
        u = NAME.encode("utf-8")
        return "\r\n ".join(words(u, "UTF-8", 20))
    out, cur = [], ""
    for ch in NAME:
        if len((cur + ch).encode("iso-2022-jp")) > 24:
            out.append(cur); cur = ""
        cur += ch
    out.append(cur)
    return "\r\n\t".join("=?ISO-2022-JP?B?%s?=" % base64.b64encode(p.encode("iso-2022-jp")).decode() for p in out)
def with_name(mid, kind):
    v = name_words(kind)
    return ("From: a@b.example\r\nSubject: names\r\nMessage-ID: " + mid + "\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=BB\r\n\r\n--BB\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
            "--BB\r\nContent-Type: text/csv; name=\"" + v + "\"\r\nContent-Disposition: attachment;\r\n"
            " filename=\"" + v + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\nYSxiCg==\r\n--BB--\r\n").encode()
for kind in ("utf8", "jis"):
    open("name-%s.eml" % kind, "wb").write(with_name("<name-%s@t>" % kind, kind))
for name, data in {"py-utf8": py_utf8("<py-utf8@t>", S), "py-jis": py_jis("<py-jis@t>", S),
                   "tb": hand("<tb@t>", tb), "ol": hand("<ol@t>", ol), "q": hand("<q@t>", q),
                   "clean": py_jis("<clean@t>", CLEAN)}.items():
    open(name + ".eml", "wb").write(data)
# Each generated header really has two or more encoded words.
for n in ("py-utf8", "py-jis", "tb", "ol"):
    head = open(n + ".eml", "rb").read().split(b"\n\n")[0].split(b"\r\n\r\n")[0]
    assert head.count(b"=?") >= 2, n
PY
set +e
"$N" intake --lang en -f json -o all.jsonl py-utf8.eml py-jis.eml tb.eml ol.eml q.eml clean.eml
"$N" intake --lang en -f json -o names.jsonl name-utf8.eml name-jis.eml
"$N" intake --lang en -o all.txt py-utf8.eml py-jis.eml tb.eml ol.eml q.eml clean.eml
set -e
"$PY" - <<'PY'
import json, sys
docs = {d["message_id"].split("@")[0]: d for d in map(json.loads, open("all.jsonl", encoding="utf-8"))
        if "message_id" in d}
subs = [d for d in map(json.loads, open("all.jsonl", encoding="utf-8")) if "submission" in d]
# One sender, one subject, every copy "その2": one submission, part 1 missing (the
# clean subject is another submission).
assert len(docs) == 6 and len(subs) == 2, (len(docs), len(subs))
assert sorted(len(d["messages"]) for d in subs) == [1, 5], subs
assert all(d["missing"] == ["その1"] and d["status"] == "incomplete: その1 missing" for d in subs), subs
want = "【提出】令和8年度産業構造調査報告書の提出について（山**郎 090-****-5678 t***@example.co.jp）その2"
for k in ("py-utf8", "py-jis", "tb", "ol", "q"):
    assert docs[k]["subject"] == want, (k, docs[k]["subject"])
clean = "【提出】令和8年度産業構造調査報告書の提出について（株式会社サンプル総研）その2"
assert docs["clean"]["subject"] == clean, docs["clean"]["subject"]
for k in ("py-utf8", "py-jis"):
    assert [a["name"] for a in docs[k]["attachments"]] == ["山**郎_090-****-5678.csv"], docs[k]["attachments"]
for path in ("all.jsonl", "all.txt"):
    text = open(path, encoding="utf-8").read()
    for raw in ("090-1234-5678", "taro.yamada", "山田太郎", "山田 太郎"):
        assert raw not in text, (path, raw)
    assert want in text and clean in text, path
names = [d["attachments"][0]["name"] for d in map(json.loads, open("names.jsonl", encoding="utf-8"))
         if "message_id" in d]
assert names == ["令和8年度産業構造調査報告書_図表データ一式_山**郎.csv"] * 2, names
# The submission's subject (the counter その2 taken off) is masked too.
for d in subs:
    assert "090-1234-5678" not in d["subject"] and "山田太郎" not in d["subject"], d["subject"]
print("ok")
PY
