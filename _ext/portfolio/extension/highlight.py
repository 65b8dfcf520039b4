"""BibTeX blocks highlighted by Pygments, without running its BibTeX lexer on exported entries.

:func:`portfolio.data.export.entry_bibtex` writes one shape: ``@type{key,``, a line
``  name = {value},`` per field, and ``}``. For that shape the tokens of Pygments' BibTeX lexer
are known, so they are made here and handed to Pygments' formatter: the lexer took three
quarters of the time of highlighting a long list. Text of any other shape (a line that does not
fit, a brace that does not balance) goes through the lexer as usual, so the HTML is always what
Pygments makes of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from pygments import format as format_tokens
from pygments import highlight
from pygments.formatter import Formatter
from pygments.lexers.bibtex import BibTeXLexer
from pygments.token import Name, Punctuation, String, Whitespace

#: A token type of pygments.token (Name.Class, String, ...) and its text.
Token = tuple[Any, str]

_IDENTIFIER = re.compile(BibTeXLexer.IDENTIFIER, re.IGNORECASE)
#: Entry types the lexer reads as something else (``@comment`` is a comment, and so on).
_SPECIAL = re.compile(r"comment|preamble|string", re.IGNORECASE)
_HEAD = re.compile(r"@([^{]*)\{([^\s,}]+),")
_FIELD = re.compile(r"  ([^ ]+) = \{(.*)\},")
_BRACES = re.compile(r"([{}])")


@cache
def _lexer() -> BibTeXLexer:
    return BibTeXLexer()


def highlight_bibtex(text: str, formatter: Formatter) -> str:
    """*text* highlighted as BibTeX, as ``pygments.highlight`` with the BibTeX lexer would."""
    tokens = exported_tokens(text)
    if tokens is None:
        return highlight(text, _lexer(), formatter)
    return format_tokens(tokens, formatter)


def exported_tokens(text: str) -> list[Token] | None:
    """The BibTeX lexer's tokens of an exported entry; ``None`` for text of another shape."""
    lines = text.split("\n")
    if len(lines) < 3 or lines[-1] != "" or lines[-2] != "}":
        return None
    head = _HEAD.fullmatch(lines[0])
    if (head is None or not _IDENTIFIER.fullmatch(head.group(1))
            or _SPECIAL.match(head.group(1))):
        return None
    tokens: list[Token] = [(Name.Class, f"@{head.group(1)}"), (Punctuation, "{"),
                           (Name.Label, head.group(2)), (Punctuation, ",")]
    for line in lines[1:-2]:
        field = _FIELD.fullmatch(line)
        if field is None or not _IDENTIFIER.fullmatch(field.group(1)):
            return None
        value = list(_value(field.group(2)))
        if not value:
            return None
        tokens += [(Whitespace, "\n  "), (Name.Attribute, field.group(1)), (Whitespace, " "),
                   (Punctuation, "="), (Whitespace, " "), *value, (Punctuation, ",")]
    tokens += [(Whitespace, "\n"), (Punctuation, "}"), (Whitespace, "\n")]
    return tokens


def _value(inner: str) -> Iterator[Token]:
    """``{inner}`` as the lexer's string tokens; nothing if its braces do not balance."""
    parts = [(String, "{")]
    depth = 0
    for part in _BRACES.split(inner):
        if part == "{":
            depth += 1
        elif part == "}":
            depth -= 1
            if depth < 0:
                return
        if part:
            parts.append((String, part))
    if depth == 0:
        yield from parts
        yield String, "}"
