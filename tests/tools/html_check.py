#!/usr/bin/python3
"""Static checks of nohin's HTML report: usage html_check.py REPORT.html REPORT.json.
Self-contained (every src/href is a data: URI or a #fragment, no http(s) anywhere,
no element that loads anything), a Content-Security-Policy, one .finding element
per JSON finding, and the counts shown in the summary."""
import html.parser
import json
import re
import sys


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


text = open(sys.argv[1], encoding="utf-8").read()
report = json.load(open(sys.argv[2], encoding="utf-8"))


class Scan(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.tags, self.findings, self.ids = [], [], 0, {}
        self.cur_id = None
        self.imgs = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        for k in ("src", "href", "action", "formaction", "data", "poster", "background",
                  "srcset", "ping", "manifest", "xlink:href"):
            if k in a:
                self.refs.append((tag, k, a[k] or ""))
        if "finding" in (a.get("class") or "").split():
            self.findings += 1
        if tag == "img":
            self.imgs += 1
        self.cur_id = a.get("id")

    def handle_data(self, data):
        if self.cur_id and self.cur_id not in self.ids:
            self.ids[self.cur_id] = data.strip()
        self.cur_id = None


s = Scan()
s.feed(text)
for tag, k, v in s.refs:
    if not (v.startswith("data:image/png;base64,") or v.startswith("#")):
        fail(f"<{tag} {k}={v[:60]!r}> points outside the file")
for bad in ("link", "iframe", "object", "embed", "frame", "base", "audio", "video", "source",
            "track", "form"):
    if bad in s.tags:
        fail(f"<{bad}> element present")
if re.search(r"(?i)\b(https?|ftp|wss?)://", text):
    fail("an http(s)/ftp/ws URL appears in the report")
if re.search(r"(?i)url\(|@import|@font-face|fetch\(|XMLHttpRequest|WebSocket|sendBeacon", text):
    fail("CSS or script that could load something")
if "Content-Security-Policy" not in text or "default-src 'none'" not in text:
    fail("no Content-Security-Policy")
n = len(report["findings"])
if s.findings != n:
    fail(f"{s.findings} finding elements, JSON has {n}")
n_supp = sum(1 for f in report["findings"] if "suppressed" in f)
if s.ids.get("suppressed-count") != str(n_supp):
    fail(f"#suppressed-count {s.ids.get('suppressed-count')!r} != {n_supp}")
n -= n_supp  # the count shown is of findings to act on
if s.ids.get("finding-count") != str(n):
    fail(f"#finding-count {s.ids.get('finding-count')!r} != {n}")
for sev in ("error", "warning", "info"):
    if s.ids.get(f"count-{sev}") != str(report["summary"][sev]):
        fail(f"#count-{sev} differs from the JSON summary")
if s.ids.get("file-count") != str(len(report["files"])):
    fail("#file-count differs")
pdf_page_findings = [f for f in report["findings"] if "page" in f["location"]]
if s.imgs != len(pdf_page_findings):
    fail(f"{s.imgs} pictures for {len(pdf_page_findings)} page findings")
# Every file path is shown, escaped.
for f in report["files"]:
    esc = f["path"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    if esc not in text:
        fail(f"file {f['path']!r} not listed (escaped)")
    if esc != f["path"] and f["path"] in text:
        fail(f"file name {f['path']!r} appears unescaped")
print(f"ok: {n} findings, {s.imgs} pictures")
