"""Publication records as a list of entries: title, authors, venue, links, notes, awards."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from docutils import nodes

from ..model import Author, Publication
from ..names import is_owner
from .markdown import inline

Variants = Sequence[tuple[tuple[str, ...], tuple[str, ...]]]


@dataclass(frozen=True)
class AuthorNote:
    """How an ``author+an`` annotation is shown: its marker and the legend's words."""

    marker: str
    legend: str


@dataclass(frozen=True)
class Style:
    """Everything from the configuration that changes how an entry looks."""

    owner: Variants
    author_notes: Mapping[str, AuthorNote]


def publication_list(
    groups: Sequence[tuple[str, Sequence[Publication]]],
    style: Style,
    anchor: Callable[[Publication], str | None],
) -> list[nodes.Node]:
    """Nodes for a whole list: one legend for the markers used, then each group."""
    pubs = [pub for _, group in groups for pub in group]
    result: list[nodes.Node] = []
    legend = _legend(pubs, style)
    if legend is not None:
        result.append(legend)
    for heading, group in groups:
        if heading:
            result.append(nodes.rubric(heading, heading, classes=["pub-group"]))
        items = nodes.bullet_list(classes=["pub-list"])
        for pub in group:
            items += entry(pub, style, anchor(pub))
        result.append(items)
    return result


def entry(pub: Publication, style: Style, anchor: str | None) -> nodes.list_item:
    """One publication as a list item whose id is *anchor*."""
    item = nodes.list_item(classes=["pub", f"pub-{pub.entry_type}"])
    if anchor:
        item["ids"].append(anchor)
    lines = nodes.line_block(classes=["pub-entry"])
    lines += nodes.line("", "", nodes.inline(pub.title, pub.title, classes=["pub-title"]),
                        classes=["pub-title-line"])
    if pub.authors:
        lines += nodes.line("", "", *_authors(pub.authors, style), classes=["pub-authors"])
    lines += nodes.line("", "", *_venue(pub), classes=["pub-venue"])
    for note in pub.notes:
        lines += nodes.line("", "", *inline(note), classes=["pub-note"])
    for award in pub.awards:
        lines += nodes.line("", "", nodes.strong(award, award, classes=["pub-award"]),
                            classes=["pub-award-line"])
    item += lines
    return item


def _authors(authors: Iterable[Author], style: Style) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for index, author in enumerate(authors):
        if index:
            result.append(nodes.Text(", "))
        parts: list[nodes.Node] = [nodes.Text(author.name)]
        for name in author.notes:
            note = style.author_notes.get(name)
            if note:
                parts.append(nodes.inline(note.marker, note.marker, classes=["pub-author-mark"]))
        if is_owner(author, style.owner):
            result.append(nodes.strong("", "", *parts, classes=["pub-owner"]))
        else:
            result.extend(parts)
    return result


def _venue(pub: Publication) -> list[nodes.Node]:
    text = ", ".join(p for p in (pub.venue, str(pub.year or "")) if p)
    result: list[nodes.Node] = [nodes.inline(text, text, classes=["pub-venue-name"])] if text else []
    for link in pub.links:
        if result:
            result.append(nodes.Text(" "))
        result.append(nodes.inline(
            "", "", nodes.Text("["),
            nodes.reference(link.label, link.label, refuri=link.url),
            nodes.Text("]"), classes=["pub-link", f"pub-link-{link.field}"]))
    return result


def _legend(pubs: Sequence[Publication], style: Style) -> nodes.paragraph | None:
    used = {name for pub in pubs for author in pub.authors for name in author.notes}
    parts = [f"{note.marker} {note.legend}" for name, note in style.author_notes.items()
             if name in used]
    if not parts:
        return None
    text = "; ".join(parts)
    return nodes.paragraph("", "", nodes.emphasis(text, text), classes=["pub-legend"])


def owner_found(pubs: Iterable[Publication], owner: Variants) -> bool:
    """Whether the owner's name matches at least one author of *pubs*."""
    return any(is_owner(a, owner) for pub in pubs for a in pub.authors)
