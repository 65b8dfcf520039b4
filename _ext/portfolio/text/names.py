"""Author names: pybtex ``Person`` to display form, and matching the site owner's variants.

Matching compares surnames without accents or case, then given names allowing initials, so
"Zhang, Q." and "Qizheng Zhang" match while "Ziyi Zhang" does not. A name as people write it in
a site's settings ("Dr. Ada Example, Ph.D.", "Ada (Addie) Example", "Zichuan Lin (林子钏)") is
first cut to the name itself; :func:`owner_spellings` also gives the other forms it holds.
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
#: Forms of address before a name ("Dr.", "Prof.").
_TITLES = re.compile(r"^(?:(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame)\b\.?\s*)+", re.I)
#: Degrees and honours after a name (", Ph.D.", " PhD", ", MD, FRS").
_DEGREES = re.compile(r"(?:,?\s*\b(?:ph\.?\s?d|d\.?\s?phil|m\.?\s?d|m\.?\s?sc|b\.?\s?sc|m\.?\s?eng|"
                      r"m\.?\s?phil|mba|m\.?a|m\.?s|b\.?a|b\.?s|frs|pe)\b\.?)+\s*$", re.I)
#: A part in parentheses or quotes: a nickname ("(Addie)", '"Addie"') or the name in a second
#: script ("(林子钏)").
_ASIDE = re.compile(r"(?:^|\s)(?:\(([^()]*)\)|\"([^\"]*)\"|“([^”]*)”)(?=\s|,|$)")


def owner_spellings(written: str) -> list[str]:
    """The name itself, then the other spellings *written* holds: its second script (after
    ``|`` or in parentheses) and the nickname with the surname."""
    main, _, second = (part.strip() for part in written.partition("|"))
    asides = [next(g for g in m.groups() if g is not None).strip() for m in _ASIDE.finditer(main)]
    main = " ".join(_ASIDE.sub(" ", main).split())
    main = _DEGREES.sub("", _TITLES.sub("", main)).strip(" ,")
    result = [main] if main else []
    surname = main.split()[-1] if " " in main else ""
    for aside in [*asides, second]:
        if not aside:
            continue
        if not aside.isascii() or " " in aside:  # the name in another script, or a full name
            result.append(aside)
        elif surname and aside.lower() not in ("co-first author",):
            result.append(f"{aside} {surname}")
    return list(dict.fromkeys(result)) or [written]


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


#: Two capitals written together in given names are initials ("HS Kwon" is "H. S. Kwon").
_JOINED_INITIALS = re.compile(r"\b([A-Z])([A-Z])\b")


@lru_cache(maxsize=4096)  # given names recur in entry after entry
def _given_tokens(text: str) -> tuple[str, ...]:
    return _tokens(_JOINED_INITIALS.sub(r"\1 \2", text))


@lru_cache(maxsize=4096)
def parse_name(text: str) -> Name:
    """Split a configured name ("Qizheng Zhang" or "Zhang, Q.") into folded (given, surname);
    titles, degrees and a nickname around it are left out ("Dr. Ada (Addie) Example, PhD")."""
    person = Person(owner_spellings(text)[0])
    author = author_from_person(person)
    return _given_tokens(author.first), _tokens(author.last)


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
    first = _given_tokens(author.first)
    joined_first = ("".join(first),) if first else ()
    for given, surname in variants:
        if surname != last:
            # a surname of two words that the settings wrote as a middle name and a surname
            # ("Arnaud Grivet Sébert" is "Grivet Sébert, A." in papers)
            full = given + surname
            if not (len(last) > len(surname) and full[-len(last):] == last
                    and _given_match(full[:-len(last)], first)):
                continue
            return True
        if _given_match(given, first) or _given_match(("".join(given),) if given else (), joined_first):
            return True
    return False
