"""Importers: an existing Jekyll site (academicpages, al-folio) in, this project's files out.

An importer reads the old site into an :class:`ImportedSite` (plain data, no Sphinx) and
:mod:`portfolio.cli.write` turns that into ``refs.bib``, ``docs/_data/*.yaml`` and MyST
pages. Whatever an importer cannot map, or maps by a guess, becomes a located
:class:`~portfolio.model.Problem` in :attr:`ImportedSite.notices`, so nothing goes silently.
"""

from __future__ import annotations

import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Location, Problem

#: Called as ``progress(done, total, what)`` while an importer reads many files or entries.
Progress = Callable[[int, int, str], None]

#: Notice subtypes: content left out, and content mapped by a guess worth a look.
SKIPPED = "not_imported"
GUESSED = "check"


@dataclass
class BibRecord:
    """One BibTeX entry to write: fields in the order they are written (links in shown order)."""

    key: str
    entry_type: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportedSite:
    """Everything read from an old site, ready to be written as this project's files."""

    owner: str = ""  #: the site owner's name as shown in author lists
    entries: list[BibRecord] = field(default_factory=list)
    bib_text: str | None = None  #: a BibTeX file kept as it was (al-folio), instead of entries
    overlay: dict[str, dict[str, Any]] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)
    teaching: list[dict[str, Any]] = field(default_factory=list)
    service: list[dict[str, Any]] = field(default_factory=list)
    coauthors: dict[str, str] = field(default_factory=dict)  #: co-author name → page
    venues: dict[str, dict[str, str]] = field(default_factory=dict)  #: badge → url, color
    #: CV records by kind: ``education``, ``positions``, ``awards``, ``talks``
    cv: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: extra MyST pages by name (``"talks"`` → ``docs/talks.md``); ``"index"`` is the home page
    pages: dict[str, str] = field(default_factory=dict)
    #: files to copy as they are: path in the new site → file of the old one
    files: dict[str, Path] = field(default_factory=dict)
    #: conf.py values that differ from a new site's (``portfolio_author_notes``, ...)
    settings: dict[str, Any] = field(default_factory=dict)
    notices: list[Problem] = field(default_factory=list)
    owner_unmatched: bool = False  #: the owner's name matches no imported author (a notice says so)
    counts: Counter = field(default_factory=Counter)  #: what was imported, by kind (singular)
    root: Path | None = None  #: the old site's folder: no file from outside it is read

    def readable(self, path: Path) -> bool:
        """Whether *path* may be read: a regular file (not a pipe or a device, which would
        make the import wait) inside the old site once links are followed. A file that is
        not is named in the summary."""
        try:
            resolved = path.resolve()
            regular = stat.S_ISREG(resolved.stat().st_mode)
        except (OSError, RuntimeError):
            return False  # missing, or a loop of links: callers report what is missing
        inside = self.root is None or resolved.is_relative_to(self.root.resolve())
        if not inside:
            self.skipped(f"{path.name} is a link to a file outside the site; not read", path)
        elif not regular:
            self.skipped(f"{path.name} is not a regular file; not read", path)
        return inside and regular

    def empty(self) -> bool:
        """Whether nothing at all was read (the path is probably not a site of this kind)."""
        return not (self.entries or self.bib_text or self.profile or self.teaching
                    or self.service or self.cv or self.coauthors or self.venues or self.pages)

    def skipped(self, message: str, path: Path | str, line: int | None = None) -> None:
        self.notices.append(Problem(message, Location(str(path), line), SKIPPED))

    def guessed(self, message: str, path: Path | str, line: int | None = None) -> None:
        self.notices.append(Problem(message, Location(str(path), line), GUESSED))
