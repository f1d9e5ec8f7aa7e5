"""What the PDF says about itself, as PDF/A-2a and PDF/UA-1 ask: XMP, dates, output intent.

The document information dictionary and the XMP packet say the same things
(PDF/A requires it); dates are the briefing's own date, never the clock, so the
same spec gives the same bytes. The output intent names the colour the paper is
made for: sRGB on screen (the profile is embedded), FOGRA39 coated paper in
print (named, not embedded).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from xml.sax.saxutils import escape

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from briefpress.plan import Meta

CREATOR = "briefpress"
PRODUCER = "briefpress (reportlab)"

_PDFUA_SCHEMA = """
   <rdf:Description rdf:about=""
     xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
     xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
     xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
    <pdfaExtension:schemas>
     <rdf:Bag>
      <rdf:li rdf:parseType="Resource">
       <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
       <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
       <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
       <pdfaSchema:property>
        <rdf:Seq>
         <rdf:li rdf:parseType="Resource">
          <pdfaProperty:name>part</pdfaProperty:name>
          <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
          <pdfaProperty:category>internal</pdfaProperty:category>
          <pdfaProperty:description>Part of ISO 14289 followed</pdfaProperty:description>
         </rdf:li>
        </rdf:Seq>
       </pdfaSchema:property>
      </rdf:li>
     </rdf:Bag>
    </pdfaExtension:schemas>
   </rdf:Description>"""


def pdf_date(when: date) -> str:
    return f"D:{when:%Y%m%d}000000+00'00'"


def xmp(meta: Meta, archival: bool = True) -> bytes:
    """The XMP packet: Dublin Core, PDF and XMP basics, the PDF/UA id, and the PDF/A id
    when the paper is archival (the screen and large-print papers; a print paper's CMYK
    has no embedded profile, so it does not claim PDF/A)."""
    when = f"{meta.date:%Y-%m-%d}T00:00:00+00:00"
    author = ", ".join(meta.authors)
    lang = escape(meta.language)
    keywords = escape(", ".join(meta.keywords))
    title, subject = escape(meta.title), escape(meta.subject)
    pdfa = ("   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>A</pdfaid:conformance>\n"
            if archival else "")
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt>
   </dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
{pdfa}   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>{_PDFUA_SCHEMA}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")


def set_metadata(writer: PdfWriter, meta: Meta, extra: tuple[tuple[str, str], ...],
                 archival: bool = True) -> None:
    """Document information and XMP, saying the same things."""
    info = {"/Title": meta.title, "/Author": ", ".join(meta.authors),
            "/Subject": meta.subject, "/Keywords": ", ".join(meta.keywords),
            "/Creator": CREATOR, "/Producer": PRODUCER,
            "/CreationDate": pdf_date(meta.date), "/ModDate": pdf_date(meta.date), **dict(extra)}
    writer.add_metadata({NameObject(k): TextStringObject(v) for k, v in info.items()})
    stream = DecodedStreamObject()
    stream.set_data(xmp(meta, archival))
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    writer._root_object[NameObject("/Lang")] = TextStringObject(meta.language)


@cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile from LittleCMS (via Pillow), with its creation date fixed, so the
    same input gives the same bytes."""
    from PIL import ImageCms

    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = bytes([0x07, 0xD0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0])  # 2000-01-01 00:00:00
    return bytes(data)


def set_output_intent(writer: PdfWriter, space: str) -> None:
    """sRGB with its profile embedded (screen), or FOGRA39 by name (print)."""
    if space == "cmyk":
        intent = DictionaryObject({
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFX"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("FOGRA39"),
            NameObject("/OutputCondition"): TextStringObject(
                "Offset printing, coated paper (ISO 12647-2:2004 / Amd 1), FOGRA39"),
            NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
            NameObject("/Info"): TextStringObject("Coated FOGRA39 (ISO 12647-2:2004)")})
    else:
        profile = DecodedStreamObject()
        profile.set_data(srgb_profile())
        profile[NameObject("/N")] = NumberObject(3)
        intent = DictionaryObject({
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/Info"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
            NameObject("/DestOutputProfile"): writer._add_object(profile)})
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
