"""Load run for `nohin serve`: N uploads, P at a time, of bundles of different sizes.

Checks: every job completes, the server's peak RSS (VmHWM) stays under a limit, each
job's report lists exactly the files of its own upload (no job sees another's files).
With --timing it also runs `nohin lint --isolate` directly on the same zips, P at a time,
and prints p50/p95 of both.

usage: serve_load.py NOHIN_BIN WORKDIR SAMPLE_BUNDLE N P [--jobs J] [--timing] [--rss-mb M]"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from serve_client import Client, Server, zip_folder  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("nohin")
ap.add_argument("work")
ap.add_argument("sample")
ap.add_argument("n", type=int)
ap.add_argument("p", type=int)
ap.add_argument("--jobs", type=int, default=0)
ap.add_argument("--timing", action="store_true")
ap.add_argument("--rss-mb", type=float, default=100)
a = ap.parse_args()

# Bundles of different sizes: the sample plus 0..k extra data files; each upload also gets
# a CSV with its own marker so a report that lists another upload's files is caught.
SIZES = [0, 5, 20, 60, 150]
zips = []
for i in range(a.n):
    d = os.path.join(a.work, "b%03d" % i)
    shutil.copytree(a.sample, d)
    data = os.path.join(d, "調査報告書等一式（公表用）", "図表等データ")
    extra = SIZES[i % len(SIZES)]
    for k in range(extra):
        with open(os.path.join(data, "表9-%d_追加データ.csv" % k), "w", encoding="utf-8") as f:
            f.write("年度,値\n" + "".join("%d,%d\n" % (2000 + r, r * k) for r in range(200)))
    with open(os.path.join(data, "表0-%03d_marker.csv" % i), "w", encoding="utf-8") as f:
        f.write("年度,値\n2024,%d\n" % i)
    zips.append(zip_folder(d, os.path.join(a.work, "b%03d.zip" % i)))

args = ["--max-upload", "64M"] + (["--jobs", str(a.jobs)] if a.jobs else [])
srv = Server(a.nohin, os.path.join(a.work, "data"), *args)
errors = []


def one(i):
    c = Client(srv.port)
    c.session()
    body = open(zips[i], "rb").read()
    t0 = time.monotonic()
    st, _, d = c.post_zip(body)
    if st != 202:
        return i, None, "POST %d" % st
    jid = json.loads(d)["id"]
    j = c.wait(jid, until=("cleaning", "done", "failed"), timeout=600)
    t_report = time.monotonic() - t0
    j = c.wait(jid, timeout=600)
    if j["state"] != "done" or not j["clean"]:
        return i, t_report, "state %s" % j["state"]
    st, _, d = c.request("GET", "/api/jobs/%s/report.json" % jid)
    files = sorted(f["path"].split("/", 1)[1] for f in json.loads(d)["files"] if "/" in f["path"])
    want = sorted(os.path.relpath(os.path.join(r, f), os.path.join(a.work, "b%03d" % i))
                  for r, _, fs in os.walk(os.path.join(a.work, "b%03d" % i)) for f in fs)
    if files != want:
        return i, t_report, "report lists other files"
    st, _, z = c.request("GET", "/api/jobs/%s/clean.zip" % jid)
    if st != 200 or ("表0-%03d_marker" % i).encode() not in z:
        return i, t_report, "clean.zip lacks its own marker"
    for other in range(a.n):
        if other != i and ("表0-%03d_marker" % other).encode() in z:
            return i, t_report, "clean.zip holds another upload's file"
    return i, t_report, None


t0 = time.monotonic()
with ThreadPoolExecutor(a.p) as ex:
    results = list(ex.map(one, range(a.n)))
wall = time.monotonic() - t0
status = open("/proc/%d/status" % srv.proc.pid).read()
hwm = int([ln for ln in status.splitlines() if ln.startswith("VmHWM")][0].split()[1]) / 1024
srv.stop()
bad = [(i, e) for i, _, e in results if e]
times = sorted(t for _, t, _ in results if t is not None)


def pct(xs, p):
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


print("uploads %d, %d at a time, server --jobs %s: %d completed, %d failed, wall %.1f s"
      % (a.n, a.p, a.jobs or "cores", a.n - len(bad), len(bad), wall))
print("server peak RSS (VmHWM): %.1f MB (limit %.0f)" % (hwm, a.rss_mb))
print("time to report via server: p50 %.2f s, p95 %.2f s, max %.2f s"
      % (pct(times, 50), pct(times, 95), times[-1] if times else 0))
for i, e in bad[:10]:
    print("FAIL upload %d: %s" % (i, e))
asan = b"__asan_init" in open(a.nohin, "rb").read()
if asan:  # shadow memory and the quarantine of freed chunks: not the server's own
    print("(AddressSanitizer build: the RSS limit is not applied)")
ok = not bad and (hwm < a.rss_mb or asan)
if a.timing:
    def direct(i):
        t = time.monotonic()
        subprocess.run([a.nohin, "lint", "-q", "--isolate", "--format", "json", zips[i]],
                       capture_output=True)
        return time.monotonic() - t
    with ThreadPoolExecutor(a.p) as ex:
        dt = sorted(ex.map(direct, range(a.n)))
    print("direct `nohin lint --isolate`, same zips, %d at a time: p50 %.2f s, p95 %.2f s"
          % (a.p, pct(dt, 50), pct(dt, 95)))
    print("p95 ratio server/direct: %.2f (target <= 1.5)" % (pct(times, 95) / pct(dt, 95)))
print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
sys.exit(0 if ok else 1)
