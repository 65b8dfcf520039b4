"""Works from the BibTeX a service returns (DBLP's ``.bib`` files, a DOI's BibTeX).

pybtex parses it; values are BibTeX already and are kept as written, bookkeeping fields
(timestamps, the service's own addresses) are left out, and an answer that is not BibTeX is
a :class:`~portfolio.sync.SourceError` naming the service.
"""

from __future__ import annotations

from pybtex.database import Entry, parse_string
from pybtex.database.input.bibtex import split_name_list
from pybtex.scanner import PybtexError

from ..text.latex import latex_to_text
from . import SourceError, Work
from .ids import normal_arxiv, normal_doi, split_doi
from .values import name_from_display, name_from_person

#: Fields about the venue, kept in this order after the title.
DETAILS = ("booktitle", "journal", "series", "volume", "number", "pages", "publisher",
           "school", "institution", "howpublished")
_PREPRINT_VENUES = frozenset({"corr", "arxiv", "arxiv preprint"})


def parse_works(text: str, service: str, what: str) -> list[tuple[str, Work]]:
    """``(key, work)`` for each entry of *text*; raises when *text* is not BibTeX."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<") or (stripped and "@" not in stripped):
        raise SourceError(f"{service}'s answer for {what} is not BibTeX (it starts with "
                          f"{stripped[:30]!r}); nothing was written")
    try:
        data = parse_string(text, "bibtex")
    except (PybtexError, ValueError) as exc:
        raise SourceError(f"{service}'s answer for {what} is not valid BibTeX ({exc}); "
                          "nothing was written") from None
    if stripped and not data.entries:
        raise SourceError(f"{service}'s answer for {what} holds no BibTeX entry; nothing was "
                          "written")
    return [(key, work_from_entry(entry, f"{service} {key}")) for key, entry in
            data.entries.items()]


def work_from_entry(entry: Entry, origin: str) -> Work:
    fields = {name.lower(): str(value).strip() for name, value in entry.fields.items()}
    authors = [name_from_person(p) for p in entry.persons.get("author", ())]
    if not authors and fields.get("author"):
        authors = [name_from_display(n) for n in split_name_list(fields["author"])]
    doi, arxiv = split_doi(normal_doi(fields.get("doi", "")))
    arxiv_doi = bool(arxiv)
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").lower()
    if not arxiv and fields.get("eprint") and archive == "arxiv":
        arxiv = normal_arxiv(fields["eprint"])
    venue = latex_to_text(fields.get("journal") or fields.get("howpublished") or "").lower()
    preprint = bool(arxiv) and (venue in _PREPRINT_VENUES or arxiv_doi or
                                entry.type.lower() in ("misc", "unpublished", "online"))
    url = fields.get("url", "")
    if normal_doi(url) or normal_arxiv(url) or "arxiv.org/" in url:
        url = ""  # the DOI or arXiv link says it already
    work = Work(
        entry_type=entry.type.lower(),
        title=fields.get("title", ""),
        authors=authors,
        year=fields.get("year", ""),
        month=fields.get("month", ""),
        details={name: fields[name] for name in DETAILS if fields.get(name)},
        doi=doi,
        arxiv=arxiv,
        url=url,
        pdf=fields.get("pdf", ""),
        preprint=preprint,
        origin=origin,
    )
    if preprint:
        work.entry_type, work.details = "misc", {"howpublished": "arXiv preprint"}
    return work
