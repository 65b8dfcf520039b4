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
from collections.abc import Callable
from typing import ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ...model import Location, Problem, Publication
from ...query.options import read_look, read_query, read_stats_grouping, unknown_keys
from ...query.select import Query, group, select
from ...render.publications import (
    Output,
    collected_files,
    file_nodes,
    number_prefixes,
    publication_list,
)
from ...web.paths import BIB_BUILDERS, PAGE_BUILDERS, bib_path, paper_pagename
from ..domain import PortfolioDomain
from ..loading import publication_style
from ..report import report

#: Options of ``publications`` that change how a list looks, which counts do not have.
_LOOK_OPTIONS = frozenset({"sort", "group", "toggles", "max-authors", "numbered", "counts"})


class pending_publications(nodes.General, nodes.Element):
    """A publication list to render when the page is written: ``groups`` (heading and keys),
    ``anchors`` (key to id), the list's look (``toggles``, ``max_authors``, ``numbered``,
    ``labels``, ``descending``, ``counts``); its children are the list's collected files."""


class PublicationsDirective(SphinxDirective):
    """List publications. Options narrow, order and group the list; all are optional."""

    has_content = False
    option_spec: ClassVar = {
        "year": directives.unchanged_required,  # 2024, 2022-2024, 2022-
        "type": directives.unchanged_required,  # article, inproceedings, ...
        "keyword": directives.unchanged_required,  # comma-separated topics
        "selected": directives.flag,
        "filter": directives.unchanged_required,  # expression, see portfolio.query.filters
        "keys": directives.unchanged_required,  # explicit keys, in order
        "sort": directives.unchanged_required,
        "group": directives.unchanged_required,
        "limit": directives.unchanged_required,
        "class": directives.class_option,
        "toggles": directives.unchanged,  # abstract, bibtex, or none
        "max-authors": directives.unchanged_required,
        "numbered": directives.unchanged,  # 1, 2, 3; or "type": C1, C2, ... per type heading
        "counts": directives.flag,
    }

    def warn(self, problems: list[Problem]) -> None:
        """Report problems of the options, located at this directive."""
        source, line = self.get_source_info()
        report(dataclasses.replace(p, location=Location(source, line)) for p in problems)

    def chosen(self, domain: PortfolioDomain) -> tuple[Query, list[Publication]]:
        domain.note_publication_dependencies()
        query, messages = read_query(self.options, self.config.portfolio_sort_within)
        self.warn(messages + unknown_keys(query, domain.publications))
        return query, select(domain.publications.values(), query)

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
        groups = group(chosen, query.group, self.config.portfolio_type_groups,
                       self.config.portfolio_topics)
        look, messages = read_look(self.options)
        self.warn(messages)
        pending = pending_publications(
            groups=[(heading, [pub.key for pub in pubs]) for heading, pubs in groups],
            anchors=anchors, toggles=look.toggles, max_authors=look.max_authors,
            numbered=look.numbered, labels=look.labels, descending=query.sort == "newest",
            counts=look.counts)
        for pub in (pub for _, pubs in groups for pub in pubs):  # an entry may be in two groups
            for node in file_nodes(pub):
                # Sphinx's own warnings (a preview or PDF file missing) then point at the list.
                self.set_source_info(node)
                pending += node
        container += pending
        return [container]


class RenderPublicationLists(SphinxPostTransform):
    """Render each :class:`pending_publications` node when its page is written.

    A list makes its own links (it knows the builder and the page) and holds no ``only``
    nodes, and its images were collected and converted while they sat in the pending node, so
    it is rendered after Sphinx has resolved references (priority 10), ``only`` nodes (50) and
    images (100-200), none of which then walks the long list. For HTML it is rendered after
    every other post-transform: the code-block and link-shortening passes (400-401) have
    nothing to do in a list and would walk it for nothing. For other builders it is rendered
    before the passes that read links: LaTeX's URL footnotes (400) and linkcheck (800).
    """

    #: The builder writing the page; set by :func:`add_render_transform` (a post-transform
    #: has no public way to it).
    builder: Callable[[], Builder]

    def run(self, **kwargs: object) -> None:
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
            labels = None
            if pending.get("labels"):
                labels = number_prefixes([heading for heading, _ in groups],
                                         self.config.portfolio_number_prefixes)
            rendered = publication_list(
                groups, style, pending["anchors"], numbered=pending["numbered"],
                counts=pending["counts"], files=collected_files(pending.children),
                output=output, labels=labels, descending=pending.get("descending", False))
            pending.replace_self(rendered)

    def output(self) -> Output:
        """What this builder writes: ``.bib`` files, paper pages, images."""
        builder, docname, config = self.builder(), self.env.docname, self.config
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


def add_render_transform(app: Sphinx) -> None:
    """``builder-inited``: :class:`RenderPublicationLists`, bound to *app* and at the priority
    its builder needs (see the class)."""
    priority = 500 if app.builder.format == "html" else 390
    app.add_post_transform(type("RenderPublicationLists", (RenderPublicationLists,), {
        "builder": staticmethod(lambda: app.builder), "default_priority": priority}))


class PublicationStatsDirective(PublicationsDirective):
    """Counts of the entries the same options choose, per year (``:by: year``, the default) or
    per type heading (``:by: type``), and the total."""

    option_spec: ClassVar = {
        name: spec for name, spec in PublicationsDirective.option_spec.items()
        if name not in _LOOK_OPTIONS} | {"by": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        _, chosen = self.chosen(domain)
        by, messages = read_stats_grouping(self.options)
        self.warn(messages)
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
