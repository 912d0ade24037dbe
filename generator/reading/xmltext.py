"""An XML part's encoding, told apart before any byte pattern is trusted.

Excel writes UTF-8 with the SpreadsheetML namespace as the default, and the
byte scans are fast for that. Other writers may not: the .NET Open XML SDK
prefixes every element (``<x:row>``), a part may be UTF-16, and Excel's
"Strict Open XML" uses other namespace names. ``plain_xml`` tells the common
case apart; the rest is read by a real XML parser, and a DTD written in
UTF-16 is found by decoding before looking.
"""

from __future__ import annotations

import codecs
import re

DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\ufeff?<\?xml[^>]*\?>")
DTD_TEXT = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
DECLARED_ENCODING = re.compile(rb"^<\?xml[^>]*\bencoding=[\"']([A-Za-z0-9._-]+)[\"']")
MAIN_NAMESPACES = (
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    b"http://purl.oclc.org/ooxml/spreadsheetml/main",  # Strict Open XML
)
PREFIXED_MAIN = re.compile(
    rb'xmlns:[\w.-]+="(?:' + b"|".join(re.escape(ns) for ns in MAIN_NAMESPACES) + rb')"'
)


def xml_encoding(data: bytes) -> str | None:
    """The encoding of an XML part when it is not UTF-8 (None for UTF-8).

    The byte order mark decides first, then the zero bytes of UTF-16 or
    UTF-32 without one, then the declaration, as the XML standard says.
    """
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return name
    if data.startswith(codecs.BOM_UTF8):
        return None
    if data[:4] in (b"<\x00\x00\x00", b"\x00\x00\x00<"):
        return "utf-32-le" if data[0] else "utf-32-be"
    if data[:2] in (b"<\x00", b"\x00<"):
        return "utf-16-le" if data[0] else "utf-16-be"
    declared = DECLARED_ENCODING.match(data)
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        return declared.group(1).decode("ascii")
    return None


def decoded(data: bytes) -> str:
    """The text of an XML part in any encoding; ValueError if it cannot be decoded."""
    encoding = xml_encoding(data) or "utf-8-sig"
    try:
        return data.decode(encoding)
    except LookupError as exc:  # an encoding Python does not know
        raise ValueError(str(exc)) from exc


def has_dtd(data: bytes) -> bool:
    """Does the part declare a DTD or entities, in whatever encoding it is written?"""
    if xml_encoding(data) is None:
        return DTD.search(data) is not None
    return DTD_TEXT.search(decoded(data)) is not None


def plain_xml(data: bytes) -> bool:
    """UTF-8 and the main namespace as the default, never as a prefix: the byte
    patterns of the fast scan can then be trusted."""
    return xml_encoding(data) is None and PREFIXED_MAIN.search(data) is None


def utf8_text(data: bytes) -> bytes:
    """The same part in UTF-8, its declaration saying so."""
    body = XML_DECLARATION.sub("", decoded(data), count=1)
    return ('<?xml version="1.0" encoding="UTF-8"?>' + body).encode("utf-8")
