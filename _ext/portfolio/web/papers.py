"""A page per publication, for HTML output.

The pages are made in the main process after the documents are written
(``html-collect-pages``), from the records in domain data, so they are the same with ``-j``.
The page is a template (``portfolio-paper.html``) that escapes every value; it carries the Google Scholar
``citation_*`` meta tags and schema.org ``ScholarlyArticle`` JSON-LD.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..extension.config import author_notes
from ..extension.domain import PortfolioDomain
from ..model import Publication
from ..text.markdown import segments
from ..text.names import is_owner
from ..text.urls import unsafe_url_reason
from .manifest import remove_gone, swap_manifest
from .paths import PAGE_BUILDERS, bib_path, paper_pagename

#: Link fields that point at the work itself (schema.org ``sameAs``), not at code or slides.
_SAME_WORK = frozenset({"url", "html", "pdf", "doi", "arxiv", "eprint"})
#: Types whose venue Google Scholar reads from a specific tag.
_VENUE_TAG = {"article": "citation_journal_title", "inproceedings": "citation_conference_title",
              "conference": "citation_conference_title",
              "phdthesis": "citation_dissertation_institution",
              "mastersthesis": "citation_dissertation_institution",
              "techreport": "citation_technical_report_institution"}


def paper_pages(app: Sphinx) -> dict[str, str]:
    """Citation key → name of its paper page, when the build writes paper pages."""
    if not app.config.portfolio_paper_pages or app.builder.name not in PAGE_BUILDERS:
        return {}
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    return {key: paper_pagename(app.config, key) for key in domain.publications}


def collect_paper_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: a page per citation key, when ``portfolio_paper_pages`` is set."""
    if not app.config.portfolio_paper_pages or app.builder.name not in PAGE_BUILDERS:
        return
    env = app.env
    domain = cast(PortfolioDomain, env.get_domain("portfolio"))
    for key in sorted(domain.publications):
        pub = domain.publications[key]
        context = {"title": pub.title, "portfolio_paper": paper_context(env, domain, pub)}
        yield paper_pagename(app.config, key), context, "portfolio-paper.html"


def paper_context(env: BuildEnvironment, domain: PortfolioDomain,
                  pub: Publication) -> dict[str, Any]:
    """What the template shows: plain strings, paths relative to the output folder."""
    config = env.config
    owner = domain.owner
    notes = author_notes(config)
    authors = [{"name": a.name, "owner": is_owner(a, owner),
                "marks": "".join(notes[n].marker for n in a.notes if n in notes)}
               for a in pub.authors]
    downloads = {str(PurePosixPath(path)): dest for path, (_, dest) in env.dlfiles.items()}
    links = []
    for link in pub.links:
        if not link.local:
            links.append({"label": link.label, "url": link.url, "path": "", "field": link.field})
        elif link.url in downloads:  # copied by Sphinx when a listed entry links it
            links.append({"label": link.label, "url": "", "field": link.field,
                          "path": f"_downloads/{downloads[link.url]}"})
    listed = domain.where_listed(pub.key)
    return {
        "pub": pub,
        "authors": authors,
        "venue": ", ".join(p for p in (pub.venue, str(pub.year or "")) if p),
        "links": links,
        "notes": [[(words, "" if unsafe_url_reason(url) else url) for words, url in segments(note)]
                  for note in pub.notes],
        "bib": bib_path(pub.key) if config.portfolio_bib_files else "",
        "listed": listed,
        "meta": citation_meta(pub, links, config.html_baseurl),
        "jsonld": scholarly_article(pub),
    }


def citation_meta(pub: Publication, links: list[dict[str, str]],
                  baseurl: str) -> list[tuple[str, str]]:
    """Google Scholar's ``citation_*`` tags, in its documented order."""
    meta = [("citation_title", pub.title)]
    meta += [("citation_author", a.name) for a in pub.authors if not a.others]
    if pub.year:
        date = f"{pub.year}/{pub.month:02d}" if pub.month else str(pub.year)
        meta.append(("citation_publication_date", date))
    tag = _VENUE_TAG.get(pub.entry_type)
    if tag and pub.venue:
        meta.append((tag, pub.fields.get("school") or pub.fields.get("institution") or pub.venue
                     if tag.endswith("institution") else pub.venue))
    for name in ("volume", "issue", "firstpage", "lastpage", "publisher", "isbn", "issn"):
        if pub.fields.get(name):
            meta.append((f"citation_{name}", pub.fields[name]))
    if pub.fields.get("doi"):
        meta.append(("citation_doi", pub.fields["doi"].strip()))
    for link in links:
        if link["field"] == "pdf" or link["url"].lower().endswith(".pdf"):
            url = link["url"] or (baseurl.rstrip("/") + "/" + link["path"] if baseurl else "")
            if url:
                meta.append(("citation_pdf_url", url))
                break
    if pub.abstract:
        meta.append(("citation_abstract", pub.abstract))
    return meta


def scholarly_article(pub: Publication) -> str:
    """schema.org JSON-LD, safe inside ``<script>``: ``<``, ``>`` and ``&`` are escaped."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": pub.title,
        "name": pub.title,
        "author": [{"@type": "Person", "name": a.name} for a in pub.authors if not a.others],
    }
    if pub.year:
        data["datePublished"] = f"{pub.year}-{pub.month:02d}" if pub.month else str(pub.year)
    if pub.venue:
        data["isPartOf"] = {"@type": "CreativeWork", "name": pub.venue}
    if pub.abstract:
        data["abstract"] = pub.abstract
    if pub.keywords:
        data["keywords"] = list(pub.keywords)
    same = [link.url for link in pub.links if link.field in _SAME_WORK and not link.local]
    if same:
        data["sameAs"] = same
    if pub.fields.get("doi"):
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI",
                              "value": pub.fields["doi"].strip()}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def remove_old_paper_pages(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the pages of entries that are gone (or of every entry, when paper
    pages were turned off) are deleted."""
    if exception is not None or app.builder.name not in PAGE_BUILDERS:
        return
    outdir = Path(app.outdir)
    files = {Path(app.builder.get_outfilename(page)).relative_to(outdir).as_posix(): ""
             for page in paper_pages(app).values()}
    remove_gone(app, swap_manifest(app, "paper-pages", files), files)


def setup_papers(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_paper_pages)
    app.connect("build-finished", remove_old_paper_pages)
