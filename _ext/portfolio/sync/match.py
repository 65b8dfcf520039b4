"""Which works ``refs.bib`` already has, and one work for a preprint and its venue version.

An entry is recognised by its DOI, its arXiv id, its DBLP key or its title reduced to letters
and digits; two venue versions (or two preprints) with the same title but different DOIs or
DBLP keys are two papers, as a conference paper and its journal version are. The overlay
YAML's fields count as the entry's (a DOI added there recognises the entry too).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pybtex.database import BibliographyData

from ..model import Location
from . import Work
from .ids import normal_arxiv, normal_doi, split_doi, title_key

#: Titles shorter than this ("Preface", "Errata") recognise nothing on their own.
_MIN_TITLE = 12
_PREPRINT_TYPES = frozenset({"misc", "unpublished", "preprint", "online"})


@dataclass(frozen=True)
class Known:
    """An entry of ``refs.bib`` as far as recognising it goes."""

    key: str
    location: Location
    doi: str = ""
    arxiv: str = ""
    dblp: str = ""
    title: str = ""  #: :func:`~portfolio.sync.ids.title_key`
    preprint: bool = False


class Library:
    """The entries a site has, by each identifier, plus those a run adds."""

    def __init__(self, entries: Iterable[Known] = ()):
        self.by: dict[str, dict[str, Known]] = {"doi": {}, "arxiv": {}, "dblp": {}, "title": {}}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Known) -> None:
        for kind in self.by:
            value = getattr(entry, kind)
            if value and (kind != "title" or len(value) >= _MIN_TITLE):
                self.by[kind].setdefault(value, entry)

    def find(self, work: Work) -> Known | None:
        for kind in ("doi", "arxiv", "dblp"):
            value = getattr(work, kind)
            if value and value in self.by[kind]:
                return self.by[kind][value]
        if work.published_doi and work.published_doi in self.by["doi"]:
            return self.by["doi"][work.published_doi]
        found = self.by["title"].get(title_key(work.title))
        if found is None or (found.preprint == work.preprint and any(
                getattr(work, kind) and getattr(found, kind) and
                getattr(work, kind) != getattr(found, kind) for kind in ("doi", "dblp"))):
            return None
        return found


def known_entries(bib: BibliographyData, locations: Mapping[str, Location],
                  overlay: Mapping[str, Any] | None = None) -> list[Known]:
    result = []
    for key, entry in bib.entries.items():
        fields = {name.lower(): str(value) for name, value in entry.fields.items()}
        extra = (overlay or {}).get(key)
        if isinstance(extra, dict):
            fields |= {str(name).lower(): str(value) for name, value in extra.items()
                       if isinstance(value, (str, int))}
        result.append(known(key, entry.type.lower(), fields, locations.get(key, Location(""))))
    return result


def known(key: str, entry_type: str, fields: Mapping[str, str], location: Location) -> Known:
    doi, arxiv_doi = split_doi(normal_doi(fields.get("doi", "")) or normal_doi(fields.get("url", "")))
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").lower()
    arxiv = (normal_arxiv(fields.get("arxiv", "")) or arxiv_doi
             or (normal_arxiv(fields.get("eprint", "")) if archive == "arxiv" else "")
             or normal_arxiv(fields.get("url", ""))
             or normal_arxiv(fields.get("volume", "").removeprefix("abs/")))
    dblp = key.removeprefix("DBLP:") if key.startswith("DBLP:") else ""
    biburl = fields.get("biburl", "")
    if not dblp and "dblp" in biburl and "/rec/" in biburl:
        dblp = biburl.split("/rec/", 1)[1].removesuffix(".bib")
    venue = (fields.get("journal") or fields.get("howpublished") or "").lower()
    preprint = entry_type in _PREPRINT_TYPES or "arxiv" in venue or venue == "corr"
    return Known(key, location, doi, arxiv, dblp,
                 title_key(fields.get("title", "")), preprint)


def merge_versions(works: list[Work]) -> tuple[list[Work], int]:
    """*works* with duplicates dropped and each preprint folded into its venue version (which
    keeps the arXiv id and PDF); returns the works and how many preprints were folded."""
    unique: list[Work] = []
    seen = Library()
    for work in works:
        if _same(seen, work):
            continue
        unique.append(work)
        seen.add(_as_known(work, len(unique) - 1))
    venues = Library(_as_known(w, i) for i, w in enumerate(unique) if not w.preprint)
    folded: set[int] = set()
    for index, work in enumerate(unique):
        if not work.preprint:
            continue
        target = venues.find(work)
        if target is None:
            continue
        venue = unique[int(target.key)]
        venue.arxiv = venue.arxiv or work.arxiv
        venue.pdf = venue.pdf or work.pdf
        folded.add(index)
    return [w for i, w in enumerate(unique) if i not in folded], len(folded)


def _same(seen: Library, work: Work) -> bool:
    """Whether *work* repeats one already listed (same identifier, or same title and both
    preprints or both venue versions)."""
    for kind in ("doi", "arxiv", "dblp"):
        if getattr(work, kind) and getattr(work, kind) in seen.by[kind]:
            return True
    found = seen.find(work)
    return found is not None and found.preprint == work.preprint


def _as_known(work: Work, index: int) -> Known:
    """A work as an index entry; its key is its position in the list."""
    return Known(str(index), Location(""), work.doi, work.arxiv, work.dblp,
                 title_key(work.title), work.preprint)
