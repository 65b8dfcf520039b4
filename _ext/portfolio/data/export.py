"""One BibTeX entry as a citation manager wants it: the site's own fields left out, LaTeX kept.

pybtex's writer re-encodes values as LaTeX, which doubles the escapes a ``.bib`` already holds
(``\\&`` becomes ``\\\\&``), so values are written here as they were read, in braces. Fields are
removed whole, by name (:data:`portfolio.data.fields.SITE_ONLY`), never by cutting text.
"""

from __future__ import annotations

from collections.abc import Callable

from pybtex.database import Entry, Person

from .fields import SITE_ONLY


def entry_bibtex(key: str, entry: Entry, name: Callable[[Person], str] = str) -> str:
    """The entry as BibTeX text: persons first, then the fields in their order, site fields out.
    *name* writes a person as BibTeX does (``str``, or a function that remembers them)."""
    lines = [f"@{entry.original_type}{{{key},"]
    for role, persons in entry.persons.items():
        if role.lower() not in SITE_ONLY:
            lines.append(f"  {role} = {{{' and '.join(name(p) for p in persons)}}},")
    for name, value in entry.fields.items():
        if name.lower() not in SITE_ONLY:
            lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"
