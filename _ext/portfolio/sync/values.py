"""Text from a service made into BibTeX values that LaTeX and the site both read.

Services answer in three kinds of text: BibTeX already (DBLP, a DOI's BibTeX), kept as it is;
LaTeX-flavoured text (arXiv titles hold ``$...$`` and commands), kept but with its stray
specials escaped; plain Unicode, sometimes with HTML tags (Crossref, ORCID), escaped whole.
Accented letters stay Unicode: ``refs.bib`` is UTF-8. Words with capitals inside (``GPU``,
``LLMs``, ``eBPF``) are braced so BibTeX styles keep their case.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from pybtex.database import Person

from ..importers.bibtex import bibtex_name

#: Plain characters LaTeX treats as commands, and how each is written; the site decodes
#: every one of these back to the character.
_PLAIN_SPECIALS = {"\\": r"$\backslash$", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                   "$": r"\$", "#": r"\#", "_": r"\_", "~": r"{\textasciitilde}", "^": r"\^{}"}
_PLAIN = re.compile("|".join(re.escape(c) for c in _PLAIN_SPECIALS))
#: In LaTeX-flavoured text: specials not already escaped (a ``\\&`` stays as it is).
_LOOSE = re.compile(r"(?<!\\)([&%#_])")
_MATH = re.compile(r"(?<!\\)\$[^$]*(?<!\\)\$")
#: A word with no grouping, command or math in it, and a capital after its first letter.
_TOKEN = re.compile(r"(?<!\S)([(\"'`]*)([^\s{}$\\]+?)([,.:;!?)\"']*)(?!\S)")
_INNER_CAPITAL = re.compile(r"^.+[A-Z]")
_DBLP_NUMBER = re.compile(r"\s+\d{4}$")


class _Text(HTMLParser):
    """The text of an HTML fragment (Crossref titles hold ``<i>``, ``<sub>``, MathML)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(value: str) -> str:
    """*value* without HTML tags or entities, its white space collapsed."""
    if "<" in value or "&" in value:
        parser = _Text()
        parser.feed(value)
        parser.close()
        value = html.unescape("".join(parser.parts))
    return " ".join(value.split())


def from_plain(value: str, title: bool = False) -> str:
    """Plain text (HTML allowed) as a BibTeX value; a *title* has its cased words braced."""
    text = _PLAIN.sub(lambda m: _PLAIN_SPECIALS[m.group()], plain_text(value))
    return protect_case(text) if title else text


def from_latex(value: str, title: bool = False) -> str:
    """LaTeX-flavoured text (arXiv's) as a BibTeX value: math and commands kept, stray
    ``& % # _`` outside math escaped; unbalanced braces or dollars make it plain text."""
    value = " ".join(value.split())
    if not _balanced(value) or value.count("$") - value.count(r"\$") & 1:
        return from_plain(value, title)
    pieces, last = [], 0
    for math in _MATH.finditer(value):
        pieces.append(_LOOSE.sub(r"\\\1", value[last:math.start()]))
        pieces.append(math.group())
        last = math.end()
    pieces.append(_LOOSE.sub(r"\\\1", value[last:]))
    text = "".join(pieces)
    return protect_case(text) if title else text


def protect_case(text: str) -> str:
    """Brace words whose case matters (``GPU``, ``LLMs``, ``eBPF``, ``KV-Cache``); words with
    braces, commands or math are left as written."""
    return _TOKEN.sub(_brace, text)


def _brace(found: re.Match) -> str:
    before, word, after = found.groups()
    if any(_INNER_CAPITAL.search(part) for part in re.split(r"[-/]", word)):
        word = f"{{{word}}}"
    return before + word + after


def _balanced(text: str) -> bool:
    depth = 0
    for index, char in enumerate(text):
        if char in "{}" and index and text[index - 1] == "\\":
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def without_dblp_number(name: str) -> str:
    """*name* without the number DBLP tells namesakes apart by ("Wei Wang 0001")."""
    return _DBLP_NUMBER.sub("", name)


def name_from_display(shown: str) -> str:
    """"Ludwig van Beethoven" -> "van Beethoven, Ludwig", specials escaped; DBLP's homonym
    numbers ("Wei Wang 0001") dropped."""
    return from_plain(bibtex_name(without_dblp_number(plain_text(shown))))


def name_from_parts(given: str, family: str, particle: str = "", suffix: str = "") -> str:
    """A name from its parts (CSL-JSON's given, family, particles and suffix)."""
    last = " ".join(p for p in (particle, family) if p)
    parts = [from_plain(last)]
    if suffix:
        parts.append(from_plain(suffix))
    if given:
        parts.append(from_plain(given))
    return ", ".join(parts) if last else from_plain(given)


def name_from_person(person: Person) -> str:
    """A name pybtex parsed from BibTeX, written back as "von Last, Jr, First"."""
    last = " ".join([*person.prelast_names, *person.last_names])
    last = without_dblp_number(last) if person.first_names else last
    first = " ".join([*person.first_names, *person.middle_names])
    parts = [last, *([" ".join(person.lineage_names)] if person.lineage_names else []), first]
    return ", ".join(p for p in parts if p)
