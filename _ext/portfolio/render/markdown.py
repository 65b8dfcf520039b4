"""Short Markdown texts from YAML (notes, service items) as inline docutils nodes.

markdown-it-py (which myst-parser is built on) parses the text with raw HTML turned off, so
``<script>`` stays text; links pass the same URL check as every other link.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from markdown_it import MarkdownIt

from ..urls import unsafe_url_reason

_PARSER = MarkdownIt("commonmark", {"html": False})
_CONTAINERS = {"strong": nodes.strong, "em": nodes.emphasis}

Report = Callable[[str], None]


def inline(text: str, report: Report) -> list[nodes.Node]:
    """Render one line of inline Markdown; unsafe links keep their text and are reported."""
    root = nodes.inline()
    stack: list[nodes.Element] = [root]
    for token in _PARSER.parseInline(text)[0].children or ():
        kind = token.type
        if kind in ("text", "html_inline"):
            stack[-1] += nodes.Text(token.content)
        elif kind in ("softbreak", "hardbreak"):
            stack[-1] += nodes.Text(" ")
        elif kind == "code_inline":
            stack[-1] += nodes.literal(token.content, token.content)
        elif kind == "image":
            stack[-1] += nodes.Text(token.content)
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            reason = unsafe_url_reason(href)
            if reason:
                report(f"link {href!r} is not shown as a link: {reason}")
                node: nodes.Element = nodes.inline()
            else:
                node = nodes.reference("", "", refuri=href)
            stack[-1] += node
            stack.append(node)
        elif kind.endswith("_open") and kind[:-5] in _CONTAINERS:
            node = _CONTAINERS[kind[:-5]]()
            stack[-1] += node
            stack.append(node)
        elif kind.endswith("_close") and len(stack) > 1:
            stack.pop()
    return list(root.children)
