#!/bin/bash
# Runs the PDF hidden-data checks over the real-world corpus: every file must
# pass without a crash or hang, and the rule its MANIFEST category names must
# fire on every file of that category. Skips (77) when the corpus is absent.
set -u
corpus="${NOHIN_CORPUS:-../shared/corpus}"
bin="${NOHIN_BIN:-build/nohin}"
[ -f "$corpus/MANIFEST.tsv" ] || { echo "corpus not found at $corpus: skipped"; exit 77; }
export NOHIN_CORPUS="$corpus" NOHIN_BIN="$bin"
exec /usr/bin/python3 - <<'PY'
import csv, json, os, subprocess, sys
corpus, bin_ = os.environ["NOHIN_CORPUS"], os.environ["NOHIN_BIN"]
# category -> rules of which at least one must fire on each file
want = {
    "pdf-a-attachments": {"PDF-ATTACHMENT"},
    "pdf-b-actions": {"PDF-JAVASCRIPT", "PDF-AUTO-ACTION", "PDF-EXTERNAL-ACTION"},
    "pdf-c-annotations": {"PDF-ANNOTATION"},
    "pdf-d-layers": {"PDF-HIDDEN-LAYER"},
    "pdf-e-incremental": {"PDF-REVISIONS"},
    "pdf-f-metadata": {"PDF-METADATA-PERSON", "PDF-PROPERTIES", "PDF-PRIVATE-DATA"},
    "pdf-j-forms": {"PDF-FORM"},
    "pdf-k-broken": {"PDF-MALFORMED"},
}
# Files whose content makes the category rule unreachable, with the reason.
expected_other = {
    # qpdf needs a password for it; poppler lists the attachment (issue 12), PDF-ENCRYPTED too
    "pdf/pdf-a-attachments/a-encrypted-attachment.pdf": {"PDF-ATTACHMENT"},
    # author "AgileBits" is an organisation (issue 12), title set, no private data: nothing to say
    "pdf/pdf-f-metadata/f-bug1529502.pdf": None,
    # not PDFs at all (5 bytes of text, empty, text): detected as another type
    "pdf/pdf-k-broken/k-bad1.pdf": None,
    "pdf/pdf-k-broken/k-empty.pdf": None,
    "pdf/pdf-k-broken/k-issue-150.pdf": None,
    # corrupted zlib stream that qpdf --check itself accepts (rc=0 in MANIFEST)
    "pdf/pdf-k-broken/k-zen_of_python_corrupted.pdf": None,
}
rows = list(csv.DictReader(open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8"), delimiter="\t"))
fail = 0; seen = 0
for row in rows:
    cat, rel = row["category"], row["local_name"]
    if not rel.startswith("pdf/"):
        continue
    path = os.path.join(corpus, rel)
    try:
        p = subprocess.run([bin_, "lint", "--quiet", "--format", "json", "--lang", "en", path],
                           capture_output=True, timeout=300)
    except subprocess.TimeoutExpired:
        print("HANG", rel); fail += 1; continue
    err = p.stderr.decode("utf-8", "replace")
    if "Sanitizer" in err or "runtime error:" in err:
        print("SANITIZER %s\n%s" % (rel, err[-2000:])); fail += 1; continue
    if p.returncode not in (0, 1):
        print("CRASH/ERROR rc=%d %s %s" % (p.returncode, rel, p.stderr[-300:])); fail += 1; continue
    rules = {f["rule"] for f in json.loads(p.stdout)["findings"]}
    seen += 1
    need = want.get(cat)
    if rel in expected_other:
        need = expected_other[rel]
    if need and not (rules & need):
        print("MISSING %s on %s (got %s)" % (sorted(need), rel, sorted(rules))); fail += 1
    else:
        print("ok %-60s %s" % (rel, ",".join(sorted(r for r in rules if r.startswith("PDF-")))))
    # OCR scans: invisible OCR text over the scan must not be hidden text.
    if cat == "pdf-g-scanned-ocr" and "PDF-HIDDEN-TEXT" in rules:
        print("FALSE POSITIVE PDF-HIDDEN-TEXT on OCR scan", rel); fail += 1
print("%d PDF files linted, %d problems" % (seen, fail))
sys.exit(1 if fail else 0)
PY
