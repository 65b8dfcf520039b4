"""The ``pub`` role: ``{pub}`key``` shows "Caravan [OSDI 2024]" and links to the listed entry."""

from __future__ import annotations

from typing import cast

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from .domain import PortfolioDomain

logger = logging.getLogger(__name__)


class PubRole(SphinxRole):
    """``{pub}`key``` or ``{pub}`Other title <key>```; the bracketed venue follows the title."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        explicit, title, key = split_explicit_title(self.text)
        key = key.strip()
        domain.note_publication_dependencies([key])
        pub = domain.publications.get(key)
        if pub is None:
            logger.warning(f"unknown publication key {key!r} in {{pub}}; check the citation key "
                           "in refs.bib", location=self.get_location(), type="portfolio",
                           subtype="ref")
            return [nodes.inline(self.rawtext, key, classes=["pub-ref", "pub-ref-missing"])], []
        text = title if explicit else pub.short_title
        xref = addnodes.pending_xref(
            "", nodes.inline(text, text, classes=["pub-ref-title"]),
            refdomain="portfolio", reftype="pub", reftarget=key, refexplicit=explicit,
            refdoc=self.env.docname)
        self.set_source_info(xref)
        node = nodes.inline("", "", xref, classes=["pub-ref"])
        if pub.short_reference:
            node += nodes.Text(f" [{pub.short_reference}]")
        return [node], []
