"""Math in a title as inline MathML, made at build time (nothing is loaded from another host),
and only when the result is safe: the MathML elements and attributes a title may hold."""

from __future__ import annotations

from functools import lru_cache
from xml.etree import ElementTree

#: The MathML elements and attributes a title's math may hold; anything else (raw text that
#: the converter passed through as markup) falls back to the plain text.
_MATHML = frozenset({"math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msup", "msub",
                     "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder", "munderover",
                     "mstyle", "mpadded", "mphantom", "menclose", "mtable", "mtr", "mtd",
                     "mfenced", "merror", "semantics", "annotation"})
_MATHML_ATTRIBUTES = frozenset({"xmlns", "display", "stretchy", "fence", "separator", "lspace",
                                "rspace", "mathvariant", "accent", "accentunder", "width",
                                "height", "depth", "linethickness", "columnalign", "rowspacing",
                                "columnspacing", "displaystyle", "scriptlevel", "movablelimits",
                                "minsize", "maxsize", "symmetric", "notation", "form",
                                "largeop", "open", "close", "separators", "encoding"})


@lru_cache(maxsize=4096)  # a title shows on the publications page, the CV and the highlights
def mathml(tex: str) -> str | None:
    """*tex* as inline MathML, or None when it cannot be converted to safe MathML."""
    from latex2mathml.converter import convert  # imported by the first title with math

    try:
        markup = convert(tex)
        tree = ElementTree.fromstring(markup)
    except Exception:
        return None
    for element in tree.iter():
        tag = element.tag.rpartition("}")[2]
        if tag not in _MATHML or any(name.rpartition("}")[2] not in _MATHML_ATTRIBUTES
                                     for name in element.attrib):
            return None
    return markup
