"""A small HTTP client and server launcher for the `nohin serve` tests.

Plain http.client against 127.0.0.1 (no proxy, no cookie jar magic): each
Client is one session (its own cookie)."""
import http.client
import json
import os
import re
import signal
import subprocess
import time
import zipfile


class Server:
    """`nohin serve --listen 127.0.0.1:0 …`; the port is read from its first line."""

    def __init__(self, nohin, data, *args, env=None):
        self.data = data
        e = dict(os.environ)
        e.update(env or {})
        self.log = open(os.path.join(os.path.dirname(data), "server-%d.log" % time.time_ns()), "w")
        self.proc = subprocess.Popen([nohin, "serve", "--listen", "127.0.0.1:0", "--data", data, *args],
                                     stdout=subprocess.PIPE, stderr=self.log, env=e, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("server did not start: %r" % line)
        self.port = int(m.group(1))
        self.url = "http://127.0.0.1:%d" % self.port

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=20)
        self.log.close()
        return self.proc.returncode


class Client:
    def __init__(self, port, token=None):
        self.port = port
        self.cookie = None
        self.token = token
        self.csrf = None

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = self.cookie
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        c.close()
        sc = r.getheader("Set-Cookie")
        if sc:
            self.cookie = sc.split(";")[0]
            self.set_cookie = sc
        return r.status, r, data

    def session(self):
        st, _, d = self.request("GET", "/api/session")
        assert st == 200, (st, d)
        self.csrf = json.loads(d)["csrf"]

    def post_zip(self, data, profile="public", lang="ja"):
        return self.request("POST", "/api/jobs?profile=%s&lang=%s" % (profile, lang), data,
                            {"X-CSRF-Token": self.csrf or "", "Content-Type": "application/zip"})

    def job(self, jid):
        st, _, d = self.request("GET", "/api/jobs/" + jid)
        return st, (json.loads(d) if d else None)

    def wait(self, jid, until=("done", "failed"), timeout=50):
        end = time.time() + timeout
        while time.time() < end:
            st, j = self.job(jid)
            assert st == 200, (st, j)
            if j["state"] in until:
                return j
            time.sleep(0.1)
        raise AssertionError("job %s did not reach %s: %r" % (jid, until, j))


def zip_folder(folder, out):
    """A zip of folder's contents (names relative to it, sorted)."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for f in sorted(files):
                p = os.path.join(root, f)
                z.write(p, os.path.relpath(p, folder))
    return out


def findings(report):
    """The findings of a lint JSON report, without the first path part (the zip's name)."""
    out = []
    for f in report["findings"]:
        f = dict(f)
        f["file"] = f["file"].split("/", 1)[-1] if f.get("file") else f.get("file")
        out.append(f)
    return out
