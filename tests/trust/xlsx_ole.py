# An openpyxl workbook given an OLE object and an ActiveX control the way Excel
# 2016 stores them (oleObjects / controls in mc:AlternateContent, the VML shape,
# the embedded part, its preview picture), and a near miss with an ordinary
# picture. Usage: xlsx_ole.py OUTDIR
import io, sys, zipfile
import openpyxl
from openpyxl.drawing.image import Image as XLImage
from PIL import Image

out = sys.argv[1]
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XDR = 'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
X14 = 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"'


def png(color):
    b = io.BytesIO()
    Image.new("RGB", (40, 20), color).save(b, "PNG")
    return b.getvalue()


def anchor():
    cell = lambda c, r: (f'<xdr:col {XDR}>{c}</xdr:col><xdr:colOff {XDR}>0</xdr:colOff>'
                         f'<xdr:row {XDR}>{r}</xdr:row><xdr:rowOff {XDR}>0</xdr:rowOff>')
    return f'<anchor moveWithCells="1"><from>{cell(3, 1)}</from><to>{cell(5, 4)}</to></anchor>'


def base(picture=False):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "データ"
    for row in (["地域", "件数"], ["北海道", 12], ["東北", 7]):
        ws.append(row)
    if picture:
        p = io.BytesIO(png("red"))
        ws.add_image(XLImage(p), "D2")
    wb.properties.creator = "株式会社テスト"
    wb.properties.title = "表2-1 テスト"
    b = io.BytesIO()
    wb.save(b)
    return zipfile.ZipFile(io.BytesIO(b.getvalue()))


def with_objects(path, kind):
    src = base()
    sheet, rels = "xl/worksheets/sheet1.xml", "xl/worksheets/_rels/sheet1.xml.rels"
    parts, rel, types, xml = {}, [], [], ""
    rel.append(("rIdV1", "vmlDrawing", "../drawings/vmlDrawing1.vml"))
    rel.append(("rIdI1", "image", "../media/preview1.png"))
    parts["xl/media/preview1.png"] = png("white")
    types.append(("png", "image/png"))
    types.append(("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing"))
    parts["xl/drawings/vmlDrawing1.vml"] = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape id="_x0000_s1025" type="#_x0000_t75" '
        'style="position:absolute;width:100pt;height:45pt"><v:imagedata o:relid="rId1"/>'
        '<x:ClientData ObjectType="Pict"><x:Anchor>3, 0, 1, 0, 5, 0, 4, 0</x:Anchor></x:ClientData></v:shape></xml>')
    parts["xl/drawings/_rels/vmlDrawing1.vml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{R}/image" Target="../media/preview1.png"/></Relationships>')
    xml += '<legacyDrawing r:id="rIdV1"/>'
    if kind in ("ole", "package"):
        if kind == "ole":
            target, rtype, prog = "../embeddings/oleObject1.bin", "oleObject", "Package"
            parts["xl/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
            types.append(("bin", "application/vnd.openxmlformats-officedocument.oleObject"))
        else:
            target, rtype, prog = "../embeddings/Microsoft_Word_Document.docx", "package", "Word.Document.12"
            e = io.BytesIO()
            with zipfile.ZipFile(e, "w") as z:
                z.writestr("word/document.xml", "<w:document>山田太郎 090-1234-5678</w:document>")
            parts["xl/embeddings/Microsoft_Word_Document.docx"] = e.getvalue()
            types.append(("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        rel.append(("rIdO1", rtype, target))
        xml += (f'<oleObjects><mc:AlternateContent {MC}><mc:Choice {X14} Requires="x14">'
                f'<oleObject progId="{prog}" shapeId="1025" r:id="rIdO1"><objectPr defaultSize="0" r:id="rIdI1">'
                f'{anchor()}</objectPr></oleObject></mc:Choice><mc:Fallback>'
                f'<oleObject progId="{prog}" shapeId="1025" r:id="rIdO1"/></mc:Fallback></mc:AlternateContent></oleObjects>')
    else:  # an ActiveX check box, wrapped as Excel wraps <controls>
        rel.append(("rIdC1", "control", "../activeX/activeX1.xml"))
        parts["xl/activeX/activeX1.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
            f'xmlns:r="{R}" ax:classid="{{8BD21D40-EC42-11CE-9E0D-00AA006002F3}}" ax:persistence="persistStorage" r:id="rId1"/>')
        parts["xl/activeX/_rels/activeX1.xml.rels"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary" Target="activeX1.bin"/></Relationships>')
        parts["xl/activeX/activeX1.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
        types.append(("bin", "application/vnd.ms-office.activeX"))
        xml += (f'<mc:AlternateContent {MC}><mc:Choice {X14} Requires="x14"><controls>'
                f'<mc:AlternateContent {MC}><mc:Choice Requires="x14"><control shapeId="1025" r:id="rIdC1" name="CheckBox1">'
                f'<controlPr defaultSize="0" autoLine="0" r:id="rIdI1">{anchor()}</controlPr></control></mc:Choice>'
                f'<mc:Fallback><control shapeId="1025" r:id="rIdC1" name="CheckBox1"/></mc:Fallback></mc:AlternateContent>'
                f'</controls></mc:Choice></mc:AlternateContent>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in src.infolist():
            data = src.read(i.filename)
            if i.filename == sheet:
                s = data.decode()
                if 'xmlns:r=' not in s[:s.index(">", s.index("<worksheet"))]:
                    s = s.replace("<worksheet ", f'<worksheet xmlns:r="{R}" ', 1)
                data = s.replace("</worksheet>", xml + "</worksheet>").encode()
            if i.filename == "[Content_Types].xml":
                d = "".join(f'<Default Extension="{e}" ContentType="{c}"/>' for e, c in types)
                data = data.decode().replace("</Types>", d + "</Types>").encode()
            z.writestr(i, data)
        z.writestr(rels, f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(f'<Relationship Id="{i}" Type="{R}/{t}" Target="{g}"/>' for i, t, g in rel)
                   + "</Relationships>")
        for name, data in parts.items():
            z.writestr(name, data)


for k in ("ole", "package", "control"):
    with_objects(f"{out}/obj_{k}.xlsx", k)
src = base(picture=True)  # near miss: a picture is content, not an object
with zipfile.ZipFile(f"{out}/picture.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for i in src.infolist():
        z.writestr(i, src.read(i.filename))
