"""The marks after author names that the imported entries use, and what each means: the words
of the old site's legend where it has one. A mark it does not explain is shown without a legend
rather than with a meaning guessed for it: a dagger is "corresponding author" on one site and
"core contributor" on another."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..options import DEFAULTS
from . import ImportedSite
from .authors import MARK_NOTES

#: An ``author+an`` field's value in BibTeX text.
ANNOTATION = re.compile(r"\bauthor\+an\s*=\s*\{([^{}]*)\}", re.I)


def note_marks(site: ImportedSite, annotations: Iterable[str], where: Path) -> None:
    """Give the notes *annotations* (``author+an`` values: ``1=equal; 3=corresponding``) use
    the legend of the old site's words, or none."""
    used = dict.fromkeys(name.strip() for value in annotations for part in value.split(";")
                         for name in part.partition("=")[2].split(",") if name.strip())
    given = site.settings.get("portfolio_author_notes", {})
    notes = {**DEFAULTS["portfolio_author_notes"], **given}
    markers = {name: mark for mark, name in MARK_NOTES.items()} | {
        name: note[0] for name, note in notes.items()}
    unexplained = [name for name in used if name not in given and name in markers]
    if not unexplained:
        return
    for name in unexplained:
        notes[name] = [markers[name], ""]
    site.settings["portfolio_author_notes"] = notes
    marks = " and ".join(notes[name][0] for name in unexplained)
    site.guessed(f"the old site does not say what {marks} after author names mean, so the site "
                 "shows them without a legend; write their meaning in portfolio_author_notes "
                 "in conf.py", where)
