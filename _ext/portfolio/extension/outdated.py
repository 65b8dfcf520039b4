"""Which pages an edit of the data makes stale, entry by entry.

Sphinx's ``note_dependency`` works per file: an edit of one entry in ``refs.bib`` would re-read
every page that mentions any entry, and pages that only cite through a role would not be
rewritten at all. Instead each page records what it uses (whole lists, or single keys), each
entry has a content digest (made by the load), and after the data is reloaded only the pages
whose entries changed are read again (``env-get-outdated``). After reading, pages whose
references resolve differently (a ``{pub}`` target moved, a ``{cite}`` label or entry changed)
are written again (``env-updated``), so an incremental build equals a fresh one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex.domain import BibtexDomain

from ..data.digest import digest
from .domain import PortfolioDomain


def outdated_pages(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                   removed: set[str]) -> list[str]:
    """``env-get-outdated``: the pages showing a changed entry, and those waiting for a data
    file that now exists; every page after a profile edit (the profile is in every sidebar)."""
    domain = cast(PortfolioDomain, env.get_domain("portfolio"))
    changes = domain.take_changes()
    if changes.everything:
        return sorted(env.found_docs - removed)
    stale = {docname for docname, use in domain.page_uses().items()
             if (changes.lists and use.lists) or use.keys & changes.keys}
    return sorted((stale | set(domain.pages_awaiting_files())) & env.found_docs - removed)


def _pub_targets(domain: PortfolioDomain) -> dict[str, tuple[tuple[str, str], ...]]:
    return {key: tuple(sorted(pages.items())) for key, pages in domain.listed().items()}


def _cite_entries(env: BuildEnvironment) -> dict[str, str]:
    """What a ``{cite}`` of each key resolves to: its bibliography, label and formatted text."""
    cite = cast(BibtexDomain, env.get_domain("cite"))
    result: dict[str, list[str]] = {}
    for citation in cite.citations:
        entry = citation.formatted_entry
        result.setdefault(citation.key, []).append(repr((
            citation.citation_id, citation.bibliography_key, entry.label, repr(entry.text),
            repr(citation.tooltip_entry.text) if citation.tooltip_entry else None)))
    return {key: digest("".join(parts)) for key, parts in result.items()}


def _changed(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> set[str]:
    if old is None:
        return set()
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def rewritten_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: pages whose ``{pub}`` or ``{cite}`` references now resolve differently,
    though the pages themselves did not change; they are written again."""
    domain = cast(PortfolioDomain, env.get_domain("portfolio"))
    targets, cites = _pub_targets(domain), _cite_entries(env)
    seen_targets, seen_cites = domain.seen(targets, cites)
    moved, recited = _changed(seen_targets, targets), _changed(seen_cites, cites)
    pages = {docname for docname, use in domain.page_uses().items() if use.keys & moved}
    if recited:
        cite = cast(BibtexDomain, env.get_domain("cite"))
        pages |= {ref.docname for ref in cite.citation_refs
                  if any(target.key in recited for target in ref.targets)}
    if _unfinished(app).exists():
        pages |= env.found_docs  # the last build stopped before all its pages were written
    # Sphinx saves the environment next, then writes: until this build finishes, a build that
    # starts from that environment cannot tell which pages were written.
    _unfinished(app).touch()
    return sorted(pages & env.found_docs)


def _unfinished(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "portfolio-unfinished-build"


def build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is None:
        _unfinished(app).unlink(missing_ok=True)


def setup_dependencies(app: Sphinx) -> None:
    app.connect("env-get-outdated", outdated_pages)
    # After sphinxcontrib-bibtex (priority 500) has formatted this build's citations.
    app.connect("env-updated", rewritten_pages, priority=900)
    # After every other extension's step at the end of the build.
    app.connect("build-finished", build_finished, priority=900)
