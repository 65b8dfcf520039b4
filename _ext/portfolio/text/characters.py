"""Characters no page or feed may hold: the control characters XML 1.0 forbids (and DEL),
lone surrogates and the non-characters U+FFFE and U+FFFF. Invisible in any text a researcher
means to show, they make XML and XHTML output ill-formed; the data layer drops them as files
are read, and the XML writers once more."""

from __future__ import annotations

import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def without_forbidden(text: str) -> str:
    return _FORBIDDEN.sub("", text) if _FORBIDDEN.search(text) else text
