#!/usr/bin/python3
"""Checks nohin's SARIF against the official SARIF 2.1.0 schema and against the
JSON report of the same run: usage sarif_check.py SCHEMA SARIF JSON."""
import json
import sys
import urllib.parse

import jsonschema


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


schema = json.load(open(sys.argv[1], encoding="utf-8"))
raw = open(sys.argv[2], "rb").read()
sarif = json.loads(raw)
report = json.load(open(sys.argv[3], encoding="utf-8"))

validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
for e in errors[:10]:
    print("schema:", e.message, "at", "/".join(map(str, e.path)))
if errors:
    fail(f"{len(errors)} schema errors")

# The validator must be able to say no: a result with an unknown level is rejected.
broken = json.loads(raw)
broken["runs"][0].setdefault("results", []).append({"message": {"text": "x"}, "level": "fatal"})
if not list(validator.iter_errors(broken)):
    fail("schema accepted a result with level 'fatal'")

runs = sarif["runs"]
if len(runs) != 1:
    fail("expected one run")
run = runs[0]
results = run["results"]
findings = report["findings"]
if len(results) != len(findings):
    fail(f"{len(results)} results, {len(findings)} JSON findings")
rules = run["tool"]["driver"]["rules"]
rule_ids = [r["id"] for r in rules]
if rule_ids != sorted(set(f["rule"] for f in findings)):
    fail(f"rules {rule_ids} differ from the JSON's")
for r in rules:
    for k in ("shortDescription", "fullDescription", "help"):
        if not r[k]["text"]:
            fail(f"rule {r['id']} has an empty {k}")
    if r["defaultConfiguration"]["level"] not in ("error", "warning", "note"):
        fail("bad default level")
levels = {"error": "error", "warning": "warning", "info": "note"}
for res, f in zip(results, findings):
    if res["ruleId"] != f["rule"] or rule_ids[res["ruleIndex"]] != f["rule"]:
        fail(f"rule mismatch {res['ruleId']} {f['rule']}")
    if res["level"] != levels[f["severity"]]:
        fail("level mismatch")
    if res["message"]["text"] != f["message"]:
        fail("message mismatch")
    if res["properties"]["fix"] != f["fix"]:
        fail("fix mismatch")
    # Suppressed (baseline: external, [waive]: inSource) exactly when the JSON says so.
    sup = res.get("suppressions")
    if "suppressed" in f:
        want = [{"kind": f["suppressed"]["kind"], "state": "accepted",
                 "justification": f["suppressed"]["reason"]}]
        if sup != want:
            fail(f"suppressions {sup} != {want}")
    elif sup is not None:
        fail(f"unexpected suppressions {sup}")
    if not f["file"]:
        if "locations" in res:
            fail("bundle-wide finding with a location")
        continue
    loc = res["locations"][0]
    uri = loc["physicalLocation"]["artifactLocation"]["uri"]
    if not uri.isascii() or " " in uri:
        fail(f"URI not percent-encoded: {uri}")
    if urllib.parse.unquote(uri) != f["file"]:
        fail(f"URI {uri} does not decode to {f['file']}")
    if f["location"]:
        if loc.get("properties") != f["location"]:
            fail(f"property bag {loc.get('properties')} != {f['location']}")
        if "page" in f["location"]:
            ll = loc["logicalLocations"][0]
            if ll["kind"] != "page" or ll["name"] != f"page {f['location']['page']}":
                fail(f"logical location {ll}")
            if "region" in loc["physicalLocation"]:
                fail("a page must not become a region")
for a, fl in zip(run["artifacts"], report["files"]):
    if urllib.parse.unquote(a["location"]["uri"]) != fl["path"]:
        fail("artifact order or URI")
    if a["hashes"]["sha-256"] != fl["sha256"] or a["length"] != fl["bytes"]:
        fail("artifact hash or length")
print(f"ok: {len(results)} results, {len(rules)} rules, {len(run['artifacts'])} artifacts")
