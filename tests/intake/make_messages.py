#!/usr/bin/python3
"""Generates the e-mail messages the intake tests read (deterministic).

usage: make_messages.py FILES_DIR OUT_DIR
FILES_DIR holds report.pdf, scan.pdf, data.xlsx, data.csv (fixtures/gen/gen_intake_files).
Writes one .eml per case into OUT_DIR, plus all.mbox (every case but the large one)
and a Maildir (maildir/{cur,new,tmp}).
"""
import io
import os
import random
import subprocess
import sys
import tempfile
import zipfile
import zlib
from email import encoders, policy
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.message import Message
from email.utils import format_datetime, formataddr
import datetime

files_dir, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
DATE = datetime.datetime(2026, 3, 31, 17, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))


def data(name):
    with open(os.path.join(files_dir, name), "rb") as f:
        return f.read()


def base(mid, subject="提出", charset="utf-8", sender=("山田太郎", "taro.yamada@contractor.example.co.jp")):
    m = MIMEMultipart()
    m["Message-ID"] = f"<{mid}@contractor.example.co.jp>"
    m["Date"] = format_datetime(DATE)
    m["From"] = formataddr(sender, "utf-8")
    m["To"] = "chosa@meti.example.go.jp"
    m["Subject"] = Header(subject, charset)
    m.attach(MIMEText("ご確認ください。", "plain", "utf-8"))
    return m


def attach(m, payload, name, maintype="application", subtype="octet-stream", name_charset=None):
    p = MIMEBase(maintype, subtype)
    p.set_payload(payload)
    encoders.encode_base64(p)
    if name_charset == "iso-2022-jp-rfc2047":
        # What many Japanese mailers still send: an RFC 2047 word inside the parameter.
        enc = Header(name, "iso-2022-jp").encode()
        p["Content-Disposition"] = f'attachment; filename="{enc}"'
    elif name_charset:
        p.add_header("Content-Disposition", "attachment", filename=(name_charset, "", name))
    else:
        p.add_header("Content-Disposition", "attachment", filename=name)
    m.attach(p)
    return p


def save(name, m):
    raw = m.as_bytes() if not isinstance(m, bytes) else m
    with open(os.path.join(out, name), "wb") as f:
        f.write(raw)
    return raw


def zip_bytes(entries, raw_names=None):
    """entries: [(name, bytes)]; raw_names: {placeholder: raw bytes} to patch in
    names that Python's zipfile cannot write (CP932 without the UTF-8 flag)."""
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in entries:
            z.writestr(zipfile.ZipInfo(n, date_time=(2026, 3, 31, 0, 0, 0)), d,
                       compress_type=zipfile.ZIP_DEFLATED)
    b = bio.getvalue()
    for ph, raw in (raw_names or {}).items():
        assert len(ph.encode()) == len(raw)
        b = b.replace(ph.encode(), raw)
    return b


cases = {}

# 1. Japanese: ISO-2022-JP subject, RFC 2047 (ISO-2022-JP) and RFC 2231 (UTF-8) names.
m = base("jp-1", "調査報告書の提出について", "iso-2022-jp")
attach(m, data("scan.pdf"), "報告書.pdf", name_charset="iso-2022-jp-rfc2047")
attach(m, data("data.csv"), "図表3-2 出荷額.csv", name_charset="utf-8")
cases["jp.eml"] = save("jp.eml", m)

# 2. Shift_JIS raw 8-bit header and file name (old Windows mailers).
sj = ("Message-ID: <sjis-1@contractor.example.co.jp>\r\n"
      "Date: Tue, 31 Mar 2026 17:00:00 +0900\r\n"
      "From: sender@sjis.example.jp\r\nTo: chosa@meti.example.go.jp\r\n").encode()
sj += "Subject: 報告書送付\r\n".encode("cp932")
sj += (b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"BB\"\r\n\r\n"
       b"--BB\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nbody\r\n--BB\r\n"
       b"Content-Type: text/csv\r\nContent-Transfer-Encoding: base64\r\n")
sj += "Content-Disposition: attachment; filename=\"集計表.csv\"\r\n\r\n".encode("cp932")
import base64
sj += base64.encodebytes(data("data.csv")).replace(b"\n", b"\r\n") + b"\r\n--BB--\r\n"
cases["sjis.eml"] = save("sjis.eml", sj)

# 3. Nested multiparts: mixed > (alternative, mixed > (mixed > pdf, xlsx)), quoted-printable csv.
m = base("nested-1")
alt = MIMEMultipart("alternative")
alt.attach(MIMEText("text", "plain"))
alt.attach(MIMEText("<p>html</p>", "html"))
m.attach(alt)
inner = MIMEMultipart("mixed")
inner2 = MIMEMultipart("mixed")
p = MIMEApplication(data("report.pdf"), "pdf")
p.add_header("Content-Disposition", "attachment", filename="report.pdf")
inner2.attach(p)
inner.attach(inner2)
p = MIMEApplication(data("data.xlsx"), "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
p.add_header("Content-Disposition", "attachment", filename="data.xlsx")
inner.attach(p)
q = MIMEText(data("data.csv").decode(), "csv", "utf-8")
del q["Content-Transfer-Encoding"]
q.replace_header("Content-Type", 'text/csv; charset="utf-8"')
q.set_payload(data("data.csv").decode().encode("utf-8"))
from email import charset as _cs
encoders.encode_quopri(q)
q.add_header("Content-Disposition", "attachment", filename="qp.csv")
inner.attach(q)
m.attach(inner)
cases["nested.eml"] = save("nested.eml", m)

# 4. A forwarded message (message/rfc822) that carries the attachments.
fw_inner = base("original-1", "元のメール")
attach(fw_inner, data("scan.pdf"), "scan.pdf", "application", "pdf")
attach(fw_inner, data("data.xlsx"), "data.xlsx")
m = base("forward-1", "Fwd: 元のメール")
from email.mime.message import MIMEMessage
mm = MIMEMessage(fw_inner)
mm.add_header("Content-Disposition", "attachment", filename="original.eml")
m.attach(mm)
cases["forward.eml"] = save("forward.eml", m)

# 5. Over 10 MB: 12,000,000 random bytes (base64 makes the message ~16 MB).
m = base("big-1")
attach(m, random.Random(12).randbytes(12_000_000), "big.bin")
big = save("big.eml", m)

# 6. Password zip (PPAP), made with zip -P by a program nobody here wrote.
with tempfile.TemporaryDirectory() as td:
    for n in ("report.pdf", "data.csv"):
        with open(os.path.join(td, n), "wb") as f:
            f.write(data(n))
    subprocess.run(["zip", "-q", "-P", "himitsu", "-X", os.path.join(td, "s.zip"),
                    "report.pdf", "data.csv"], cwd=td, check=True)
    with open(os.path.join(td, "s.zip"), "rb") as f:
        ppap = f.read()
m = base("ppap-1", "資料送付（パスワードは別途）")
attach(m, ppap, "資料.zip", "application", "zip", name_charset="utf-8")
cases["ppap.eml"] = save("ppap.eml", m)

# 7. A zip whose names leave the folder; a good entry beside them.
m = base("traversal-1")
attach(m, zip_bytes([("../evil.csv", b"a,b\r\n"), ("ok/../../x.csv", b"a\r\n"),
                     ("good.csv", data("data.csv"))]), "t.zip", "application", "zip")
cases["traversal.eml"] = save("traversal.eml", m)

# 8. A zip bomb: 200 MB of zeros in ~200 KB, beside a normal entry.
bio = io.BytesIO()
with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr(zipfile.ZipInfo("data.csv", date_time=(2026, 3, 31, 0, 0, 0)), data("data.csv"),
               compress_type=zipfile.ZIP_DEFLATED)
    zi = zipfile.ZipInfo("bomb.csv", date_time=(2026, 3, 31, 0, 0, 0))
    zi.compress_type = zipfile.ZIP_DEFLATED
    with z.open(zi, "w", force_zip64=True) as f:
        chunk = b"0" * (1 << 20)
        for _ in range(200):
            f.write(chunk)
m = base("bomb-1")
attach(m, bio.getvalue(), "bomb.zip", "application", "zip")
cases["bomb.eml"] = save("bomb.eml", m)

# 9. Files whose reader the test hooks crash or hang (NOHIN_TEST_CHILD_CRASH/HANG).
m = base("hostile-1")
attach(m, data("report.pdf"), "crashme.pdf", "application", "pdf")
attach(m, data("report.pdf"), "hangme.pdf", "application", "pdf")
attach(m, data("data.csv"), "fine.csv", "text", "csv")
cases["hostile.eml"] = save("hostile.eml", m)

# 10. Outlook TNEF, an executable, a script inside a zip, nested zips with CP932 names.
m = base("mixed-1")
attach(m, b"\x78\x9f\x3e\x22" + bytes(60), "winmail.dat", "application", "ms-tnef")
attach(m, b"MZ\x90\x00" + bytes(200), "setup.exe")
cp = "集計表.csv".encode("cp932")
level4 = zip_bytes([("too-deep.csv", data("data.csv"))])
level3 = zip_bytes([("deep.csv", data("data.csv")), ("l4.zip", level4)])
level2 = zip_bytes([("l3.zip", level3), ("l2.csv", data("data.csv"))])
level1 = zip_bytes([("AAAAAA.csv", data("data.csv")), ("run.sh", b"#!/bin/sh\necho hi\n"),
                    ("inner.zip", level2)], raw_names={"AAAAAA.csv": cp})
attach(m, level1, "bundle.zip", "application", "zip")
cases["mixed.eml"] = save("mixed.eml", m)

# 11. Near miss: a clean message (text PDF, xlsx, csv) with no MAIL-* finding.
m = base("clean-1", "令和7年度 調査報告書")
attach(m, data("report.pdf"), "報告書.pdf", "application", "pdf", name_charset="utf-8")
attach(m, data("data.xlsx"), "表3-2.xlsx", name_charset="utf-8")
attach(m, data("data.csv"), "表3-2.csv", "text", "csv", name_charset="utf-8")
cases["clean.eml"] = save("clean.eml", m)

# mbox of every case but the big one, and a Maildir of the same.
with open(os.path.join(out, "all.mbox"), "wb") as f:
    for name, raw in cases.items():
        raw = raw.replace(b"\r\n", b"\n")
        f.write(b"From sender@example.jp Tue Mar 31 08:00:00 2026\n")
        # mboxrd quoting of body lines that start with "From "
        for line in raw.split(b"\n"):
            f.write((b">" + line if line.lstrip(b">").startswith(b"From ") else line) + b"\n")
        f.write(b"\n")
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(out, "maildir", sub), exist_ok=True)
for i, (name, raw) in enumerate(cases.items()):
    with open(os.path.join(out, "maildir", "cur", f"{1700000000 + i}.{i}.host:2,S"), "wb") as f:
        f.write(raw)

# Hostile shapes (not in the mbox): empty, garbage, MIME nested 60 deep, 1,500
# attachments, names that try to be paths.
hostile = os.path.join(out, "hostile")
os.makedirs(hostile, exist_ok=True)
open(os.path.join(hostile, "empty.eml"), "wb").close()
with open(os.path.join(hostile, "garbage.eml"), "wb") as f:
    f.write(bytes(random.Random(7).randrange(256) for _ in range(50000)).replace(b":", b"."))
s = "MIME-Version: 1.0\nMessage-ID: <deep@x.example>\n"
for i in range(60):
    s += f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n'
s += 'Content-Type: application/pdf\nContent-Disposition: attachment; filename="x.pdf"\n\n%PDF-1.4\n'
for i in reversed(range(60)):
    s += f"\n--b{i}--\n"
with open(os.path.join(hostile, "deep.eml"), "w") as f:
    f.write(s)
s = 'MIME-Version: 1.0\nMessage-ID: <many@x.example>\nContent-Type: multipart/mixed; boundary="B"\n\n'
for i in range(1500):
    s += f'--B\nContent-Type: text/csv\nContent-Disposition: attachment; filename="f{i}.csv"\n\na,b\n'
with open(os.path.join(hostile, "many.eml"), "w") as f:
    f.write(s + "--B--\n")
s = ('MIME-Version: 1.0\nMessage-ID: <../../etc/passwd>\nContent-Type: multipart/mixed; boundary="B"\n\n'
     '--B\nContent-Type: text/csv\nContent-Disposition: attachment; filename="../../../../tmp/nohin-pwn.csv"\n\na\n'
     '--B\nContent-Type: text/csv\nContent-Disposition: attachment; filename=".."\n\na\n'
     '--B\nContent-Type: text/csv\nContent-Disposition: attachment; filename="/etc/x\x01.csv"\n\na\n--B--\n')
with open(os.path.join(hostile, "names.eml"), "w") as f:
    f.write(s)

# A submission split over two messages: the report in one, the figure data in
# the other (each a zip with the 公表用 folder). Only --group sees both.
split = os.path.join(out, "split")
os.makedirs(split, exist_ok=True)
pub = "調査報告書等一式（公表用）/"
m = base("part1", "提出（1/2）")
attach(m, zip_bytes([(pub + "報告書.pdf", data("report.pdf"))]), "提出1.zip", "application", "zip",
       name_charset="utf-8")
save("split/part1.eml", m)
m = base("part2", "提出（2/2）")
attach(m, zip_bytes([(pub + "図表等データ/図3-1.csv", data("data.csv")),
                     (pub + "図表等データ/図3-2.csv", data("data.csv"))]),
       "提出2.zip", "application", "zip", name_charset="utf-8")
save("split/part2.eml", m)
