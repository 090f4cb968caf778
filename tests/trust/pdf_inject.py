# What other tools put into a PDF, added to a LibreOffice PDF through qpdf's JSON
# (`qpdf IN --update-from-json=UPDATE OUT`): this prints the update for qpdf.
# Scenarios (any of): openjs (/OpenAction JavaScript), namedjs (/Names
# /JavaScript), docaa (document /AA on close), pageaa (page /AA on open), layer
# (an optional-content layer that is OFF, holding a line of text), layeron (the
# same layer ON: a near miss), annot (a sticky note by 鈴木 一郎 with a phone
# number), links (a /URI link to www.meti.go.jp and an internal /GoTo: near
# misses), fileannot (a file attachment annotation holding a CSV of names), xmp
# (an XMP packet naming 山田 太郎 as dc:creator).
# Usage: pdf_inject.py IN.pdf SCENARIO... > update.json
import base64, json, subprocess, sys
src, scen = sys.argv[1], set(sys.argv[2:])
d = json.loads(subprocess.run(["qpdf", "--json-output", "--json-key=qpdf", src, "-"],
                              check=True, capture_output=True).stdout)
objs = d["qpdf"][1]
trailer = objs["trailer"]["value"]
root_ref = trailer["/Root"]
root = objs["obj:" + root_ref]["value"]
page_ref = objs["obj:" + root["/Pages"]]["value"]["/Kids"][0]
page = objs["obj:" + page_ref]["value"]
nxt = trailer["/Size"]
out = {}
def new(value=None, stream=None):
    global nxt
    ref = f"{nxt} 0 R"; nxt += 1
    out["obj:" + ref] = {"value": value} if stream is None else {"stream": {"dict": value or {}, "data": base64.b64encode(stream.encode()).decode()}}
    return ref
def js(code): return new({"/S": "/JavaScript", "/JS": "u:" + code})
annots = list(page.get("/Annots", []))
if "openjs" in scen:
    root["/OpenAction"] = js("app.alert('opened');")
if "namedjs" in scen:
    root["/Names"] = {"/JavaScript": new({"/Names": ["u:init", js("var x = 1;")]})}
if "docaa" in scen:
    root["/AA"] = {"/WC": js("app.alert('closing');")}
if "pageaa" in scen:
    page["/AA"] = {"/O": js("this.print();")}
if "layer" in scen or "layeron" in scen:
    ocg = new({"/Type": "/OCG", "/Name": "u:メモ"})
    off = [ocg] if "layer" in scen else []
    root["/OCProperties"] = {"/OCGs": [ocg], "/D": {"/Order": [ocg], "/ON": [] if off else [ocg], "/OFF": off}}
    res = page["/Resources"]
    rd = dict(objs["obj:" + res]["value"]) if isinstance(res, str) else dict(res)
    rd["/Properties"] = {"/MC0": ocg}
    font = new({"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica"})
    fonts = rd["/Font"]
    fd = dict(objs["obj:" + fonts]["value"]) if isinstance(fonts, str) else dict(fonts)
    fd["/FHL"] = font
    rd["/Font"] = fd
    page["/Resources"] = rd
    content = "/OC /MC0 BDC BT /FHL 11 Tf 72 500 Td (Layer note: call Taro Yamada at 090-3456-7890) Tj ET EMC\n"
    c = page["/Contents"]
    page["/Contents"] = (c if isinstance(c, list) else [c]) + [new({}, content)]
if "annot" in scen:
    annots.append(new({"/Type": "/Annot", "/Subtype": "/Text", "/Rect": [400, 700, 420, 720],
                       "/T": "u:鈴木 一郎", "/Contents": "u:確認お願いします 090-4444-5555", "/M": "u:D:20261101100000+09'00'"}))
if "links" in scen:
    annots.append(new({"/Type": "/Annot", "/Subtype": "/Link", "/Rect": [72, 760, 200, 775], "/Border": [0, 0, 0],
                       "/A": {"/S": "/URI", "/URI": "b:" + b"https://www.meti.go.jp/".hex()}}))
    annots.append(new({"/Type": "/Annot", "/Subtype": "/Link", "/Rect": [72, 740, 200, 755], "/Border": [0, 0, 0],
                       "/A": {"/S": "/GoTo", "/D": [page_ref, "/Fit"]}}))
if "fileannot" in scen:
    ef = new({"/Type": "/EmbeddedFile"}, "name,phone\nYamada Taro,090-1111-2222\n")
    fs = new({"/Type": "/Filespec", "/F": "u:meibo.csv", "/UF": "u:meibo.csv", "/EF": {"/F": ef}})
    annots.append(new({"/Type": "/Annot", "/Subtype": "/FileAttachment", "/Rect": [500, 700, 520, 720],
                       "/FS": fs, "/T": "u:鈴木 一郎", "/Contents": "u:名簿"}))
if "xmp" in scen:
    x = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
         '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
         '<dc:creator><rdf:Seq><rdf:li>山田 太郎</rdf:li></rdf:Seq></dc:creator>'
         '<pdf:Producer>LibreOffice</pdf:Producer></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')
    root["/Metadata"] = new({"/Type": "/Metadata", "/Subtype": "/XML"}, x)
if annots:
    page["/Annots"] = annots
out["obj:" + root_ref] = {"value": root}
out["obj:" + page_ref] = {"value": page}
out["trailer"] = {"value": {**trailer, "/Size": nxt}}
json.dump({"qpdf": [{"jsonversion": 2, "pushedinheritedpageresources": False, "calledgetallpages": False, "maxobjectid": nxt - 1}, out]}, sys.stdout, ensure_ascii=False)
