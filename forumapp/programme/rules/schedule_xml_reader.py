"""Parsing untrusted XML safely (no entity expansion, no external DTDs) with a place on error."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring


def read_xml_document(data: bytes, error: type[Exception]) -> Element:
    """The root element; ``error(place, problem)`` is raised for anything unreadable."""
    try:
        return fromstring(data, forbid_dtd=True)
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise error(f"line {line} column {column + 1}", "not well-formed XML") from None
    except DefusedXmlException as exc:
        raise error("line 1", f"refused: {exc.__class__.__name__}") from None
