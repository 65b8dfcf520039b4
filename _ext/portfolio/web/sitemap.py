"""``sitemap.xml`` and ``robots.txt``, written when the HTML build finishes and they changed.

The sitemap lists every page of the project (not the 404 page) and every paper page at its
absolute address, so it is written only when the site's address is known (``html_baseurl``, set
on Read the Docs).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import cast
from xml.etree import ElementTree as ET

from sphinx.application import Sphinx
from sphinx.util import logging

from ..data.digest import digest
from ..extension.domain import PortfolioDomain
from ..text.characters import without_forbidden
from .manifest import write_changed
from .papers import paper_pages
from .paths import PAGE_BUILDERS
from .site import site_url

logger = logging.getLogger(__name__)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP = "sitemap.xml"


def page_urls(app: Sphinx, base: str) -> list[str]:
    """The absolute address of each page, in a stable order."""
    docnames = sorted(d for d in app.env.found_docs if d != app.config.notfound_pagename)
    docnames += sorted(paper_pages(app).values())
    return [base + app.builder.get_target_uri(docname) for docname in docnames]


def sitemap(urls: list[str]) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for url in urls:
        entry = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = without_forbidden(url)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True)


def user_file(app: Sphinx, name: str) -> bool:
    """Whether the project ships its own *name* in ``html_extra_path``."""
    return any((Path(app.confdir) / extra / name).exists() for extra in app.config.html_extra_path)


def write_robots(app: Sphinx, base: str) -> None:
    lines = ["User-agent: *", "Allow: /"]
    if base:
        lines.append(f"Sitemap: {base}sitemap.xml")
    path = Path(app.outdir) / "robots.txt"
    text = "\n".join(lines) + "\n"
    if not path.is_file() or path.read_text("utf-8") != text:
        path.write_text(text, encoding="utf-8")


def finish(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the sitemap and ``robots.txt``, each written only when it changed."""
    if exception is not None or app.builder.name not in PAGE_BUILDERS:
        return
    base = site_url(app.config)
    urls = functools.cache(lambda: page_urls(app, base))
    # The pages and the entries with a paper page stand for the addresses, which take a
    # while to make at 10,000 entries.
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    whole = digest(repr((base, app.builder.name, getattr(app.builder, "link_suffix", ""),
                         sorted(app.env.found_docs),
                         app.config.notfound_pagename, app.config.portfolio_paper_pages,
                         list(domain.keys))))
    write_changed(app, "sitemap", lambda: {SITEMAP: digest("\n".join(urls()))} if base else {},
                  lambda path: sitemap(urls()), whole=whole)
    if not base:
        logger.info("sitemap.xml and atom.xml need the site's address: set html_baseurl "
                    "(Read the Docs sets it)")
    if not user_file(app, "robots.txt"):
        write_robots(app, base)


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", finish)
