"""LaTeX in BibTeX fields, turned into the Unicode text a reader sees.

latexcodec (the codec pybtex itself uses) decodes accents, symbols and dashes. Around it, two small
steps it does not do: text-formatting commands keep their argument (``\\emph{x}`` shows ``x``), and
grouping braces disappear while escaped ones (and ``\\$``, which latexcodec leaves) stay. Unknown
commands stay visible rather than being dropped, so nothing a researcher wrote silently vanishes
(a bare ``%`` is shown, not taken for a comment).

latexcodec reads a string token by token, slowly: a long abstract takes milliseconds. So a value
is cut at its spaces into pieces (a command and its argument, or a ``$...$`` span, stay in one
piece), pieces with nothing for the codec pass through, and each distinct piece is decoded once.
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
#: What the codec changes outside commands: dashes, quotes, ``~``, ``?``` and ``!```, comments.
_NEEDS_CODEC = re.compile(r"[\\%`~]|--|''|,,")
#: A piece ending in a command (``\ss``, ``\'``, ``\``) takes the next one as its argument.
_ENDS_IN_COMMAND = re.compile(r"\\(?:[A-Za-z]+|[^A-Za-z])?$")
_MATH_SHIFT = re.compile(r"(?<!\\)\$")
#: What makes a word more than plain text: the codec's characters or a math shift.
_LATEX = re.compile(r"[\\%`~$]|--|''|,,")
_BARE_PERCENT = re.compile(r"(?<!\\)%")


@lru_cache(maxsize=1 << 16)
def latex_to_text(value: str) -> str:
    """Decode one BibTeX field value; each distinct string is decoded once per process."""
    if not value:
        return ""
    text = value
    if _NEEDS_CODEC.search(value):
        text = _TEXT_COMMANDS.sub("", _HREF.sub("", value))
        # The words before the first one that holds LaTeX pass as they are (an abstract often
        # has a single "3--5$\times$" near its end).
        first = _LATEX.search(text)
        cut = first.start() if first else len(text)
        while cut and not text[cut - 1].isspace():
            cut -= 1
        text = " ".join([*text[:cut].split(), *map(_decode_piece, _pieces(text[cut:]))])
    if "{" in text or "}" in text or "$" in text:
        text = _BRACES.sub(lambda m: m.group(1) or "", text)
    return _SPACES.sub(" ", text).strip()


def _pieces(text: str):
    """Split at spaces, keeping a command with its argument and ``$...$`` together."""
    current: list[str] = []
    open_math = False
    for word in text.split():
        current.append(word)
        if "$" in word:
            open_math ^= len(_MATH_SHIFT.findall(word)) % 2 == 1
        if not open_math and ("\\" not in word or not _ENDS_IN_COMMAND.search(word)):
            yield " ".join(current)
            current = []
    if current:
        yield " ".join(current)


@lru_cache(maxsize=1 << 16)
def _decode_piece(piece: str) -> str:
    if not _NEEDS_CODEC.search(piece):
        return piece
    try:
        return codecs.decode(_BARE_PERCENT.sub(r"\\%", piece), "ulatex")
    except Exception:
        return piece
