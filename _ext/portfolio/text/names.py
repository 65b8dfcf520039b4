"""Author names: pybtex ``Person`` to display form, and matching the site owner's variants.

Matching compares surnames without accents or case, then given names allowing initials, so
"Zhang, Q." and "Qizheng Zhang" match while "Ziyi Zhang" does not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from pybtex.database import Person

from ..model import Author
from .latex import latex_to_text

#: A name as matching reads it: folded given names and surname words.
Name = tuple[tuple[str, ...], tuple[str, ...]]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def author_from_person(person: Person, notes: tuple[str, ...] = ()) -> Author:
    """Decode a parsed BibTeX name into an :class:`Author`."""
    first = " ".join(latex_to_text(p) for p in person.first_names + person.middle_names)
    last = " ".join(latex_to_text(p) for p in person.prelast_names + person.last_names)
    lineage = " ".join(latex_to_text(p) for p in person.lineage_names)
    if last.lower() == "others" and not first:
        return Author(name="et al.", first="", last="", notes=notes, others=True)
    name = " ".join(p for p in (first, last) if p)
    if lineage:
        name = f"{name}, {lineage}"
    return Author(name=name, first=first, last=last, notes=notes)


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_fold(text)))


@lru_cache(maxsize=4096)
def parse_name(text: str) -> Name:
    """Split a configured name ("Qizheng Zhang" or "Zhang, Q.") into folded (given, surname)."""
    person = Person(text)
    author = author_from_person(person)
    return _tokens(author.first), _tokens(author.last)


def _given_match(mine: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    if not mine or not theirs:
        return not mine and not theirs
    for a, b in zip(mine, theirs):
        if len(a) == 1 or len(b) == 1:
            if a[0] != b[0]:
                return False
        elif a != b:
            return False
    return True


def is_owner(author: Author, variants: Iterable[Name]) -> bool:
    """Whether *author* is the site owner under any parsed variant (see :func:`parse_name`)."""
    if author.others:
        return False
    last = _tokens(author.last)
    first = _tokens(author.first)
    joined_first = ("".join(first),) if first else ()
    for given, surname in variants:
        if surname != last:
            continue
        if _given_match(given, first) or _given_match(("".join(given),) if given else (), joined_first):
            return True
    return False
