"""An Atom feed (``atom.xml``) of the publications and news the site lists, linked from every
page's head.

Atom needs absolute addresses, so the feed is written only when the site's address is known
(``html_baseurl``). A publication with a year is in the feed when it has a paper page (linked)
or a page lists it (linked at its anchor); a news item when a page shows the news.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, cast
from xml.etree import ElementTree as ET

from sphinx.application import Sphinx

from ..data.digest import digest
from ..extension.domain import PortfolioDomain
from ..model import NewsItem, Publication
from ..text.characters import without_forbidden
from ..text.markdown import inline_tokens
from .manifest import write_changed
from .papers import paper_pages
from .paths import PAGE_BUILDERS
from .site import site_url

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED = "atom.xml"


@dataclass(frozen=True)
class Entry:
    id: str  #: the absolute address of the item on the site, which is also its link
    title: str
    updated: str  #: RFC 3339
    summary: str
    category: str
    related: tuple[tuple[str, str], ...] = ()  #: (label, url) of the item's own links


def timestamp(year: int, month: int | None = None, day: int | None = None) -> str:
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}T00:00:00Z"


def plain(markdown: str) -> str:
    """Inline Markdown as the words a reader sees."""
    return "".join(t.content if t.type != "softbreak" else " " for t in inline_tokens(markdown)
                   if t.type in ("text", "code_inline", "softbreak", "html_inline"))


def publication_entry(pub: Publication, url: str) -> Entry:
    authors = ", ".join(a.name for a in pub.authors)
    venue = ", ".join(p for p in (pub.venue, str(pub.year)) if p)
    summary = ". ".join(p for p in (authors, venue) if p) + "."
    return Entry(url, pub.title, timestamp(pub.year or 1, pub.month), summary, "publication",
                 tuple((link.label, link.url) for link in pub.links))


def news_entry(item: NewsItem, url: str) -> Entry:
    parts = [int(p) for p in item.date.split("-")]
    text = plain(item.text)
    return Entry(url, text, timestamp(*parts), text, "news")


def entries(app: Sphinx, base: str) -> list[Entry]:
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    papers = paper_pages(app)
    found = []
    for key, pub in domain.publications.items():
        target = domain.where_listed(key)
        if pub.year is None or (target is None and key not in papers):
            continue
        if key in papers:  # the paper's own page, else its place in a list
            url = base + app.builder.get_target_uri(papers[key])
        else:
            url = f"{base}{app.builder.get_target_uri(target[0])}#{target[1]}"
        found.append(publication_entry(pub, url))
    pages = domain.news_pages()
    if pages:
        complete = sorted(d for d, all_items in pages.items() if all_items)
        page = complete[0] if complete else sorted(pages)[0]
        url = base + app.builder.get_target_uri(page)
        for item in domain.news:
            found.append(news_entry(item, f"{url}#{item.anchor}" if complete else url))
    found.sort(key=lambda e: e.updated, reverse=True)
    return found


def feed_title(app: Sphinx) -> str:
    return f"{app.config.project}: publications and news"


def atom(app: Sphinx, base: str, items: list[Entry]) -> ET.Element:
    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        # conf.py's values (the project's name) reach the feed unchecked by the data layer.
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}",
                                {k: without_forbidden(v) for k, v in attrs.items()})
        element.text = without_forbidden(text) if text is not None else None
        return element

    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    add(feed, "id", base)
    add(feed, "title", feed_title(app))
    add(feed, "updated", items[0].updated if items else timestamp(1970))
    add(feed, "link", rel="self", type="application/atom+xml", href=base + FEED)
    add(feed, "link", rel="alternate", type="text/html", href=base)
    author = add(feed, "author")
    add(author, "name", domain.profile.name if domain.profile else app.config.author)
    add(author, "uri", base)
    for item in items:
        entry = add(feed, "entry")
        add(entry, "id", item.id)
        add(entry, "title", item.title)
        add(entry, "updated", item.updated)
        add(entry, "link", rel="alternate", type="text/html", href=item.id)
        for label, url in item.related:
            add(entry, "link", rel="related", href=url, title=label)
        add(entry, "summary", item.summary)
        add(entry, "category", term=item.category)
    ET.indent(feed)
    return feed


def made_from(app: Sphinx, base: str) -> str:
    """A digest of everything the feed shows: the site, each entry (in file order) and where
    it is, the news and the page that shows them."""
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    return digest(repr((
        base, feed_title(app), domain.profile.name if domain.profile else app.config.author,
        app.builder.name, app.config.portfolio_paper_pages,
        list(domain.site.digests.items()), domain.listings(),
        domain.news, sorted(domain.news_pages().items()))))


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the feed, when its content changed (or the site's address went)."""
    if exception is not None or app.builder.name not in PAGE_BUILDERS:
        return
    base = site_url(app.config)
    write_changed(app, "feed", {FEED: made_from(app, base)} if base else {},
                  lambda path: ET.tostring(atom(app, base, entries(app, base)), encoding="utf-8",
                                           xml_declaration=True))


def link_feed(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
              doctree: Any) -> None:
    """``html-page-context``: announce the feed in the page's head."""
    if app.builder.name not in PAGE_BUILDERS or not site_url(app.config):
        return
    href = context["pathto"](FEED, 1)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" type="application/atom+xml" title="{escape(feed_title(app))}" '
        f'href="{escape(href)}" />')


def setup_feed(app: Sphinx) -> None:
    app.connect("build-finished", write_feed)
    app.connect("html-page-context", link_feed)
