"""The ``publications`` directive: a filtered, sorted, grouped list from ``refs.bib``; and
``publication-stats``: how many of the same entries there are per year or type.

The directive chooses the entries, claims their anchors and checks its options while the page is
read, and leaves a :class:`pending_publications` node; :class:`RenderPublicationLists` renders it
when the page is written. Sphinx's read-time transforms (smart quotes and the like) then never
walk a long list, and the pickled page stays small. The only nodes of a list that Sphinx must see
while reading, preview images and file downloads, are made at once and kept in the pending node.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ...model import Publication
from ...query.filters import FilterError, compile_filter
from ...query.select import GROUPS, SORTS, Query, group, parse_years, select
from ...render.publications import TOGGLES, Output, collected_files, file_nodes, publication_list
from ...web.paths import BIB_BUILDERS, PAGE_BUILDERS, bib_path, paper_pagename
from ..collector import pause, resume
from ..domain import PortfolioDomain
from ..loading import publication_style

logger = logging.getLogger(__name__)


#: Options of ``publications`` that change how a list looks, which counts do not have.
_LOOK_OPTIONS = frozenset({"sort", "group", "toggles", "max-authors", "numbered", "counts"})


class pending_publications(nodes.General, nodes.Element):
    """A publication list to render when the page is written: ``groups`` (heading and keys),
    ``anchors`` (key to id), the list's look (``toggles``, ``max_authors``, ``numbered``,
    ``counts``); its children are the list's collected files."""


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip().casefold() for w in text.split(",") if w.strip())


class PublicationsDirective(SphinxDirective):
    """List publications. Options narrow, order and group the list; all are optional."""

    has_content = False
    option_spec = {
        "year": directives.unchanged_required,  # 2024, 2022-2024, 2022-
        "type": directives.unchanged_required,  # article, inproceedings, ...
        "keyword": directives.unchanged_required,  # comma-separated topics
        "selected": directives.flag,
        "filter": directives.unchanged_required,  # expression, see portfolio.filters
        "keys": directives.unchanged_required,  # explicit keys, in order
        "sort": directives.unchanged_required,
        "group": directives.unchanged_required,
        "limit": directives.unchanged_required,
        "class": directives.class_option,
        "toggles": directives.unchanged,  # abstract, bibtex, or none
        "max-authors": directives.unchanged_required,
        "numbered": directives.flag,
        "counts": directives.flag,
    }

    def warn(self, message: str, subtype: str = "option") -> None:
        logger.warning(message, location=self.get_location(), type="portfolio", subtype=subtype)

    def query(self) -> Query:
        """Read the options; a bad value is reported and that option ignored."""
        options = self.options
        years = None
        if "year" in options:
            try:
                years = parse_years(options["year"])
            except ValueError:
                self.warn(f":year: {options['year']!r} is not a year or range; write 2024, "
                          "2022-2024 or 2022-")
        predicate = None
        if "filter" in options:
            try:
                predicate = compile_filter(options["filter"])
            except FilterError as exc:
                self.warn(f"{exc}; the filter is ignored", subtype="filter")
        sort = options.get("sort", "newest").strip()
        if sort not in SORTS:
            self.warn(f":sort: {sort!r} is not an order; choose one of {', '.join(SORTS)}")
            sort = "newest"
        how = options.get("group", "none").strip()
        if how not in GROUPS:
            self.warn(f":group: {how!r} is not a grouping; choose one of {', '.join(GROUPS)}")
            how = "none"
        limit = self.number("limit")
        return Query(
            keys=tuple(k.strip() for k in options.get("keys", "").split(",") if k.strip()),
            years=years,
            types=_words(options.get("type", "")),
            keywords=_words(options.get("keyword", "")),
            selected="selected" in options,
            predicate=predicate,
            sort=sort,
            tiebreak=self.config.portfolio_sort_within,
            group=how,
            limit=limit,
        )

    def number(self, name: str) -> int | None:
        """A whole-number option, or ``None`` (with a warning when it is not one)."""
        if name not in self.options:
            return None
        try:
            return directives.nonnegative_int(self.options[name])
        except ValueError:
            self.warn(f":{name}: {self.options[name]!r} is not a whole number")
            return None

    def look(self) -> dict[str, object]:
        """This list's ``:toggles:`` and ``:max-authors:`` (``None``: as configured)."""
        toggles = None
        if "toggles" in self.options:
            words = _words(self.options["toggles"] or "none") - {"none"}
            unknown = sorted(words - set(TOGGLES))
            if unknown:
                self.warn(f":toggles: {', '.join(unknown)} unknown; choose from "
                          f"{', '.join(TOGGLES)} or none")
            toggles = sorted(words & set(TOGGLES))
        return {"toggles": toggles, "max_authors": self.number("max-authors"),
                "numbered": "numbered" in self.options, "counts": "counts" in self.options}

    def chosen(self, domain: PortfolioDomain) -> tuple[Query, list[Publication]]:
        domain.note_publication_dependencies()
        query = self.query()
        for key in query.keys:
            if key not in domain.publications:
                self.warn(f":keys: names {key!r}, which is not in the BibTeX file", "ref")
        return query, select(domain.publications.values(), query)

    def groups(self, query: Query,
               chosen: list[Publication]) -> list[tuple[str, list[Publication]]]:
        return group(chosen, query.group, self.config.portfolio_type_groups,
                     self.config.portfolio_topics)

    def run(self) -> list[nodes.Node]:
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        query, chosen = self.chosen(domain)
        container = nodes.container(classes=["portfolio-publications", *self.options.get("class", [])])
        self.set_source_info(container)
        anchors = {}
        for pub in chosen:
            anchor = domain.anchor_for(self.env.docname, pub.key)
            if anchor:
                anchors[pub.key] = anchor
        groups = self.groups(query, chosen)
        pending = pending_publications(
            groups=[(heading, [pub.key for pub in pubs]) for heading, pubs in groups],
            anchors=anchors, **self.look())
        for pub in (pub for _, pubs in groups for pub in pubs):  # an entry may be in two groups
            for node in file_nodes(pub):
                # Sphinx's own warnings (a preview or PDF file missing) then point at the list.
                self.set_source_info(node)
                pending += node
        container += pending
        return [container]


def _builder(transform: SphinxPostTransform) -> Builder:
    """The builder writing the page. Sphinx 9 deprecates ``SphinxTransform.app`` and gives
    post-transforms no other way to it; its own read it from the environment, as here."""
    app = getattr(transform.env, "_app", None)
    return app.builder if app is not None else transform.app.builder


class RenderPublicationLists(SphinxPostTransform):
    """Render each :class:`pending_publications` node, for builders other than HTML.

    A list makes its own links (it knows the builder and the page) and holds no ``only``
    nodes, and its images were collected and converted while they sat in the pending node, so
    it is rendered after Sphinx has resolved references (priority 10), ``only`` nodes (50) and
    images (100-200): none of those walks the long list. It is rendered before the transforms
    that read links: LaTeX's URL footnotes (400) and linkcheck (800).
    """

    default_priority = 390

    def is_supported(self) -> bool:
        return _builder(self).format != "html" and super().is_supported()

    def run(self, **kwargs: object) -> None:
        resume()  # the page written before this one is done
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        base = publication_style(self.env)
        output = self.output()
        for pending in list(self.document.findall(pending_publications)):
            style = base
            if pending["toggles"] is not None:
                style = dataclasses.replace(style, toggles=frozenset(pending["toggles"]))
            if pending["max_authors"] is not None:
                style = dataclasses.replace(style, max_authors=pending["max_authors"])
            groups = [(heading, [domain.publications[key] for key in keys
                                 if key in domain.publications])
                      for heading, keys in pending["groups"]]
            files = collected_files(pending.children)
            pause()  # until the page is written (see portfolio.collector)
            rendered = publication_list(
                groups, style, pending["anchors"], numbered=pending["numbered"],
                counts=pending["counts"], files=files, output=output)
            pending.replace_self(rendered)

    def output(self) -> Output:
        """What this builder writes: ``.bib`` files, paper pages, images."""
        builder, docname, config = _builder(self), self.env.docname, self.config
        bib_uri = paper_uri = None
        if builder.name in BIB_BUILDERS:
            page = builder.get_target_uri(docname)

            def bib_uri(key: str) -> str:
                return relative_uri(page, bib_path(key))
        if builder.name in PAGE_BUILDERS and config.portfolio_paper_pages:

            def paper_uri(key: str) -> str:
                return builder.get_relative_uri(docname, paper_pagename(config, key))
        return Output(bib_uri=bib_uri, paper_uri=paper_uri, images=builder.format != "text",
                      block_text=builder.format != "html")


class RenderPublicationListsForHtml(RenderPublicationLists):
    """Render each :class:`pending_publications` node, for HTML builders: after every
    post-transform of Sphinx and the theme (up to 401). Those that remain would walk the long
    list for nothing: code-block languages and doctest flags (a BibTeX block has its language;
    nothing else is code) and the theme's shortening of link text that is a GitHub address
    (the list's links have labels)."""

    default_priority = 500

    def is_supported(self) -> bool:
        return _builder(self).format == "html" and SphinxPostTransform.is_supported(self)


class PublicationStatsDirective(PublicationsDirective):
    """Counts of the entries the same options choose, per year (``:by: year``, the default) or
    per type heading (``:by: type``), and the total."""

    option_spec = {name: spec for name, spec in PublicationsDirective.option_spec.items()
                   if name not in _LOOK_OPTIONS} | {"by": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        query, chosen = self.chosen(domain)
        by = self.options.get("by", "year").strip()
        if by not in ("year", "type"):
            self.warn(f":by: {by!r} is not a grouping; choose year or type")
            by = "year"
        if by == "year":
            counts = Counter(p.year for p in chosen)
            rows = [(str(year), counts[year])
                    for year in sorted((y for y in counts if y), reverse=True)]
            if None in counts:
                rows.append(("Undated", counts[None]))
        else:
            rows = [(heading, len(pubs)) for heading, pubs in
                    group(chosen, "type", self.config.portfolio_type_groups)]
        table = nodes.bullet_list(classes=["pub-stats", f"pub-stats-{by}"])
        for label, count in rows:
            number = str(count)
            table += nodes.list_item("", nodes.paragraph(
                "", "", nodes.inline(label, label, classes=["pub-stats-label"]), nodes.Text(": "),
                nodes.inline(number, number, classes=["pub-stats-count"])))
        total = nodes.paragraph("", f"{len(chosen)} publications", classes=["pub-stats-total"])
        container = nodes.container("", total, table,
                                    classes=["portfolio-stats", *self.options.get("class", [])])
        self.set_source_info(container)
        return [container]
