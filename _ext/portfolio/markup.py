"""Short Markdown texts in the data (notes, service items): one parser for checks and rendering.

markdown-it-py (which myst-parser is built on) with raw HTML off, so ``<script>`` stays text.
Every link target is passed through; the data layer reports unsafe ones once, when the file is
loaded, and the render layer shows them as plain text.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

PARSER = MarkdownIt("commonmark", {"html": False})
PARSER.validateLink = lambda url: True


def inline_tokens(text: str) -> list[Token]:
    return PARSER.parseInline(text)[0].children or []


def link_targets(text: str) -> list[str]:
    """The targets of the Markdown links in *text*, in order."""
    return [str(t.attrs.get("href", "")) for t in inline_tokens(text) if t.type == "link_open"]
