"""The ``news`` directive: the news file's items, newest first, optionally the latest few."""

from __future__ import annotations

from typing import cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ...render.news import news_list
from ..domain import PortfolioDomain


class NewsDirective(SphinxDirective):
    """News from ``portfolio_news``; ``:limit:`` keeps the newest, ``:more:`` links the archive."""

    option_spec = {
        "limit": directives.nonnegative_int,
        "more": directives.unchanged_required,  # page with every item, e.g. "news"
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        news_file = domain.site.news_file
        if news_file is not None and news_file.exists():
            self.env.note_dependency(str(news_file))
        elif news_file is not None:
            domain.await_file(news_file)
        items = domain.news
        limit = self.options.get("limit")
        shown = items if limit is None else items[:limit]
        domain.note_news_page(len(shown) == len(items) and limit is None)
        if not shown:
            return []
        result = nodes.container(classes=["portfolio-news", *self.options.get("class", [])])
        result += news_list(shown)
        if "more" in self.options and len(shown) < len(items):
            result += self.more_link(self.options["more"])
        self.set_source_info(result)
        return [result]

    def more_link(self, target: str) -> nodes.paragraph:
        """"All news" as a reference to the archive page, resolved (and checked) by Sphinx."""
        ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=target,
                                    refdoc=self.env.docname, refexplicit=True, refwarn=True)
        ref += nodes.inline("All news", "All news", classes=["xref", "std", "std-doc"])
        return nodes.paragraph("", "", ref, classes=["news-more"])
