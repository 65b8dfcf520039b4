"""A page per publication, for HTML output.

The pages are written in the main process while the builder collects extra pages
(``html-collect-pages``), from the records in domain data, so they are the same with ``-j``.

Every paper page has the same shell: the theme's head, navigation, sidebar, footer and
scripts. The shell is rendered once per build, through the theme's templates and the
builder's own ``handle_page`` (``portfolio-paper.html``, under a page name of the papers'
folder that no entry can have), with placeholders where each paper's own parts go: its page
name, its title, its head (``portfolio-paper-head.html``: description, Open Graph and Google
Scholar's ``citation_*`` meta tags, schema.org ``ScholarlyArticle`` JSON-LD) and its body
(``portfolio-paper-body.html``). Those two templates escape every value.

A page is written only when what it is made from changed: the shell, the templates, the
entry (its digest from the load), where it is listed and the files it links; the manifest
(:mod:`portfolio.web.manifest`) keeps those digests, and the pages of removed entries are
deleted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, cast
from urllib.parse import urljoin

from jinja2 import BaseLoader, Environment, Template
from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .. import __version__
from ..data.digest import digest
from ..extension.config import author_notes
from ..extension.domain import PortfolioDomain
from ..model import Publication
from ..text.markdown import segments
from ..text.names import is_owner
from ..text.urls import unsafe_url_reason
from .manifest import write_changed
from .paths import PAGE_BUILDERS, bib_path, file_stem, paper_pagename
from .site import site_url

#: Link fields that point at the work itself (schema.org ``sameAs``), not at code or slides.
_SAME_WORK = frozenset({"url", "html", "pdf", "doi", "arxiv", "eprint"})
#: Types whose venue Google Scholar reads from a specific tag.
_VENUE_TAG = {"article": "citation_journal_title", "inproceedings": "citation_conference_title",
              "conference": "citation_conference_title",
              "phdthesis": "citation_dissertation_institution",
              "mastersthesis": "citation_dissertation_institution",
              "techreport": "citation_technical_report_institution"}

SHELL_TEMPLATE = "portfolio-paper.html"
HEAD_TEMPLATE = "portfolio-paper-head.html"
BODY_TEMPLATE = "portfolio-paper-body.html"
ICONS_TEMPLATE = "portfolio-icons.html"  #: the body's icons
#: The placeholders of the shell. The page's is the file stem of the page name the shell is
#: rendered under: no citation key has that stem (file stems have no "~").
PAGE, TITLE, HEAD, BODY = (f"portfolio~paper~{part}" for part in ("page", "title", "head", "body"))
_PLACEHOLDER = re.compile("(portfolio~paper~(?:page|title|head|body))")


def paper_pages(app: Sphinx) -> dict[str, str]:
    """Citation key → name of its paper page, when the build writes paper pages."""
    if not app.config.portfolio_paper_pages or app.builder.name not in PAGE_BUILDERS:
        return {}
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    return {key: paper_pagename(app.config, key) for key in domain.keys}


@dataclass(frozen=True)
class Shell:
    """The rendered shell cut at its placeholders: text, placeholder, text, ..."""

    pieces: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Shell | None:
        """The shell of *text*, or ``None`` when the template does not show the paper's head
        and body exactly once each (a template of the site's own may not)."""
        pieces = tuple(_PLACEHOLDER.split(text))
        placeholders = pieces[1::2]
        if placeholders.count(HEAD) != 1 or placeholders.count(BODY) != 1:
            return None
        return cls(pieces)

    def fill(self, stem: str, title: str, head: str, body: str) -> str:
        """The page of *stem*: *title* is HTML (escaped text), as a theme's ``title`` is."""
        values = {PAGE: stem, TITLE: title, HEAD: head, BODY: body}
        parts = list(self.pieces)
        parts[1::2] = [values[placeholder] for placeholder in self.pieces[1::2]]
        return "".join(parts)


@dataclass(frozen=True)
class Common:
    """What every paper page shows the same way, in this build."""

    base: str  #: the page name's relative address of the shell, for links from a paper page
    site: str  #: the site's absolute address, "" when unknown
    owner: tuple[Any, ...]
    notes: dict[str, Any]
    bib_files: bool
    #: local file -> its folder and name under ``_downloads`` (what a page links of them is in
    #: its own digest)
    downloads: dict[str, str] = field(repr=False, compare=False)
    site_name: str  #: Open Graph's site name ("" for none)
    image: str  #: Open Graph's image, absolute ("" for none)
    image_alt: str
    custom_tags: tuple[str, ...]  #: ``ogp_custom_meta_tags``: HTML written in conf.py


def common_values(app: Sphinx, folder: str) -> Common:
    config = app.config
    site = site_url(config)
    name = config.ogp_site_name
    site_name = "" if name is False else (config.project if name is None else str(name))
    image = config.ogp_image or ""
    if image and "://" not in image:
        image = urljoin(config.ogp_site_url or site, image) if (config.ogp_site_url or site) else ""
    alt = config.ogp_image_alt
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    return Common(
        base=app.builder.get_target_uri(f"{folder}/{PAGE}"),
        site=site,
        owner=domain.owner,
        notes=author_notes(config),
        bib_files=bool(config.portfolio_bib_files),
        downloads={str(PurePosixPath(path)): dest for path, (_, dest) in app.env.dlfiles.items()},
        site_name=site_name,
        image=image,
        image_alt=alt if isinstance(alt, str) else site_name,
        custom_tags=tuple(config.ogp_custom_meta_tags),
    )


def paper_context(app: Sphinx, common: Common, pub: Publication, pagename: str,
                  listed: tuple[str, str] | None) -> dict[str, Any]:
    """What the head and body templates show: plain strings, links relative to the page."""
    authors = [{"name": a.name, "owner": is_owner(a, common.owner),
                "marks": "".join(common.notes[n].marker for n in a.notes if n in common.notes)}
               for a in pub.authors]
    links = []
    for link in pub.links:
        if not link.local:
            links.append({"label": link.label, "url": link.url, "href": link.url, "path": "",
                          "field": link.field})
        elif link.url in common.downloads:  # copied by Sphinx when a listed entry links it
            path = f"_downloads/{common.downloads[link.url]}"
            links.append({"label": link.label, "url": "", "path": path, "field": link.field,
                          "href": relative_uri(common.base, path)})
    listed_href = ""
    if listed is not None:
        listed_href = f"{relative_uri(common.base, app.builder.get_target_uri(listed[0]))}" \
                      f"#{listed[1]}"
    url = common.site + app.builder.get_target_uri(pagename) if common.site else ""
    og = [("og:title", pub.title), ("og:type", "article")]
    og += [("og:url", url)] if url else []
    og += [("og:site_name", common.site_name)] if common.site_name else []
    og += [("og:image", common.image), ("og:image:alt", common.image_alt)] if common.image else []
    return {
        "pub": pub,
        "paper": {
            "authors": authors,
            "venue": ", ".join(p for p in (pub.venue, str(pub.year or "")) if p),
            "links": links,
            "notes": [[(words, "" if unsafe_url_reason(url) else url)
                       for words, url in segments(note)] for note in pub.notes],
            "bib": relative_uri(common.base, bib_path(pub.key)) if common.bib_files else "",
            "listed": listed_href,
            "meta": citation_meta(pub, links, common.site),
            "og": og,
            "custom_tags": common.custom_tags,
            "jsonld": scholarly_article(pub),
        },
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


def page_title(pub: Publication) -> str:
    """The title as the theme's ``title``: HTML, so the title's text is escaped as the
    templates escape (its spaces as the theme's ``<title>`` leaves them, which joins them)."""
    return str(escape(" ".join(pub.title.split())))


def render_page(app: Sphinx, pagename: str, title: str, head: str, body: str,
                outfilename: Path | None = None) -> None:
    """A paper page rendered through the theme on its own (by default into its place in the
    output): what a page filled into the shell equals, and how pages are written when a
    site's own ``portfolio-paper.html`` has no place for the placeholders."""
    app.builder.handle_page(pagename, {"title": title, "portfolio_paper_head": head,
                                       "portfolio_paper_body": body},
                            SHELL_TEMPLATE, outfilename=outfilename)


class Parts:
    """The head and body templates, compiled once per build, when the first page is written (a
    rebuild that writes none compiles nothing). Sphinx's template loader finds them (a site's
    own templates first); they are rendered outside its sandbox, which costs a third of a paper
    page's time and guards nothing here: the templates are the site's."""

    def __init__(self, app: Sphinx) -> None:
        self.bridge = app.builder.templates
        self.environment: Environment | None = None
        #: What the parts are made from, for the pages' digests.
        self.sources: tuple[str, ...] = ()
        if isinstance(self.bridge, BaseLoader):  # Sphinx's own template bridge
            # Sphinx's filters, globals (gettext) and i18n tags, so a site's own
            # templates render as they would through the bridge.
            self.environment = Environment(loader=self.bridge, auto_reload=False,
                                           extensions=["jinja2.ext.i18n"])
            self.environment.filters.update(self.bridge.environment.filters)
            self.environment.globals.update(self.bridge.environment.globals)
            self.sources = tuple(self.bridge.get_source(self.environment, name)[0]
                                 for name in (HEAD_TEMPLATE, BODY_TEMPLATE, ICONS_TEMPLATE))

    @cached_property
    def templates(self) -> tuple[Template, Template]:
        assert self.environment is not None
        return (self.environment.get_template(HEAD_TEMPLATE),
                self.environment.get_template(BODY_TEMPLATE))

    def render(self, context: dict[str, Any]) -> tuple[str, str]:
        """The head and the body of a page."""
        if self.environment is None:  # a template bridge of the site's own: asked each time
            return (self.bridge.render(HEAD_TEMPLATE, context),
                    self.bridge.render(BODY_TEMPLATE, context))
        head, body = self.templates
        return head.render(context), body.render(context)


class PaperPages:
    """This build's paper pages: the shell, rendered once, and each page's parts."""

    def __init__(self, app: Sphinx, folder: str) -> None:
        self.app = app
        self.domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
        # The shell's file and page name, both in the papers' folder: each page's are the
        # shell's with its own stem (html: papers/<stem>.html, dirhtml: papers/<stem>/index.html).
        self.shell_path = Path(app.builder.get_outfilename(f"{folder}/{PAGE}")).relative_to(
            app.outdir).as_posix()
        scratch = Path(app.doctreedir) / "portfolio-paper-shell.html"  # never a page of the site
        render_page(app, f"{folder}/{PAGE}", TITLE, HEAD, BODY, outfilename=scratch)
        text = scratch.read_text(app.config.html_output_encoding)
        self.shell = Shell.parse(text)
        self.common = common_values(app, folder)
        self.parts_templates = Parts(app)
        #: What every page is made from (a change rewrites them all).
        self.shared = digest(repr((
            __version__, app.builder.name, app.config.html_output_encoding, text,
            self.parts_templates.sources, self.common)))

    def path(self, key: str) -> str:
        """Where the page of *key* is, relative to the output folder."""
        return self.shell_path.replace(PAGE, file_stem(key))

    def made_from(self, key: str) -> str:
        """A digest of everything the page of *key* is made from: the shell, the templates,
        the entry, where it is listed and the files it links."""
        pub = self.domain.publications[key]
        files = tuple(self.common.downloads.get(link.url, "") for link in pub.links if link.local)
        return digest(f"{self.shared} {self.domain.site.digests.get(key, '')} "
                      f"{self.domain.where_listed(key)} {files}")

    @cached_property
    def keys_by_path(self) -> dict[str, str]:
        """Each page's path -> its entry's citation key."""
        return {self.path(key): key for key in self.domain.keys}

    def made_from_all(self) -> str:
        """A digest of everything the pages are made from (what :meth:`made_from` digests for
        each), from the entries' digests: no record is read."""
        return digest(repr((self.shared, self.shell_path, list(self.domain.site.digests.items()),
                            self.domain.listings(), sorted(self.common.downloads.items()))))

    def parts(self, key: str) -> tuple[str, str, str, str]:
        """The page name, title (HTML), head and body of the page of *key*."""
        pub = self.domain.publications[key]
        pagename = paper_pagename(self.app.config, key)
        context = paper_context(self.app, self.common, pub, pagename,
                                self.domain.where_listed(key))
        return (pagename, page_title(pub), *self.parts_templates.render(context))

    def page(self, key: str) -> bytes | None:
        """The page of *key*, filled into the shell; ``None`` when the shell has no place for
        the parts, and the page was rendered through the theme and written instead."""
        pagename, title, head, body = self.parts(key)
        if self.shell is None:
            render_page(self.app, pagename, title, head, body)
            return None
        text = self.shell.fill(pagename.rpartition("/")[2], title, head, body)
        return text.encode(self.app.config.html_output_encoding, "xmlcharrefreplace")


def write_paper_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: write the paper page of every entry whose page changed, delete
    those of removed entries (of every entry, when paper pages are turned off). The pages are
    written here, so nothing is handed back to the builder."""
    if app.builder.name not in PAGE_BUILDERS:
        return []
    folder = app.config.portfolio_paper_pages.strip("/")
    if not folder:
        write_changed(app, "paper-pages", {}, lambda path: None)
        return []
    pages = PaperPages(app, folder)
    write_changed(app, "paper-pages",
                  lambda: {path: pages.made_from(key) for path, key in pages.keys_by_path.items()},
                  lambda path: pages.page(pages.keys_by_path[path]), whole=pages.made_from_all())
    return []


def setup_papers(app: Sphinx) -> None:
    app.connect("html-collect-pages", write_paper_pages)
