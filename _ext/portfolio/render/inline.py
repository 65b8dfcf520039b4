"""Inline Markdown from the data as docutils nodes (see :mod:`portfolio.text.markdown`)."""

from __future__ import annotations

from docutils import nodes

from ..text.markdown import inline_tokens
from ..text.urls import unsafe_url_reason

_CONTAINERS = {"strong": nodes.strong, "em": nodes.emphasis}


def inline(text: str) -> list[nodes.Node]:
    """Render one line of inline Markdown; an unsafe link keeps only its text."""
    root = nodes.inline()
    stack: list[nodes.Element] = [root]
    for token in inline_tokens(text):
        kind = token.type
        if kind in ("text", "html_inline", "image"):
            stack[-1] += nodes.Text(token.content)
        elif kind in ("softbreak", "hardbreak"):
            stack[-1] += nodes.Text(" ")
        elif kind == "code_inline":
            stack[-1] += nodes.literal(token.content, token.content)
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            node: nodes.Element = (nodes.inline() if unsafe_url_reason(href)
                                   else nodes.reference("", "", refuri=href))
            stack[-1] += node
            stack.append(node)
        elif kind.endswith("_open") and kind[:-5] in _CONTAINERS:
            node = _CONTAINERS[kind[:-5]]()
            stack[-1] += node
            stack.append(node)
        elif kind.endswith("_close") and len(stack) > 1:
            stack.pop()
    return list(root.children)
