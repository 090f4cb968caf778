"""nohin serve API tests: a real HTTP client against the server on a random loopback port.

argv: NOHIN_BIN TMPDIR (TMPDIR/sample holds the sample bundle)."""
import http.client
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_client import Client, Server, findings, zip_folder  # noqa: E402

NOHIN, T = sys.argv[1], sys.argv[2]
ASAN = b"__asan_init" in open(NOHIN, "rb").read()
SAMPLE = os.path.join(T, "sample")
# The CLI runs see the zip under the same name the server stores it as, so paths agree.
os.makedirs(os.path.join(T, "cli"))
ZIP = zip_folder(SAMPLE, os.path.join(T, "cli", "bundle.zip"))
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def cli_lint(path):
    p = subprocess.run([NOHIN, "lint", "-q", "--lang", "ja", "--format", "json", path],
                       capture_output=True)
    assert p.returncode in (0, 1), p.stderr
    return json.loads(p.stdout)


def tree(root):
    out = {}
    for r, _, files in os.walk(root):
        for f in files:
            p = os.path.join(r, f)
            out[os.path.relpath(p, root)] = open(p, "rb").read()
    return out


data = os.path.join(T, "data")
srv = Server(NOHIN, data, "--jobs", "2", "--max-upload", "1M")
try:
    a, b = Client(srv.port), Client(srv.port)
    a.session()
    b.session()
    check("HttpOnly" in a.set_cookie and "SameSite=Strict" in a.set_cookie,
          "session cookie is HttpOnly; SameSite=Strict")
    check(a.cookie != b.cookie and a.csrf != b.csrf and len(a.csrf) == 32, "sessions differ")

    # 1. the sample bundle as a zip: same findings as `nohin lint` on it
    st, _, d = a.post_zip(open(ZIP, "rb").read())
    check(st == 202, "POST /api/jobs → 202 (%d)" % st)
    job = json.loads(d)
    jid = job["id"]
    check(len(jid) == 32 and int(jid, 16) >= 0, "job id is 128-bit hex")
    j = a.wait(jid)
    check(j["state"] == "done" and j["report"] and j["clean"], "job done with report and clean.zip")
    st, r, d = a.request("GET", "/api/jobs/%s/report.json" % jid)
    served = json.loads(d)
    direct = cli_lint(ZIP)
    check(st == 200 and served["findings"] == direct["findings"],
          "report.json findings == nohin lint on the zip (%d findings)" % len(direct["findings"]))
    check(served["summary"] == direct["summary"], "summary equal")
    s = direct["summary"]
    check(j["counts"] == {"error": s["error"], "warning": s["warning"], "info": s["info"]},
          "job counts == lint summary")
    for ext in ("html", "sarif", "txt"):
        st, r, d = a.request("GET", "/api/jobs/%s/report.%s" % (jid, ext))
        check(st == 200 and len(d) > 100, "report.%s served" % ext)
    st, r, d = a.request("GET", "/api/jobs/%s/report.html" % jid)
    check("frame-ancestors 'self'" in (r.getheader("Content-Security-Policy") or ""),
          "report.html served under a CSP")

    # 2. clean.zip unpacks to what `nohin clean` writes
    st, r, d = a.request("GET", "/api/jobs/%s/clean.zip" % jid)
    check(st == 200 and r.getheader("Content-Type") == "application/zip", "clean.zip served")
    unz = os.path.join(T, "unz")
    zipfile.ZipFile(io.BytesIO(d)).extractall(unz)
    out = os.path.join(T, "cli", "clean")
    p = subprocess.run([NOHIN, "clean", "-q", "--lang", "ja", "-o", out, ZIP], capture_output=True)
    check(p.returncode in (0, 1), "nohin clean ran (%d)" % p.returncode)
    pub = os.path.join(out, "公表用")
    want = tree(pub if os.path.isdir(pub) else out)
    got = tree(unz)
    check(sorted(got) == sorted(want) and len(want) > 3,
          "clean.zip has the files nohin clean writes (%d)" % len(want))
    same = [k for k in want if got.get(k) == want[k]]
    check(len(same) == len(want), "clean.zip files are byte-identical (%d/%d)" % (len(same), len(want)))

    # 3. another session's job: 404 everywhere
    for method, path in (("GET", ""), ("GET", "/report.json"), ("GET", "/clean.zip"),
                         ("DELETE", "")):
        st, _, _ = b.request(method, "/api/jobs/%s%s" % (jid, path), None,
                             {"X-CSRF-Token": b.csrf})
        check(st == 404, "other session %s %s → 404 (%d)" % (method, path or "/", st))
    st, _, _ = Client(srv.port).request("GET", "/api/jobs/%s" % jid)
    check(st == 404, "no session → 404")

    # 4. CSRF: a state change without the token is refused
    st, _, _ = a.request("POST", "/api/jobs", open(ZIP, "rb").read(),
                         {"Content-Type": "application/zip"})
    check(st == 403, "POST without X-CSRF-Token → 403 (%d)" % st)
    st, _, _ = a.request("DELETE", "/api/jobs/" + jid)
    check(st == 403, "DELETE without X-CSRF-Token → 403 (%d)" % st)

    # 5. 413 over --max-upload (1M), and for a large non-upload body
    big = os.urandom(1536 * 1024)
    st, _, _ = a.post_zip(big)
    check(st == 413, "upload over --max-upload → 413 (%d)" % st)
    # a body of unknown length (chunked) over the limit: 413 while it streams
    def chunks():
        for _ in range(24):
            yield os.urandom(64 * 1024)
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    c.request("POST", "/api/jobs", body=chunks(), encode_chunked=True,
              headers={"Cookie": a.cookie, "X-CSRF-Token": a.csrf,
                       "Content-Type": "application/zip", "Transfer-Encoding": "chunked"})
    st = c.getresponse().status
    c.close()
    check(st == 413, "chunked upload over --max-upload → 413 (%d)" % st)
    # a client that goes away mid-upload leaves no job folder
    import socket
    s = socket.create_connection(("127.0.0.1", srv.port))
    s.sendall(("POST /api/jobs HTTP/1.1\r\nHost: x\r\nCookie: %s\r\nX-CSRF-Token: %s\r\n"
               "Content-Type: application/zip\r\nContent-Length: 900000\r\n\r\n"
               % (a.cookie, a.csrf)).encode() + b"PK" + os.urandom(300000))
    time.sleep(0.5)
    during = [n for n in os.listdir(data) if n != jid]
    s.close()
    time.sleep(0.5)
    after = [n for n in os.listdir(data) if n != jid]
    check(len(during) == 1 and after == [], "aborted upload: folder while it came (%d), none after"
          % len(during))
    # a declared 10 GB upload is answered at once, before any body is sent
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    c.putrequest("POST", "/api/jobs")
    for k, v in (("Cookie", a.cookie), ("X-CSRF-Token", a.csrf),
                 ("Content-Type", "application/zip"), ("Content-Length", str(10 << 30))):
        c.putheader(k, v)
    c.endheaders()
    t = time.time()
    st = c.getresponse().status
    c.close()
    check(st == 413 and time.time() - t < 5, "declared 10 GB → 413 without reading a body (%d)" % st)
    st, _, _ = a.request("GET", "/api/session", b"x" * 100000)
    check(st == 413, "large body on another route → 413 (%d)" % st)
    left = [n for n in os.listdir(data) if n != jid]
    check(left == [], "refused uploads leave no folder (%r)" % left)

    # 6. a zip with ../ names is refused
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("report.pdf", b"%PDF-1.4\n")
        z.writestr("../../escape.txt", b"x")
    st, _, d = a.post_zip(evil.getvalue())
    check(st == 422 and b".." in d, "zip with ../ names → 422 (%d)" % st)
    check(not os.path.exists(os.path.join(T, "escape.txt")), "nothing escaped")

    # 7. folder upload: files one by one, sanitised paths, same findings as lint on the folder
    st, _, d = a.request("POST", "/api/jobs?upload=files&lang=ja", b"", {"X-CSRF-Token": a.csrf})
    check(st == 201, "POST /api/jobs?upload=files → 201 (%d)" % st)
    fj = json.loads(d)["id"]
    n = 0
    for root, _, files in os.walk(SAMPLE):
        for f in files:
            full = os.path.join(root, f)
            rel = os.path.relpath(full, SAMPLE)
            from urllib.parse import quote
            # as a browser sends a dropped folder: its own name first
            st, _, _ = a.request("PUT", "/api/jobs/%s/files/sample/%s" % (fj, quote(rel)),
                                 open(full, "rb").read(), {"X-CSRF-Token": a.csrf})
            n += st == 201
    check(n > 5, "files uploaded (%d)" % n)
    for bad in ("..%2Fx.pdf", "a/../../x.pdf", "%2Fetc%2Fpasswd", "a%00b.pdf", "a%5C..%5Cb"):
        st, _, _ = a.request("PUT", "/api/jobs/%s/files/%s" % (fj, bad), b"x",
                             {"X-CSRF-Token": a.csrf})
        check(st in (400, 404), "unsafe upload path %s refused (%d)" % (bad, st))
    st, _, _ = b.request("PUT", "/api/jobs/%s/files/x.pdf" % fj, b"x", {"X-CSRF-Token": b.csrf})
    check(st == 404, "other session cannot add files (%d)" % st)
    st, _, _ = a.request("POST", "/api/jobs/%s/start" % fj, b"", {"X-CSRF-Token": a.csrf})
    check(st == 202, "start → 202 (%d)" % st)
    a.wait(fj)
    st, _, d = a.request("GET", "/api/jobs/%s/report.json" % fj)
    got, want = json.loads(d), cli_lint(SAMPLE)
    check(got["findings"] == want["findings"] and got["files"] == want["files"],
          "folder upload: files and findings == nohin lint on the folder (%d findings)"
          % len(want["findings"]))

    # 8. no listing, nothing else served
    for path in ("/api/jobs", "/api/jobs/", "/data", "/" + jid, "/api/jobs/%s/in" % jid,
                 "/api/jobs/%s/../../etc/passwd" % jid):
        st, _, _ = a.request("GET", path)
        check(st in (404, 405), "GET %s → %d" % (path, st))

    # 9. DELETE removes the job and its folder
    st, _, _ = a.request("DELETE", "/api/jobs/" + jid, None, {"X-CSRF-Token": a.csrf})
    check(st == 204 and not os.path.exists(os.path.join(data, jid)), "DELETE → 204, folder gone")
    st, _, _ = a.request("GET", "/api/jobs/" + jid)
    check(st == 404, "deleted job → 404")
finally:
    srv.stop()
check(os.listdir(data) == [], "stopping the server removes every job folder")
log = "".join(open(os.path.join(T, f), encoding="utf-8").read() for f in os.listdir(T)
              if f.startswith("server-"))
check("調査" not in log and "escape" not in log and "passwd" not in log,
      "the log holds no file names")

# 9a. --keep: a finished job and its folder go away after that long
data6 = os.path.join(T, "data6")
srv = Server(NOHIN, data6, "--keep", "2s")
try:
    c = Client(srv.port)
    c.session()
    st, _, d = c.post_zip(open(ZIP, "rb").read())
    kj = json.loads(d)["id"]
    c.wait(kj)
    check(os.path.isdir(os.path.join(data6, kj)), "finished job kept for now")
    end = time.time() + 10
    while time.time() < end and os.path.exists(os.path.join(data6, kj)):
        time.sleep(0.2)
    check(not os.path.exists(os.path.join(data6, kj)), "--keep 2s: folder removed")
    st, _, _ = c.request("GET", "/api/jobs/" + kj)
    check(st == 404, "--keep 2s: job gone (%d)" % st)
finally:
    srv.stop()

# 9b. uploads are streamed to disk: a 48 MB upload leaves the server's peak RSS far below it
data5 = os.path.join(T, "data5")
srv = Server(NOHIN, data5, "--max-upload", "64M")
try:
    c = Client(srv.port)
    c.session()
    blob = os.path.join(T, "big.zip")
    with zipfile.ZipFile(blob, "w", zipfile.ZIP_STORED) as z:
        z.writestr("調査報告書等一式（公表用）/noise.bin", os.urandom(48 << 20))
    size = os.path.getsize(blob)
    hc = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=120)
    with open(blob, "rb") as f:  # http.client sends a file object in blocks
        hc.request("POST", "/api/jobs", body=f,
                   headers={"Cookie": c.cookie, "X-CSRF-Token": c.csrf,
                            "Content-Type": "application/zip", "Content-Length": str(size)})
    r = hc.getresponse()
    d = r.read()
    hc.close()
    check(r.status == 202, "48 MB upload → 202 (%d)" % r.status)
    stored = os.path.join(data5, json.loads(d)["id"], "in", "bundle.zip")
    check(os.path.getsize(stored) == size, "stored upload has every byte")
    status = open("/proc/%d/status" % srv.proc.pid).read()
    hwm = int([x for x in status.splitlines() if x.startswith("VmHWM")][0].split()[1]) >> 10
    if ASAN:  # shadow memory and the quarantine of freed chunks: not the server's own
        print("skip server peak RSS %d MB (AddressSanitizer build)" % hwm)
    else:
        check(hwm < 40, "server peak RSS %d MB after a 48 MB upload" % hwm)
finally:
    srv.stop()

# 10. a token: 401 without it; bearer works; login form sets the cookie
tok = os.path.join(T, "token")
with open(tok, "w") as f:
    f.write("s3cret-token-for-the-test-0123456789\n")
data2 = os.path.join(T, "data2")
srv = Server(NOHIN, data2, "--token-file", tok)
try:
    anon = Client(srv.port)
    st, _, _ = anon.request("GET", "/api/session")
    check(st == 401, "no token → 401 (%d)" % st)
    st, _, _ = anon.request("POST", "/api/jobs", open(ZIP, "rb").read())
    check(st == 401, "upload without token → 401 (%d)" % st)
    st, _, _ = Client(srv.port, token="wrong-token-wrong-token").request("GET", "/api/session")
    check(st == 401, "wrong bearer → 401 (%d)" % st)
    st, _, page = anon.request("GET", "/")
    check(st == 200 and b'name="token"' in page and b"/login" in page, "/ shows the login form")
    import re
    csrf = re.search(rb'name="csrf" value="([0-9a-f]{32})"', page).group(1).decode()
    st, _, _ = anon.request("POST", "/login", b"token=wrong&csrf=" + csrf.encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})
    check(st == 401, "login with a wrong token → 401 (%d)" % st)
    before = anon.cookie
    st, _, _ = anon.request("POST", "/login",
                            b"token=s3cret-token-for-the-test-0123456789&csrf=x" + b"0" * 31,
                            {"Content-Type": "application/x-www-form-urlencoded"})
    check(st == 401, "login with a wrong CSRF token → 401 (%d)" % st)
    st, r, _ = anon.request("POST", "/login",
                            ("token=s3cret-token-for-the-test-0123456789&csrf=" + csrf).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})
    check(st == 303 and anon.cookie != before and "HttpOnly" in anon.set_cookie
          and "SameSite=Strict" in anon.set_cookie, "login → 303 and a new HttpOnly cookie")
    anon.session()
    st, _, d = anon.post_zip(open(ZIP, "rb").read())
    check(st == 202, "after login, upload → 202 (%d)" % st)
    bearer = Client(srv.port, token="s3cret-token-for-the-test-0123456789")
    st, _, d = bearer.request("POST", "/api/jobs", open(ZIP, "rb").read(),
                              {"Content-Type": "application/zip"})
    check(st == 202, "bearer token upload → 202 (%d)" % st)
    bj = json.loads(d)["id"]
    check(bearer.cookie is None, "a bearer request gets no cookie")
    bearer.wait(bj)
    st, _, _ = Client(srv.port, token="s3cret-token-for-the-test-0123456789").request(
        "GET", "/api/jobs/%s/report.json" % bj)
    check(st == 200, "the token without a cookie sees the token's jobs (%d)" % st)
    st, _, _ = anon.request("GET", "/api/jobs/" + bj)
    check(st == 404, "a logged-in browser session does not see them (%d)" % st)
finally:
    srv.stop()

# 11. non-loopback without a token: refused
p = subprocess.run([NOHIN, "serve", "--listen", "0.0.0.0:0", "--data", os.path.join(T, "d3")],
                   capture_output=True, timeout=10)
check(p.returncode == 2, "non-loopback without --token-file → exit 2 (%d)" % p.returncode)

# 12. the server killed mid-job: no job folder after a restart, no child left
data4 = os.path.join(T, "data4")
hang = {"NOHIN_TEST_CHILD_HANG": "令和6年度産業構造調査報告書.pdf"}
srv = Server(NOHIN, data4, env=hang)
c = Client(srv.port)
c.session()
st, _, d = c.post_zip(open(ZIP, "rb").read())
jid = json.loads(d)["id"]
c.wait(jid, until=("checking",))
time.sleep(0.5)
check(os.path.isdir(os.path.join(data4, jid)), "job folder exists while it runs")
srv.stop(signal.SIGKILL)
time.sleep(0.5)
ps = subprocess.run(["pgrep", "-f", "--", "--job-lint " + os.path.join(data4, jid)],
                    capture_output=True, text=True).stdout.split()
check(ps == [], "no job child outlives the killed server (%r)" % ps)
srv = Server(NOHIN, data4)
try:
    check(os.listdir(data4) == [], "after a restart no job folder is left (%r)" % os.listdir(data4))
finally:
    srv.stop()

if failures:
    print("%d FAILED" % len(failures))
    sys.exit(1)
print("all ok")
