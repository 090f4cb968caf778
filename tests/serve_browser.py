"""Selenium + headless Chromium against `nohin serve` (see serve_browser.sh).

argv: NOHIN_BIN TMPDIR SHOTDIR; TMPDIR holds sample/ and scanned/ bundles."""
import json
import os
import re
import subprocess
import sys
import time
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_client import Server, zip_folder  # noqa: E402

NOHIN, T, SHOTS = sys.argv[1:4]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def lint_summary(path):
    p = subprocess.run([NOHIN, "lint", "-q", "--lang", "ja", "--format", "json", path],
                       capture_output=True)
    return json.loads(p.stdout)["summary"]


srv = Server(NOHIN, os.path.join(T, "data"), "--jobs", "2")
downloads = os.path.join(T, "downloads")
os.makedirs(downloads)
opts = webdriver.ChromeOptions()
for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run",
          "--disable-extensions", "--disable-default-apps", "--no-proxy-server",
          "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
          "--user-data-dir=" + os.path.join(T, "profile"), "--window-size=1280,1600",
          "--lang=ja", "--log-net-log=" + os.path.join(T, "netlog.json")):
    opts.add_argument(a)
opts.binary_location = "/usr/bin/chromium"
opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
opts.add_experimental_option("prefs", {"download.default_directory": downloads,
                                       "download.prompt_for_download": False,
                                       "intl.accept_languages": "ja"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
requests = []


def collect():
    for e in driver.get_log("performance"):
        m = json.loads(e["message"])["message"]
        if m["method"] == "Network.requestWillBeSent":
            requests.append(m["params"]["request"]["url"])


try:
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": downloads})
    for name in ("sample", "scanned"):
        bundle = os.path.join(T, name)
        z = zip_folder(bundle, os.path.join(T, name + ".zip"))
        driver.get(srv.url + "/")
        check("納品物" in driver.title, "%s: the page opens in Japanese (%s)" % (name, driver.title))
        if name == "sample":  # a zip through the zip button
            driver.find_element(By.ID, "in_zip").send_keys(z)
        else:  # a folder through the webkitdirectory input: files sent one by one
            driver.find_element(By.ID, "in_dir").send_keys(bundle)
        WebDriverWait(driver, 60, 0.2).until(
            lambda d: d.find_element(By.ID, "status").get_attribute("data-state") in
            ("done", "failed"))
        state = driver.find_element(By.ID, "status").get_attribute("data-state")
        check(state == "done", "%s: job done in the page (%s)" % (name, state))
        shown = {k: int(driver.find_element(By.ID, i).text)
                 for k, i in (("error", "c_err"), ("warning", "c_warn"), ("info", "c_info"))}
        jid = driver.find_element(By.ID, "jobid").get_attribute("textContent")
        # the JSON report, fetched by the page's own session
        summary = driver.execute_async_script(
            "const cb=arguments[arguments.length-1];"
            "fetch('/api/jobs/'+arguments[0]+'/report.json').then(r=>r.json())"
            ".then(j=>cb(j.summary)).catch(e=>cb(String(e)))", jid)
        job = driver.execute_async_script(
            "const cb=arguments[arguments.length-1];"
            "fetch('/api/jobs/'+arguments[0]).then(r=>r.json()).then(cb).catch(e=>cb(String(e)))",
            jid)
        nfiles = sum(len(fs) for _, _, fs in os.walk(bundle))
        check(job["files"] == (0 if name == "sample" else nfiles),
              "%s: uploaded as %s (%d files)" % (name, "a zip" if name == "sample" else
                                                 "a folder, file by file", job["files"]))
        check(shown == summary, "%s: counts on the page %r == report.json %r" %
              (name, shown, summary))
        check(summary == lint_summary(z), "%s: == nohin lint on the same bundle" % name)
        # the report in its frame: the HTML reporter's own count
        driver.switch_to.frame("report")
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.ID, "finding-count"))
        n = int(driver.find_element(By.ID, "finding-count").text)
        driver.switch_to.default_content()
        check(n == sum(summary.values()), "%s: the framed report shows %d findings" % (name, n))
        driver.save_screenshot(os.path.join(SHOTS, "%s-report.png" % name))
        # clean.zip through the download button
        for f in os.listdir(downloads):
            os.unlink(os.path.join(downloads, f))
        btn = driver.find_element(By.ID, "dl_clean")
        WebDriverWait(driver, 30).until(lambda d: "off" not in btn.get_attribute("class"))
        btn.click()
        end = time.time() + 30
        got = []
        while time.time() < end:
            got = [f for f in os.listdir(downloads) if f.endswith(".zip")]
            if got:
                break
            time.sleep(0.2)
        ok = False
        if got:
            time.sleep(0.5)
            with zipfile.ZipFile(os.path.join(downloads, got[0])) as zf:
                names = zf.namelist()
                ok = zf.testzip() is None and "MANIFEST.sha256" in names and \
                    any(x.endswith(".pdf") for x in names)
        check(ok, "%s: clean.zip downloaded and valid (%r)" % (name, got))
        collect()
    # English through the switch
    driver.get(srv.url + "/")
    driver.find_element(By.ID, "langsw").click()
    check(driver.title.startswith("nohin — deliverable"), "the switch turns the page English")
    driver.save_screenshot(os.path.join(SHOTS, "page-en.png"))
    collect()
    # chrome:// pages (the new-tab page) are the browser's own, not network
    outside = [u for u in requests if not u.startswith(srv.url) and
               not u.startswith(("data:", "blob:", "about:", "chrome:", "chrome-untrusted:"))]
    check(requests and not outside, "the browser asked only the server (%d requests, outside %r)"
          % (len(requests), outside[:5]))
    # control: a request outside is seen by this check and fails to resolve
    try:
        driver.get("http://example.invalid/")
    except Exception:
        pass
    collect()
    check(any("example.invalid" in u for u in requests), "control: an outside request is logged")
    check("example.invalid" not in driver.page_source or "ERR_" in driver.page_source,
          "control: it did not reach anything")
finally:
    driver.quit()
    srv.stop()

# Chromium's own record of every URL request (page and browser services alike)
raw = open(os.path.join(T, "netlog.json"), encoding="utf-8", errors="replace").read()
urls = set(re.findall(r'"url":"((?:https?|wss?|ftp)://[^"]*)"', raw))
# Chromium's background services (update check, accounts, start page) try to go out; the
# host-resolver rules stop them before any socket. Every TCP connection attempt must be to
# the server, and no UDP datagram may leave (Chromium "connects" UDP sockets without sending
# anything to sort addresses; those are counted, not failed).
try:
    log = json.loads(raw)
except ValueError:  # not closed properly: close the array
    log = json.loads(raw.rstrip().rstrip(",") + "]}")
names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
tcp, udp_sent, udp_probe = set(), 0, 0
for e in log["events"]:
    t, p = names.get(e["type"]), e.get("params") or {}
    if t == "TCP_CONNECT_ATTEMPT" and "address" in p:
        tcp.add(p["address"])
    elif t == "UDP_BYTES_SENT":
        udp_sent += 1
    elif t == "UDP_CONNECT":
        udp_probe += 1
outside = [u for u in urls if not u.startswith(srv.url)]
check(tcp == {"127.0.0.1:%d" % srv.port} and udp_sent == 0,
      "net-log: TCP only to the server %r, %d UDP datagrams sent, %d UDP address probes; "
      "%d URLs tried outside, none connected" % (sorted(tcp), udp_sent, udp_probe, len(outside)))
print("     blocked browser URLs:", sorted(u.split("?")[0] for u in outside))

if failures:
    print("%d FAILED" % len(failures))
    sys.exit(1)
print("all ok")
