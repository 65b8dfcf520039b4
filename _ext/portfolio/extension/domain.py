"""State shared across documents: the loaded records and which page lists which entry.

Everything lives in domain data, which Sphinx pickles with the environment, clears per document
and merges after parallel reads, so incremental and ``-j`` builds see the same state.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.nodes import Element
from pygments.formatter import Formatter
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.highlighting import PygmentsBridge
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ..model import NewsItem, Profile, Publication

logger = logging.getLogger(__name__)


class PortfolioDomain(Domain):
    name = "portfolio"
    label = "Academic portfolio"
    initial_data: dict[str, Any] = {
        "publications": {},  # key -> Publication, loaded once per build when files change
        "fingerprint": None,  # what the loaded data was read from
        "profile": None,  # Profile or None
        "listed": {},  # key -> {docname: anchor id}
        "awaiting": {},  # docname -> optional files it would show once they exist
        "venues": {},  # badge text -> Venue, from the optional venues file
        "coauthors": {},  # name -> URL, from the optional co-authors file
        "news": [],  # NewsItem, newest first
        "news_pages": {},  # docname -> True when it lists every news item (no limit)
        "uses": {},  # docname -> {"lists": shows filtered lists, "keys": keys it references}
        "digests": None,  # key -> content digest, to find the pages an edit makes stale
        "pieces": {},  # digest of a BibTeX piece -> (line in it, parsed entry), for the next load
        "records": {},  # stamp -> Publication, for the next load (see data.publications.Reuse)
    }
    _formatter: tuple[PygmentsBridge, Formatter] | None = None

    def bibtex_formatter(self, highlighter: PygmentsBridge) -> Formatter:
        """The HTML formatter of *highlighter*, made once per build: making one takes longer
        than highlighting an entry. Kept on the domain object, which is not saved."""
        if self._formatter is None or self._formatter[0] is not highlighter:
            self._formatter = (highlighter, highlighter.get_formatter())
        return self._formatter[1]

    @property
    def publications(self) -> dict[str, Publication]:
        return self.data["publications"]

    @property
    def profile(self) -> Profile | None:
        return self.data["profile"]

    @property
    def news(self) -> list[NewsItem]:
        return self.data.setdefault("news", [])

    @property
    def news_pages(self) -> dict[str, bool]:
        return self.data.setdefault("news_pages", {})

    def note_publication_dependencies(self, keys: Iterable[str] | None = None) -> None:
        """Make the current page depend on the entries *keys*, or on every entry (a list whose
        filter may pick any of them); see :mod:`portfolio.dependencies`."""
        use = self.data["uses"].setdefault(self.env.docname, {"lists": False, "keys": set()})
        if keys is None:
            use["lists"] = True
        else:
            use["keys"].update(keys)

    def data_file(self, value: str) -> Path | None:
        """A data-file path from a directive, resolved and confined to the project."""
        from .loading import data_path

        return data_path(self.env.srcdir, Path(self.data.get("root", self.env.srcdir)), value)

    def await_file(self, path: Path) -> None:
        """Read the current page again once *path* exists. (A missing file cannot be a Sphinx
        dependency: Sphinx would read the page again on every build.)"""
        self.data.setdefault("awaiting", {}).setdefault(self.env.docname, set()).add(str(path))

    def pages_awaiting_files(self) -> list[str]:
        """Pages for which a file they were waiting for now exists."""
        return sorted(docname for docname, paths in self.data.setdefault("awaiting", {}).items()
                      if any(Path(path).exists() for path in paths))

    def anchor_for(self, docname: str, key: str) -> str | None:
        """Claim the anchor of *key* on *docname*; ``None`` if that page already lists it."""
        pages = self.data["listed"].setdefault(key, {})
        if docname in pages:
            return None
        anchor = nodes.make_id(f"pub-{key}")
        pages[docname] = anchor
        return anchor

    def clear_doc(self, docname: str) -> None:
        for pages in self.data["listed"].values():
            pages.pop(docname, None)
        self.data.setdefault("awaiting", {}).pop(docname, None)
        self.news_pages.pop(docname, None)
        self.data["uses"].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        wanted = set(docnames)
        for key, pages in otherdata["listed"].items():
            for docname, anchor in pages.items():
                if docname in wanted:
                    self.data["listed"].setdefault(key, {})[docname] = anchor
        for docname, paths in otherdata.get("awaiting", {}).items():
            if docname in wanted:
                self.data.setdefault("awaiting", {})[docname] = paths
        for docname, complete in otherdata.get("news_pages", {}).items():
            if docname in wanted:
                self.news_pages[docname] = complete
        for docname, use in otherdata["uses"].items():
            if docname in wanted:
                self.data["uses"][docname] = use

    def _target(self, fromdocname: str, key: str) -> tuple[str, str] | None:
        pages = self.data["listed"].get(key)
        if not pages:
            return None
        for docname in (self.env.config.portfolio_publications_page, fromdocname):
            if docname in pages:
                return docname, pages[docname]
        docname = min(pages)
        return docname, pages[docname]

    def where_listed(self, key: str) -> tuple[str, str] | None:
        """The page and anchor a reference to *key* goes to from a page that does not list it."""
        return self._target("", key)

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str,
                     target: str, node: pending_xref, contnode: Element) -> Element | None:
        found = self._target(fromdocname, target)
        if found is None:
            logger.warning(f"publication {target!r} is referenced but listed on no page, so the "
                           "reference is not a link; add it to a publications list",
                           location=node, type="portfolio", subtype="ref")
            return None
        docname, anchor = found
        title = self.publications[target].title if target in self.publications else target
        return make_refnode(builder, fromdocname, docname, anchor, contnode, title)

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                         target: str, node: pending_xref, contnode: Element):
        found = self._target(fromdocname, target)
        if found is None:
            return []
        docname, anchor = found
        return [("portfolio:pub", make_refnode(builder, fromdocname, docname, anchor, contnode))]
