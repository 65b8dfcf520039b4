"""News items as a list: the date, then the text with its links."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ..model import NewsItem
from .inline import inline

#: English month abbreviations, independent of the machine's locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def display_date(date: str) -> str:
    """"2025-10-01" → "Oct 1, 2025"; "2025-10" → "Oct 2025"; "2025" stays."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return date
    month = MONTHS[parts[1] - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{month} {parts[2]}, {parts[0]}"


def news_list(items: Sequence[NewsItem]) -> nodes.bullet_list:
    """One list item per news item, each with its stable anchor."""
    result = nodes.bullet_list(classes=["news-list"])
    for item in items:
        para = nodes.paragraph(classes=["news-item"])
        date = display_date(item.date)
        para += nodes.inline(date, date, classes=["news-date"])
        para += nodes.Text(" ")
        para += nodes.inline("", "", *inline(item.text), classes=["news-text"])
        result += nodes.list_item("", para, ids=[item.anchor], classes=["news"])
    return result
