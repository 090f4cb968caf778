#!/usr/bin/python3
"""Reads a Chromium --log-net-log file and fails when the page made any request.

Every URL request Chromium starts is logged as URL_REQUEST_START_JOB with its
initiator: the page's own requests carry the page's origin ("null" for a file:
page), Chromium's background services (component updater, account check) carry
"not an origin". Those are the browser's, not the report's; the proxy and the
host-resolver rules of the test block them anyway, and they are listed."""
import json
import re
import sys

raw = open(sys.argv[1], encoding="utf-8", errors="replace").read()
starts = []
try:
    log = json.loads(raw)
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    for e in log["events"]:
        p = e.get("params") or {}
        if names.get(e["type"]) == "URL_REQUEST_START_JOB" and "url" in p:
            starts.append((p.get("initiator", ""), p["url"]))
except (ValueError, KeyError):
    # Chromium killed before it closed the array: read the pairs from the text.
    for m in re.finditer(r'"initiator":"([^"]*)".*?"url":"([^"]*)"', raw):
        starts.append((m.group(1), m.group(2)))
page = [u for i, u in starts if i != "not an origin" and not re.match(r"(file|data):", u)]
browser = [u for i, u in starts if i == "not an origin"]
if page:
    print("FAIL: the page made requests:", page[:10])
    sys.exit(1)
print(f"ok: no request from the page ({len(browser)} background requests of Chromium itself, blocked)")
