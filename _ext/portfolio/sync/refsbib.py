"""New works as entries of ``refs.bib``, written after the user's own.

Keys follow the site's style (``zhang2024caravan``, see :mod:`portfolio.importers.bibtex`);
fields come in the order people write them. The file is appended to, never rewritten: every
byte before the new entries (formatting, comments, ``@string`` macros) stays as it was, and
its line endings are kept.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from urllib.parse import quote

import latexcodec  # noqa: F401  (registers the "latex" codec)

from ..data.fields import LINK_FIELDS
from ..importers import BibRecord
from ..importers.bibtex import citation_key, format_entries
from ..text.latex import latex_to_text
from . import Work

_MONTH = re.compile(r"^(  month\s+= )\{(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\},$",
                    re.M)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def record(work: Work, taken: set[str]) -> BibRecord:
    """The work as an entry; its key is added to *taken* (lower-case keys)."""
    first = latex_to_text(work.authors[0]) if work.authors else ""
    key = citation_key(first, work.year, latex_to_text(work.title), taken)
    fields = {"author": " and ".join(work.authors), "title": work.title, **work.details}
    if "pages" in fields:
        fields["pages"] = fields["pages"].replace("\u2013", "--")  # a range as BibTeX writes it
    fields |= {"year": work.year, "month": _month(work.month), "doi": work.doi}
    if work.arxiv:
        fields |= {"eprint": work.arxiv, "archiveprefix": "arXiv"}
        if "primaryclass" in fields:  # after the eprint it qualifies
            fields["primaryclass"] = fields.pop("primaryclass")
    fields |= {"url": work.url, "pdf": work.pdf}
    return BibRecord(key, work.entry_type, {name: value for name, value in fields.items() if value})


def _month(value: str) -> str:
    text = latex_to_text(value).strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return _MONTHS[int(text) - 1]
    return text[:3] if text[:3] in _MONTHS else value


def entries_text(records: list[BibRecord]) -> str:
    """The entries as BibTeX text; months are the standard macros (``month = aug``)."""
    return _MONTH.sub(r"\1\2,", format_entries(records)) if records else ""


def appended(original: bytes, records: list[BibRecord], encoding: str = "utf-8-sig") -> bytes:
    """*original* with the entries after it, a blank line between, in its line endings and
    its *encoding* (conf.py's ``bibtex_encoding``). Raise ValueError for entries that encoding
    cannot hold (see :func:`_codec` and :func:`_encoded`)."""
    if not records:
        return original
    codec = _codec(encoding)
    newline = b"\r\n" if b"\r\n" in original else b"\n"
    records = [BibRecord(r.key, r.entry_type, {name: _link_in(codec, value) if name in LINK_FIELDS
                                               else value for name, value in r.fields.items()})
               for r in records]
    text = _encoded(entries_text(records), codec, encoding).replace(b"\n", newline)
    if not original.strip():
        return original + text
    gap = newline * (0 if original.endswith(newline * 2) else
                     1 if original.endswith(newline) else 2)
    return original + gap + text


def _codec(encoding: str) -> str:
    """The codec new entries are written with: *encoding*'s, without a byte order mark (it opens
    a file, it never follows its text). Raise ValueError for an encoding that does not write
    ASCII as ASCII (UTF-16 and the like): line endings and BibTeX's own characters would not be
    the bytes appended."""
    try:
        codec = codecs.lookup(encoding).name
    except (LookupError, TypeError):  # the build reads such a file as UTF-8
        codec = "utf-8"
    if codec == "utf-8-sig":
        codec = "utf-8"
    if "\r\n@{}\\".encode(codec, "replace") != b"\r\n@{}\\":
        raise ValueError(f"new entries cannot be added to a file in {encoding} (conf.py's "
                         "bibtex_encoding); save refs.bib as UTF-8 and set bibtex_encoding = "
                         "'utf-8'")
    return codec


def _link_in(codec: str, value: str) -> str:
    """A link or identifier with the characters *codec* cannot hold percent-encoded, as a URL
    holds them (LaTeX would break the link)."""
    return "".join(c if c.encode(codec, "ignore") else quote(c, safe="") for c in value)


def _encoded(text: str, codec: str, encoding: str) -> bytes:
    """*text* in *codec*, the file's *encoding* (see :func:`_codec`); a character it has no byte
    for is written the LaTeX way ("Ł" as ``{\\L}``), as BibTeX reads it in any encoding. Raise
    ValueError for one that has no LaTeX form either."""
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        pass
    parts = []
    # Composed first: "e" and a combining accent is "é", which the codec may hold.
    for character in unicodedata.normalize("NFC", text):
        try:
            parts.append(character.encode(codec))
        except UnicodeEncodeError:
            try:
                parts.append(b"{" + codecs.encode(character, "latex") + b"}")
            except UnicodeEncodeError:
                raise ValueError(
                    f"{character!r} cannot be written in {encoding} (conf.py's bibtex_encoding) "
                    "nor as LaTeX; save refs.bib as UTF-8 and set bibtex_encoding = 'utf-8'"
                ) from None
    return b"".join(parts)
