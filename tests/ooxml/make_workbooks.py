#!/usr/bin/python3
"""Workbooks for the OOXML model tests, made by openpyxl (nobody here wrote it)
and then edited as zip entries with Python's zipfile: a row with ht="0" and no
customHeight, formulas without cached values, DTDs in workbook / rels / content
types, and a package whose workbook part is elsewhere and whose entries are in
reverse order."""
import io, re, sys, zipfile, openpyxl

out = sys.argv[1]

def base(path, fill):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    fill(ws)
    wb.save(path)

def rewrite(src, dst, edit, order=None, rename=None):
    zin = zipfile.ZipFile(src)
    items = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    if rename:
        items = [(rename.get(n, n), d) for n, d in items]
    items = [(n, edit(n, d)) for n, d in items]
    if order == "reverse":
        items.reverse()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in items:
            z.writestr(n, d)

def rows(ws):
    ws.append(["name", "value"])
    ws.append(["visible", 1])
    ws.append(["secret", 42])
    ws.append(["after", 3])

# ht="0" without customHeight on row 3 (openpyxl writes customHeight="1": dropped).
base(f"{out}/plain.xlsx", rows)
def zero_row(n, d):
    if n != "xl/worksheets/sheet1.xml":
        return d
    return d.replace(b'<row r="3"', b'<row r="3" ht="0"', 1)
rewrite(f"{out}/plain.xlsx", f"{out}/ht0.xlsx", zero_row)
# The near miss: a low but visible row.
rewrite(f"{out}/plain.xlsx", f"{out}/ht_small.xlsx",
        lambda n, d: d.replace(b'<row r="3"', b'<row r="3" ht="3"', 1) if n.endswith("sheet1.xml") else d)

# Formulas without cached values: openpyxl never stores them.
def formulas(ws):
    ws.append(["a", "b", "sum"])
    for i in range(2, 6):
        ws.append([i, i * 10, f"=A{i}+B{i}"])
    ws["D1"] = "=SUM(C2:C5)"
base(f"{out}/formulas.xlsx", formulas)

# DTDs: an external entity and an entity-expansion bomb, in three kinds of part.
XXE = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
BOMB = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
def with_dtd(target, dtd):
    def edit(n, d):
        if n != target:
            return d
        m = re.match(rb'(<\?xml[^>]*\?>\s*)?', d)
        return d[:m.end()] + dtd + d[m.end():]
    return edit
for tag, part in (("workbook", "xl/workbook.xml"), ("rels", "_rels/.rels"),
                  ("ct", "[Content_Types].xml")):
    rewrite(f"{out}/plain.xlsx", f"{out}/dtd_xxe_{tag}.xlsx", with_dtd(part, XXE))
    rewrite(f"{out}/plain.xlsx", f"{out}/dtd_bomb_{tag}.xlsx", with_dtd(part, BOMB))

# Workbook part at xl/main/book.xml, entries stored in reverse order.
def moved(n, d):
    if n == "_rels/.rels":
        return d.replace(b"xl/workbook.xml", b"xl/main/book.xml")
    if n == "[Content_Types].xml":
        return d.replace(b"/xl/workbook.xml", b"/xl/main/book.xml")
    if n == "xl/main/_rels/book.xml.rels":
        return re.sub(rb'Target="/?(xl/)?', b'Target="/xl/', d)
    return d
rewrite(f"{out}/ht0.xlsx", f"{out}/moved.xlsx", moved, order="reverse",
        rename={"xl/workbook.xml": "xl/main/book.xml",
                "xl/_rels/workbook.xml.rels": "xl/main/_rels/book.xml.rels"})

# Invisible cells through indexed and theme colours (openpyxl Color(indexed=…, theme=…)).
from openpyxl.styles import Font, PatternFill, Color
def colours(ws):
    ws.append(["label", "value"])
    ws["A2"] = "red on red (indexed 10 / 2)"
    ws["B2"] = "hidden-indexed"
    ws["B2"].font = Font(color=Color(indexed=10))
    ws["B2"].fill = PatternFill("solid", fgColor=Color(indexed=2))
    ws["A3"] = "accent1 on accent1 (theme 4)"
    ws["B3"] = "hidden-theme"
    ws["B3"].font = Font(color=Color(theme=4))
    ws["B3"].fill = PatternFill("solid", fgColor=Color(theme=4))
base(f"{out}/colours.xlsx", colours)
def colours_ok(ws):
    ws.append(["label", "value"])
    ws["B2"] = "shown-indexed"
    ws["B2"].font = Font(color=Color(indexed=10))
    ws["B2"].fill = PatternFill("solid", fgColor=Color(indexed=5))
    ws["B3"] = "shown-theme"
    ws["B3"].font = Font(color=Color(theme=4))
    ws["B3"].fill = PatternFill("solid", fgColor=Color(theme=5))
base(f"{out}/colours_ok.xlsx", colours_ok)

# A defined name whose reference is #REF! (found by the property test: clean freed twice).
rewrite(f"{out}/ht0.xlsx", f"{out}/refname.xlsx",
        lambda n, d: d.replace(b"</sheets>", b'</sheets><definedNames><definedName name="gone">'
                               b"Data!#REF!</definedName></definedNames>", 1)
        if n == "xl/workbook.xml" else d)
