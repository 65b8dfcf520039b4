"""LaTeX in BibTeX fields, turned into the Unicode text a reader sees.

latexcodec (the codec pybtex itself uses) decodes accents, symbols and dashes. Around it, two small
steps it does not do: text-formatting commands keep their argument (``\\emph{x}`` shows ``x``), and
grouping braces disappear while escaped ones (and ``\\$``, which latexcodec leaves) stay. Unknown
commands stay visible rather than being dropped, so nothing a researcher wrote silently vanishes.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

#: ``\href{url}{text}`` shows its text.
_HREF = re.compile(r"\\href\s*\{[^{}]*\}\s*")
#: Commands whose braced argument is shown as plain text.
_TEXT_COMMANDS = re.compile(
    r"\\(?:emph|textbf|textit|texttt|textsc|textsf|textrm|textup|textmd|textsl|textnormal|"
    r"mbox|text|url|uline|underline|NoCaseChange|MakeUppercase|MakeLowercase)\s*(?=\{)"
)
_BRACES = re.compile(r"\\([{}$])|[{}]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def latex_to_text(value: str) -> str:
    """Decode one BibTeX field value; each distinct string is decoded once per process."""
    if not value:
        return ""
    if "\\" not in value and "{" not in value and "--" not in value and "~" not in value:
        return _SPACES.sub(" ", value).strip()
    text = _TEXT_COMMANDS.sub("", _HREF.sub("", value))
    try:
        text = codecs.decode(text, "ulatex")
    except Exception:  # noqa: BLE001 - a value the codec cannot read is shown as written
        pass
    text = _BRACES.sub(lambda m: m.group(1) or "", text)
    return _SPACES.sub(" ", text).strip()
