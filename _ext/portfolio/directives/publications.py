"""The ``publications`` directive: a filtered, sorted, grouped list from ``refs.bib``."""

from __future__ import annotations

from typing import cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..domain import PortfolioDomain
from ..filters import FilterError, compile_filter
from ..query import GROUPS, SORTS, Query, group, parse_years, select
from ..render.publications import publication_list
from ..site_data import publication_style

logger = logging.getLogger(__name__)


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
        limit = None
        if "limit" in options:
            try:
                limit = directives.nonnegative_int(options["limit"])
            except ValueError:
                self.warn(f":limit: {options['limit']!r} is not a whole number")
        return Query(
            keys=tuple(k.strip() for k in options.get("keys", "").split(",") if k.strip()),
            years=years,
            types=_words(options.get("type", "")),
            keywords=_words(options.get("keyword", "")),
            selected="selected" in options,
            predicate=predicate,
            sort=sort,
            group=how,
            limit=limit,
        )

    def run(self) -> list[nodes.Node]:
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        domain.note_publication_dependencies()
        query = self.query()
        for key in query.keys:
            if key not in domain.publications:
                self.warn(f":keys: names {key!r}, which is not in the BibTeX file", "ref")
        chosen = select(domain.publications.values(), query)
        groups = group(chosen, query.group, self.config.portfolio_type_groups)

        container = nodes.container(classes=["portfolio-publications", *self.options.get("class", [])])
        container.extend(publication_list(
            groups, publication_style(self.env),
            lambda pub: domain.anchor_for(self.env.docname, pub.key)))
        self.set_source_info(container)
        return [container]
