# What other tools put into a PDF, added to a LibreOffice PDF through qpdf's JSON
# (`qpdf IN --update-from-json=UPDATE OUT`): this prints the update for qpdf.
# Scenarios (any of): openjs (/OpenAction JavaScript), namedjs (/Names
# /JavaScript), docaa (document /AA on close), pageaa (page /AA on open), layer
# (an optional-content layer that is OFF, holding a line of text and a form
# XObject, beside a layer that is ON), layeron (both ON: a near miss), annot (a sticky note by 鈴木 一郎 with a phone
# number), links (a /URI link to www.meti.go.jp and an internal /GoTo: near
# misses), fileannot (a file attachment annotation holding a CSV of names), xmp
# (an XMP packet naming 山田 太郎 as dc:creator), crop (a line outside the crop
# box), covered (a line under a black box), invisible (render mode 3 text),
# af (associated files on the catalog and the page), imgxmp (XMP naming 佐藤 花子 on every image, as Photoshop leaves it).
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
    root["/OpenAction"] = js("app.alert('担当 090-9999-8888');")
if "namedjs" in scen:
    root["/Names"] = {"/JavaScript": new({"/Names": ["u:init", js("var x = 1;")]})}
if "docaa" in scen:
    root["/AA"] = {"/WC": js("app.alert('closing');")}
if "pageaa" in scen:
    page["/AA"] = {"/O": js("this.print();")}
def add_content(code, fonts_needed=True):
    res = page["/Resources"]
    rd = dict(objs["obj:" + res]["value"]) if isinstance(res, str) else dict(res)
    if fonts_needed and "/FHL" not in str(rd.get("/Font")):
        fonts = rd["/Font"]
        fd = dict(objs["obj:" + fonts]["value"]) if isinstance(fonts, str) else dict(fonts)
        fd["/FHL"] = new({"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica"})
        rd["/Font"] = fd
    page["/Resources"] = rd
    c = page["/Contents"]
    page["/Contents"] = (c if isinstance(c, list) else [c]) + [new({}, code)]
    return rd
if "crop" in scen:  # a crop box cutting off a line at the page's foot
    mb = page.get("/MediaBox") or objs["obj:" + root["/Pages"]]["value"]["/MediaBox"]
    page["/CropBox"] = [mb[0], 100, mb[2], mb[3]]
    add_content("BT /FHL 11 Tf 72 60 Td (Cropped: Hanako Sato 090-2468-1357) Tj ET\n")
if "covered" in scen:  # a failed redaction: a black box drawn over a line
    add_content("BT /FHL 11 Tf 72 460 Td (Covered: Jiro Suzuki 090-1357-2468) Tj ET\n"
                "0 0 0 rg 66 452 300 20 re f\n")
if "invisible" in scen:  # render mode 3 on a white page, no scan under it
    add_content("BT 3 Tr /FHL 11 Tf 72 420 Td (Invisible: Ichiro Tanaka 090-9753-1864) Tj ET\n")
if "layer" in scen or "layeron" in scen:
    # メモ: a line of text and a form XObject, off in "layer", on in "layeron";
    # 本文: a layer that is on in both, holding a visible line
    memo = new({"/Type": "/OCG", "/Name": "u:メモ"})
    body = new({"/Type": "/OCG", "/Name": "u:本文"})
    off = [memo] if "layer" in scen else []
    root["/OCProperties"] = {"/OCGs": [memo, body], "/D": {
        "/Order": [memo, body], "/ON": [body] if off else [memo, body], "/OFF": off}}
    rd = add_content("/OC /MC0 BDC BT /FHL 11 Tf 72 500 Td (Layer note: call Taro Yamada at 090-3456-7890) Tj ET EMC\n"
                     "/OC /MC1 BDC BT /FHL 11 Tf 72 480 Td (Visible layer: summary of results) Tj ET EMC\n"
                     "q /XMemo Do Q\n")
    rd["/Properties"] = {"/MC0": memo, "/MC1": body}
    form = new({"/Type": "/XObject", "/Subtype": "/Form", "/BBox": [0, 0, 595, 842], "/OC": memo,
                "/Resources": {"/Font": {"/FHL": rd["/Font"]["/FHL"]}}},
               "BT /FHL 11 Tf 72 440 Td (Memo form: Hanako Yamada 090-8642-9753) Tj ET\n")
    rd["/XObject"] = {"/XMemo": form}
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
if "af" in scen:  # PDF 2.0 associated files, as LaTeX's tagging writes them
    for holder, name in ((root, "source.tex"), (page, "data.csv")):
        ef = new({"/Type": "/EmbeddedFile"}, "氏名,電話\n山田 太郎,090-1111-2222\n")
        holder["/AF"] = [new({"/Type": "/Filespec", "/F": "u:" + name, "/UF": "u:" + name,
                              "/AFRelationship": "/Source", "/EF": {"/F": ef}})]
if "xmp" in scen:
    x = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
         '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
         '<dc:creator><rdf:Seq><rdf:li>山田 太郎</rdf:li></rdf:Seq></dc:creator>'
         '<pdf:Producer>LibreOffice</pdf:Producer></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')
    root["/Metadata"] = new({"/Type": "/Metadata", "/Subtype": "/XML"}, x)
if "imgxmp" in scen:  # Photoshop-like XMP on every image, naming its author
    x = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
         '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>佐藤 花子</rdf:li>'
         '</rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')
    for k, v in list(objs.items()):
        if "stream" in v and v["stream"].get("dict", {}).get("/Subtype") == "/Image":
            dd = dict(v["stream"]["dict"])
            dd["/Metadata"] = new({"/Type": "/Metadata", "/Subtype": "/XML"}, x)
            out[k] = {"stream": {"dict": dd}}
if annots:
    page["/Annots"] = annots
out["obj:" + root_ref] = {"value": root}
out["obj:" + page_ref] = {"value": page}
out["trailer"] = {"value": {**trailer, "/Size": nxt}}
json.dump({"qpdf": [{"jsonversion": 2, "pushedinheritedpageresources": False, "calledgetallpages": False, "maxobjectid": nxt - 1}, out]}, sys.stdout, ensure_ascii=False)
