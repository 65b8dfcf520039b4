"""State shared across documents: the loaded site data and what each page uses.

All of it is one typed :class:`PortfolioState` in the domain's data, which Sphinx pickles with
the environment, clears per document and merges after parallel reads, so incremental and ``-j``
builds see the same state. Other modules reach it only through :class:`PortfolioDomain`'s
methods.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
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

from ..data.site import SiteData, SiteSettings, record_file
from ..model import NewsItem, Problem, Profile, Publication, Venue
from ..text.names import Name

logger = logging.getLogger(__name__)


@dataclass
class PageUse:
    """What one page shows of the publications: whole lists (a filter may pick any entry) and
    the keys it names."""

    lists: bool = False
    keys: set[str] = field(default_factory=set)


@dataclass
class Changes:
    """What the last load changed, until the pages it makes stale are read again."""

    keys: set[str] = field(default_factory=set)  #: entries whose content changed
    lists: bool = False  #: entries added, removed or reordered: every list may change
    everything: bool = False  #: the profile changed: it is on every page


@dataclass
class PortfolioState:
    settings: SiteSettings | None = None  #: this build's, set when it starts
    site: SiteData = field(default_factory=SiteData)
    loaded: bool = False  #: whether :attr:`site` was loaded once (a saved environment)
    changes: Changes = field(default_factory=Changes)
    shared: str = ""  #: digest of what every entry shows (venue badges, co-author links)
    listed: dict[str, dict[str, str]] = field(default_factory=dict)  #: key -> {page: anchor}
    uses: dict[str, PageUse] = field(default_factory=dict)  #: page -> what it shows
    awaiting: dict[str, set[str]] = field(default_factory=dict)  #: page -> files it awaits
    news_pages: dict[str, bool] = field(default_factory=dict)  #: page -> lists every item
    #: What references resolved to when the pages were last written (see outdated.py).
    seen_targets: dict[str, Any] | None = None
    seen_cites: dict[str, str] | None = None


class PortfolioDomain(Domain):
    name = "portfolio"
    label = "Academic portfolio"
    initial_data: dict[str, Any] = {"state": PortfolioState()}  # noqa: RUF012 - Sphinx copies it
    #: The BibTeX blocks' HTML formatter, made once per build (see :meth:`bibtex_formatter`).
    _formatter: tuple[PygmentsBridge, Formatter] | None = None

    @property
    def state(self) -> PortfolioState:
        return self.data["state"]

    # ---------------------------------------------------------------- the site's data

    @property
    def site(self) -> SiteData:
        return self.state.site

    @property
    def publications(self) -> dict[str, Publication]:
        return self.state.site.publications

    @property
    def keys(self) -> Iterable[str]:
        """The entries' citation keys, in file order, without unpacking the records of a saved
        environment (see :mod:`portfolio.data.packed`)."""
        return self.state.site.digests.keys()

    @property
    def profile(self) -> Profile | None:
        return self.state.site.profile

    @property
    def news(self) -> list[NewsItem]:
        return self.state.site.news

    @property
    def venues(self) -> dict[str, Venue]:
        return self.state.site.venues

    @property
    def coauthors(self) -> dict[str, str]:
        return self.state.site.coauthors

    @property
    def owner(self) -> tuple[Name, ...]:
        return self.state.site.owner

    @property
    def settings(self) -> SiteSettings:
        settings = self.state.settings
        assert settings is not None, "the data is loaded at builder-inited"
        return settings

    def set_settings(self, settings: SiteSettings) -> None:
        self.state.settings = settings

    def record_file(self, kind: str, argument: str) -> tuple[Path | None, Problem | None]:
        """The file a records directive on the current page reads (see
        :func:`portfolio.data.site.record_file`)."""
        return record_file(self.settings, kind, argument, Path(self.env.doc2path(self.env.docname)))

    def set_site(self, site: SiteData, shared: str) -> None:
        """Keep a new load, noting what changed since the previous one: the entries whose
        digest differs, a change of order, and the profile (on every page). *shared* stands
        for what every entry shows (a change there makes every entry stale)."""
        state = self.state
        old = state.site
        if state.loaded:
            stale = {key for key in old.digests.keys() | site.digests.keys()
                     if old.digests.get(key) != site.digests.get(key)}
            if shared != state.shared:
                stale |= old.digests.keys() | site.digests.keys()
            state.changes.keys |= stale
            state.changes.lists |= bool(stale) or list(old.digests) != list(site.digests)
            state.changes.everything |= old.profile != site.profile
        state.site, state.shared, state.loaded = site, shared, True

    def take_changes(self) -> Changes:
        """What changed since the pages were last read; forgotten once taken."""
        changes, self.state.changes = self.state.changes, Changes()
        return changes

    # ---------------------------------------------------------------- what pages use

    def note_publication_dependencies(self, keys: Iterable[str] | None = None) -> None:
        """Make the current page depend on the entries *keys*, or on every entry (a list whose
        filter may pick any of them); see :mod:`portfolio.extension.outdated`."""
        use = self.state.uses.setdefault(self.env.docname, PageUse())
        if keys is None:
            use.lists = True
        else:
            use.keys.update(keys)

    def page_uses(self) -> dict[str, PageUse]:
        return self.state.uses

    def await_file(self, path: Path) -> None:
        """Read the current page again once *path* exists. (A missing file cannot be a Sphinx
        dependency: Sphinx would read the page again on every build.)"""
        self.state.awaiting.setdefault(self.env.docname, set()).add(str(path))

    def pages_awaiting_files(self) -> list[str]:
        """Pages for which a file they were waiting for now exists."""
        return sorted(docname for docname, paths in self.state.awaiting.items()
                      if any(Path(path).exists() for path in paths))

    def note_news_page(self, complete: bool) -> None:
        """The current page shows the news: every item (*complete*) or the latest few."""
        self.state.news_pages[self.env.docname] = complete

    def news_pages(self) -> dict[str, bool]:
        return self.state.news_pages

    def anchor_for(self, docname: str, key: str) -> str | None:
        """Claim the anchor of *key* on *docname*; ``None`` if that page already lists it."""
        pages = self.state.listed.setdefault(key, {})
        if docname in pages:
            return None
        anchor = nodes.make_id(f"pub-{key}")
        pages[docname] = anchor
        return anchor

    def listed(self) -> dict[str, dict[str, str]]:
        """Citation key -> the pages that list it and its anchor there."""
        return self.state.listed

    def seen(self, targets: dict[str, Any], cites: dict[str, str]
             ) -> tuple[dict[str, Any] | None, dict[str, str] | None]:
        """Keep what references resolve to now; return what they resolved to before."""
        state = self.state
        before = state.seen_targets, state.seen_cites
        state.seen_targets, state.seen_cites = targets, cites
        return before

    def clear_doc(self, docname: str) -> None:
        state = self.state
        for pages in state.listed.values():
            pages.pop(docname, None)
        state.awaiting.pop(docname, None)
        state.news_pages.pop(docname, None)
        state.uses.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        wanted = set(docnames)
        state, other = self.state, otherdata["state"]
        for key, pages in other.listed.items():
            for docname, anchor in pages.items():
                if docname in wanted:
                    state.listed.setdefault(key, {})[docname] = anchor
        for mine, theirs in ((state.awaiting, other.awaiting), (state.news_pages, other.news_pages),
                             (state.uses, other.uses)):
            mine.update((docname, value) for docname, value in theirs.items()
                        if docname in wanted)

    # ---------------------------------------------------------------- references

    def _target(self, fromdocname: str, key: str) -> tuple[str, str] | None:
        pages = self.state.listed.get(key)
        if not pages:
            return None
        for docname in (self.env.config.portfolio_publications_page, fromdocname):
            if docname in pages:
                return docname, pages[docname]
        docname = min(pages)
        return docname, pages[docname]

    def listings(self) -> tuple[str, dict[str, dict[str, str]]]:
        """What :meth:`where_listed` answers from, for digests: the publications page setting
        and where each entry is listed."""
        return self.env.config.portfolio_publications_page, self.state.listed

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

    # ---------------------------------------------------------------- writing

    def bibtex_formatter(self, highlighter: PygmentsBridge) -> Formatter:
        """The HTML formatter of *highlighter*, made once per build: making one takes longer
        than highlighting an entry. Kept on the domain object, which is not saved."""
        if self._formatter is None or self._formatter[0] is not highlighter:
            self._formatter = (highlighter, highlighter.get_formatter())
        return self._formatter[1]
