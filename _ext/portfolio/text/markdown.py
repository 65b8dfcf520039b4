"""Short Markdown texts in the data (notes, service items): one parser for checks and rendering.

markdown-it-py (which myst-parser is built on) with raw HTML off, so ``<script>`` stays text.
Every link target is passed through; the data layer reports unsafe ones once, when the file is
loaded, and the render layer shows them as plain text. The parser is made when a text first
needs it: a site whose notes are plain text never loads it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False})
    parser.validateLink = lambda url: True
    return parser


def inline_tokens(text: str) -> list[Token]:
    return _parser().parseInline(text)[0].children or []


def link_targets(text: str) -> list[str]:
    """The targets of the Markdown links in *text*, in order."""
    if "[" not in text and "<" not in text:  # no link can be written without one of them
        return []
    return [str(t.attrs.get("href", "")) for t in inline_tokens(text) if t.type == "link_open"]


def segments(text: str) -> list[tuple[str, str]]:
    """*text* as ``(words, link)`` pieces for templates: formatting dropped, a link's words
    paired with its target ("" outside links; the caller checks targets)."""
    pieces: list[tuple[str, str]] = []
    href = ""
    for token in inline_tokens(text):
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
        elif token.type == "link_close":
            href = ""
        elif token.type in ("text", "code_inline", "html_inline"):
            pieces.append((token.content, href))
        elif token.type in ("softbreak", "hardbreak"):
            pieces.append((" ", href))
    return pieces
