"""Publication records as a list of entries: title, authors, venue, links, notes, awards, and
the extras around them (venue badge, preview, status, abstract and BibTeX toggles).

An entry's nodes depend only on the :class:`~portfolio.model.Publication` and the
:class:`Style`; what belongs to a page (the entry's anchor) is added by the list. Lists are
rendered after the page is read (see :mod:`portfolio.extension.directives.publications`), so the preview
images and file downloads, which Sphinx collects while reading, are made beforehand by
:func:`file_nodes` and handed back in ``files``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from docutils import nodes
from sphinx import addnodes

from ..model import Author, CitationCount, Link, Publication, Venue
from ..text.latex import latex_to_text
from ..text.names import Name, is_owner
from .inline import inline
from .nodes import badge, bibtex_block, details, math_text

Variants = Sequence[Name]


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
    max_authors: int = 0  #: show this many authors, the rest behind "and N more"; 0: all
    coauthors: Sequence[tuple[Name, str]] = ()  #: parsed name and the page it links to
    venues: Mapping[str, Venue] = field(default_factory=dict)  #: badge text -> look
    toggles: frozenset[str] = frozenset()  #: "abstract", "bibtex"
    bib_files: bool = False  #: link each entry's ``.bib`` download
    paper_pages: bool = False  #: link each entry's own page
    citations: Mapping[str, CitationCount] = field(default_factory=dict)  #: key -> count


@dataclass(frozen=True)
class Output:
    """What the page being written can hold, which depends on the builder: links to each
    entry's ``.bib`` file and paper page (citation key to URI, from this page), and images."""

    bib_uri: Callable[[str], str] | None = None
    paper_uri: Callable[[str], str] | None = None
    images: bool = True
    #: Whether a BibTeX block holds its text as a node; HTML writes it from the block's
    #: source, and a node less per entry is a little less for every pass over the page.
    block_text: bool = True


#: Collected file nodes by :func:`file_key`, one per time the entry is listed; used (and
#: removed) as the entries are rendered.
Files = dict[str, list[nodes.Element]]


def publication_list(
    groups: Sequence[tuple[str, Sequence[Publication]]],
    style: Style,
    anchors: Mapping[str, str],
    numbered: bool = False,
    counts: bool = False,
    files: Files | None = None,
    output: Output = Output(),
    labels: Mapping[str, str] | None = None,
    descending: bool = False,
) -> list[nodes.Node]:
    """Nodes for a whole list: one legend for the markers used, then each group. *anchors*
    gives the ids of the entries that are the page's target for their key.

    *numbered* numbers the entries 1, 2, 3 across the groups. *labels* (prefixes by heading)
    labels each group's entries on their own instead, "C1", "C2", ...; *descending* (a list
    newest first) counts them down, so that an entry keeps its label as newer ones are added.
    """
    files = {} if files is None else files
    pubs = [pub for _, group in groups for pub in group]
    result: list[nodes.Node] = []
    legend = _legend(pubs, style)
    if legend is not None:
        result.append(legend)
    number = 1
    for heading, group in groups:
        if heading:
            rubric = nodes.rubric(heading, heading, classes=["pub-group"])
            if counts:
                rubric += nodes.inline("", f" ({len(group)})", classes=["pub-count"])
            result.append(rubric)
        if numbered and labels is None:
            items: nodes.Element = nodes.enumerated_list(
                classes=["pub-list"], enumtype="arabic", prefix="", suffix=".", start=number)
        else:
            items = nodes.bullet_list(classes=["pub-list"])
        for index, pub in enumerate(group):
            label = ""
            if labels is not None:
                count = len(group) - index if descending else index + 1
                label = f"{labels.get(heading, '')}{count}"
            item = entry(pub, style, files, output, label)
            if pub.key in anchors:
                item["ids"].append(anchors[pub.key])
            items += item
        number += len(group)
        # Labelled lists are marked by a container, which LaTeX sees too (portfolio-cv.sty).
        result.append(nodes.container("", items, classes=["pub-labelled"]) if labels is not None
                      else items)
    return result


def number_prefixes(headings: Iterable[str], prefixes: Mapping[str, str]) -> dict[str, str]:
    """The label prefix of each heading: as configured, else its first letter ("Conference
    Papers": "C")."""
    return {heading: prefixes.get(heading, heading[:1].upper()) for heading in headings}


def entry(pub: Publication, style: Style, files: Files, output: Output = Output(),
          label: str = "") -> nodes.list_item:
    """One publication as a list item. A *label* ("C3") goes before the title, in the title's
    line; the page's style sets it in the margin where a bullet would be."""
    item = nodes.list_item(classes=["pub", f"pub-{pub.entry_type}"])
    aside = _aside(pub, style, files, output)
    if aside is not None:
        item["classes"].append("pub-with-aside")
        item += aside
    lines = nodes.line_block(classes=["pub-entry"])
    if label:
        lines += nodes.line(pub.title, "", nodes.inline(label, label, classes=["pub-number"]),
                            nodes.Text(" "),
                            nodes.inline("", "", *title_nodes(pub), classes=["pub-title"]),
                            classes=["pub-title-line"])
    else:
        lines += nodes.line(pub.title, "", *title_nodes(pub),
                            classes=["pub-title-line", "pub-title"])
    if pub.authors:
        lines += nodes.line("", "", *_authors(pub.authors, style), classes=["pub-authors"])
    lines += nodes.line("", "", *_venue(pub, files), *_actions(pub, style, output),
                        classes=["pub-venue"])
    marks = [badge(pub.status, pub.status, classes=["pub-status"])] if pub.status else []
    counted = style.citations.get(pub.key)
    if counted is not None and counted.count:  # no badge says "not cited yet" as well as "0"
        marks.append(citation_badge(counted))
    if marks:
        lines += nodes.line("", "", *_spaced(marks), classes=["pub-status-line"])
    for note in pub.notes:
        lines += nodes.line("", "", *inline(note), classes=["pub-note"])
    for award in pub.awards:
        lines += nodes.line("", "", nodes.strong(award, award, classes=["pub-award"]),
                            classes=["pub-award-line"])
    item += lines
    item.extend(_extras(pub, style, output))
    return item


def citation_badge(citations: CitationCount) -> badge:
    """"12 citations", with who counted and when as the badge's title (counts go stale)."""
    text = f"{citations.count} citation{'s' if citations.count != 1 else ''}"
    counted = " ".join(p for p in (f"by {citations.source}" if citations.source else "",
                                   f"on {citations.date}") if p)
    return badge(text, text, classes=["pub-status", "pub-citations"], title=f"Counted {counted}")


def _spaced(marks: list[nodes.Node]) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for mark in marks:
        if result:
            result.append(nodes.Text(" "))
        result.append(mark)
    return result


def title_nodes(pub: Publication) -> list[nodes.Node]:
    """The title as text, with its math (if any) as :class:`math_text` elements."""
    if not pub.title_math:
        return [nodes.Text(pub.title)]
    return [math_text(text, text, tex=tex) if tex else nodes.Text(text)
            for text, tex in pub.title_math]


def file_nodes(pub: Publication) -> list[nodes.Element]:
    """The nodes of *pub*'s entry that Sphinx collects while reading a page: the preview image
    and the downloads of the site's own files, each named by :func:`file_key`."""
    result = [_preview(pub)] if pub.preview else []
    result += [_link(pub, link) for link in pub.links if link.local]
    return result


def collected_files(found: Iterable[nodes.Element]) -> Files:
    """The nodes made by :func:`file_nodes`, after Sphinx has collected them."""
    files: Files = {}
    for node in found:
        files.setdefault(node["portfolio-file"], []).append(node)
    return files


def _collected(files: Files, node: nodes.Element) -> nodes.Element:
    """The collected twin of *node*, if it has one."""
    twins = files.get(node.get("portfolio-file", ""))
    return twins.pop(0) if twins else node


def _preview(pub: Publication) -> nodes.image:
    local = "://" not in pub.preview
    return nodes.image(uri="/" + pub.preview.lstrip("/") if local else pub.preview,
                       alt=f"Preview of {pub.short_title}", loading="lazy",
                       classes=["pub-preview"], **{"portfolio-file": f"{pub.key} preview"})


def _aside(pub: Publication, style: Style, files: Files, output: Output
           ) -> nodes.container | None:
    """The venue badge and the preview image, beside the entry."""
    aside = nodes.container(classes=["pub-aside"])
    text = pub.abbr or (pub.venue_short if pub.venue_short in style.venues else "")
    if text:
        venue = style.venues.get(text, Venue())
        mark = badge("", "", classes=["pub-badge"], color=venue.color)
        mark += nodes.reference(text, text, refuri=venue.url) if venue.url else nodes.Text(text)
        aside += mark
    if pub.preview:
        preview = _collected(files, _preview(pub))
        if output.images:  # plain text has no use for a thumbnail
            aside += preview
    return aside if aside.children else None


def _authors(authors: Sequence[Author], style: Style) -> list[nodes.Node]:
    shown = len(authors)
    if style.max_authors and len(authors) > style.max_authors + 1:
        shown = style.max_authors
    result = _author_names(authors[:shown], style)
    if shown < len(authors):
        hidden = len(authors) - shown
        more = details("", label=f"and {hidden} more", classes=["pub-more-authors"], inline=True)
        more += nodes.inline("", "", nodes.Text(", "), *_author_names(authors[shown:], style))
        result.append(more)  # the theme spaces it; text and LaTeX show the whole list
    return result


def _author_names(authors: Iterable[Author], style: Style) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    text = ""  # plain names and commas, gathered into one Text node (long lists stay light)
    for index, author in enumerate(authors):
        if index:
            text += ", "
        # The owner's name matching serves any person: initials, accents, "Last, First".
        url = next((url for name, url in style.coauthors if is_owner(author, [name])), "")
        marks = [style.author_notes[name].marker for name in author.notes
                 if name in style.author_notes]
        owner = is_owner(author, style.owner)
        if not (url or marks or owner):
            text += author.name
            continue
        if text:
            result.append(nodes.Text(text))
            text = ""
        parts: list[nodes.Node] = [
            nodes.reference(author.name, author.name, refuri=url, classes=["pub-coauthor"])
            if url else nodes.Text(author.name)]
        parts += [nodes.inline(mark, mark, classes=["pub-author-mark"]) for mark in marks]
        if owner:
            result.append(nodes.strong("", "", *parts, classes=["pub-owner"]))
        else:
            result.extend(parts)
    if text:
        result.append(nodes.Text(text))
    return result


def _venue(pub: Publication, files: Files) -> list[nodes.Node]:
    """The venue and year, then the links: "[DOI] [code]", each link a ``pub-link``."""
    text = ", ".join(p for p in (pub.venue, _issue(pub), str(pub.year or "")) if p)
    result: list[nodes.Node] = [nodes.inline(text, text, classes=["pub-venue-name"])] if text else []
    for index, link in enumerate(pub.links):
        # The brackets and spaces between links are one text node each: long lists stay light.
        between = "] [" if index else (" [" if result else "[")
        result.append(nodes.Text(between))
        node = _collected(files, _link(pub, link))
        node["classes"] += ["pub-link", f"pub-link-{link.field}"]
        result.append(node)
    if pub.links:
        result.append(nodes.Text("]"))
    return result


def _issue(pub: Publication) -> str:
    """Where in a journal an article is: "12(3):45–67" from its volume, number and pages
    ("no. 3, pp. 45–67" without a volume); nothing for other entry types."""
    if pub.entry_type != "article":
        return ""
    volume, number, pages = (latex_to_text(pub.fields.get(name, "")).strip()
                             for name in ("volume", "number", "pages"))
    if volume:
        return volume + (f"({number})" if number else "") + (f":{pages}" if pages else "")
    return ", ".join(p for p in (number and f"no. {number}", pages and f"pp. {pages}") if p)


def _link(pub: Publication, link: Link) -> nodes.Element:
    """A web link, or for a file of the site a download Sphinx copies into the output."""
    if link.local:
        return addnodes.download_reference(
            "", "", nodes.inline(link.label, link.label), reftarget="/" + link.url,
            refexplicit=True, **{"portfolio-file": f"{pub.key} {link.field} {link.url}"})
    return nodes.reference(link.label, link.label, refuri=link.url)


def _actions(pub: Publication, style: Style, output: Output) -> list[nodes.Node]:
    """Icon links after the entry's other links, where the output has them: its ``.bib`` file
    and its paper page. Each is named by hidden text and a tooltip."""
    actions = []
    if style.bib_files and pub.bibtex and output.bib_uri:
        actions.append(("bibfile", "bib", "Download BibTeX (.bib)", output.bib_uri(pub.key), False))
    if style.paper_pages and output.paper_uri:
        actions.append(("paper", "page", "Paper page", output.paper_uri(pub.key), True))
    if not actions:
        return []
    # One unbreakable group kept on the line before it; each link's text is hidden behind its
    # icon (portfolio.css), two nodes a link.
    group = nodes.inline("", "\u00a0", classes=["pub-actions"])
    for kind, icon, label, uri, internal in actions:
        group += nodes.reference(label, label, refuri=uri, internal=internal, reftitle=label,
                                 classes=["pub-action", f"pub-{kind}-link", f"portfolio-icon-{icon}"])
    return [group]


def _extras(pub: Publication, style: Style, output: Output) -> list[nodes.Node]:
    """The abstract and BibTeX toggles."""
    result: list[nodes.Node] = []
    if "abstract" in style.toggles and pub.abstract:
        toggle = details("", label="Abstract", classes=["pub-toggle", "pub-abstract"])
        toggle += nodes.paragraph(pub.abstract, pub.abstract)
        result.append(toggle)
    if "bibtex" in style.toggles and pub.bibtex:
        toggle = details("", label="BibTeX", classes=["pub-toggle", "pub-bibtex"])
        # Not indexed for search: the entry's own text already is.
        toggle += bibtex_block(pub.bibtex, pub.bibtex if output.block_text else "",
                               language="bibtex", classes=["no-search"])
        result.append(toggle)
    return result


def _legend(pubs: Sequence[Publication], style: Style) -> nodes.paragraph | None:
    used = {name for pub in pubs for author in pub.authors for name in author.notes}
    parts = [f"{note.marker} {note.legend}" for name, note in style.author_notes.items()
             if name in used and note.legend]  # no words: the mark is not explained
    if not parts:
        return None
    text = "; ".join(parts)
    return nodes.paragraph("", "", nodes.emphasis(text, text), classes=["pub-legend"])


def owner_found(pubs: Iterable[Publication], owner: Variants) -> bool:
    """Whether the owner's name matches at least one author of *pubs*."""
    return any(is_owner(a, owner) for pub in pubs for a in pub.authors)
