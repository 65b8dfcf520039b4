"""BibTeX written by hand-quality rules: entry type from the venue, names in BibTeX form,
keys like ``zhang2024caravan``, aligned fields, LaTeX special characters escaped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from . import BibRecord

#: Particles that belong to the surname ("Ludwig van Beethoven" → "van Beethoven, Ludwig").
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la",
                        "le", "ter", "ten", "dos", "das", "do", "bin", "ibn"})
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_STOPWORDS = frozenset({"a", "an", "the", "on", "of", "for", "in", "to", "and", "with", "via",
                        "towards", "toward", "is", "are", "at", "by", "from"})
_PREPRINT = re.compile(r"\b(arxiv|preprint|biorxiv|medrxiv|ssrn|under review|under submission|"
                       r"in submission|submitted|manuscript|working paper|openreview)\b", re.I)
_JOURNAL = re.compile(r"\b(journal|transactions|letters|magazine|proceedings of the \w+ on|"
                      r"communications of|annals|review of|reviews|bulletin|acta)\b", re.I)
_PROCEEDINGS = re.compile(r"\b(conference|workshop|symposium|proceedings|meeting|congress|"
                          r"colloquium|summit|forum|special interest group)\b", re.I)
_LATEX_SPECIAL = re.compile(r"(?<!\\)([&%$#_])")


def entry_type(venue: str) -> tuple[str, bool]:
    """``(type, guessed)``: @misc for preprints, @article for journals, else @inproceedings.

    ``guessed`` is true when no word of the venue told which it is.
    """
    if _PREPRINT.search(venue):
        return "misc", False
    if _JOURNAL.search(venue):
        return "article", False
    if _PROCEEDINGS.search(venue):
        return "inproceedings", False
    return "inproceedings", True


def venue_field(kind: str) -> str:
    return {"misc": "howpublished", "article": "journal"}.get(kind, "booktitle")


def bibtex_name(shown: str) -> str:
    """"Francis Y. Yan" → "Yan, Francis Y."; names already in "Last, First" form stay."""
    shown = " ".join(shown.split())
    if "," in shown or " " not in shown:
        return shown
    words = shown.split(" ")
    suffix = ""
    if len(words) > 2 and words[-1].lower() in _SUFFIXES:
        suffix = words.pop()
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    last, first = " ".join(words[start:]), " ".join(words[:start])
    return f"{last}, {suffix}, {first}" if suffix else f"{last}, {first}"


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in folded if not unicodedata.combining(c)).lower())


class Keys(set):
    """Citation keys given so far, which also keep each base's next free suffix, so that
    thousands of papers with the same base cost no more than one each (a plain set works
    too, but is searched from "a" again every time)."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        super().__init__(keys)
        self.next_suffix: dict[str, int] = {}


def unique_key(base: str, taken: set[str]) -> str:
    """*base*, or *base* with the first free letters ("a" ... "z", "aa" ...); added to
    *taken*."""
    suffixes = taken.next_suffix if isinstance(taken, Keys) else {}
    key, number = base, suffixes.get(base, 0)
    while key in taken:
        key = base + letters(number)
        number += 1
    suffixes[base] = number
    taken.add(key)
    return key


def citation_key(first_author: str, year: int | str | None, title: str, taken: set[str]) -> str:
    """``zhang2024caravan``: surname of the first author, year, first significant title word."""
    surname = bibtex_name(first_author).split(",")[0].split(" ")[-1] if first_author else "anon"
    words = [_ascii_word(w) for w in re.split(r"[\s:\-–—/]+", title)
             if _ascii_word(w) and w.lower() not in _STOPWORDS]
    start = f"{_ascii_word(surname) or 'anon'}{year or ''}"
    base = start + "".join(words[:1])
    if base in taken:  # a second paper of the same year and first word: add the next word
        base = start + "".join(words[:2])
    return unique_key(base, taken)


def letters(number: int) -> str:
    """0 → "a", 25 → "z", 26 → "aa", ..."""
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def escape(text: str) -> str:
    """Text for a BibTeX field: LaTeX specials escaped, braces balanced (BibTeX counts every
    brace, escaped or not: when they do not nest, each is written as a command) and no
    backslash left to escape the field's closing brace."""
    text = _LATEX_SPECIAL.sub(r"\\\1", text)
    if not braces_nested(text):
        text = re.sub(r"\\?([{}])", lambda m: _BRACE_COMMANDS[m.group(1)], text)
    if re.search(r"(?<!\\)(?:\\\\)*\\$", text):
        text = text[:-1] + r"\textbackslash{}"
    return text


#: Math in a title as people write it on their pages: ``$...$`` or ``\\(...\\)``.
MATH = re.compile(r"(?<!\\)\$[^$\n]{1,300}?(?<!\\)\$|\\\(.{1,300}?\\\)")


def escape_title(text: str) -> str:
    """:func:`escape` for a title, whose math (``V$^{2}$``) is kept as written."""
    parts, position = [], 0
    for match in MATH.finditer(text):
        math = match.group(0)
        parts += [escape(text[position:match.start()]), math if braces_nested(math) else escape(math)]
        position = match.end()
    return "".join([*parts, escape(text[position:])])


_BRACE_COMMANDS = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}


def braces_nested(text: str) -> bool:
    """Whether the braces of *text* open and close in order."""
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def format_entries(records: Iterable[BibRecord], header: str = "") -> str:
    """The records as one ``.bib`` text, fields aligned as people write them."""
    out = [header] if header else []
    for record in records:
        width = max((len(name) for name in record.fields), default=0)
        lines = [f"@{record.entry_type}{{{record.key},"]
        for name, value in record.fields.items():
            lines.append(f"  {name.ljust(width)} = {{{value}}},")
        lines.append("}")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"
