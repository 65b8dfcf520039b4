"""ORCID's public API (v3.0): a person's works (``/<orcid>/works``, one group per work that
ORCID found in several sources) and one work in full (``/<orcid>/work/<put-code>``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pybtex.database import parse_string
from pybtex.scanner import PybtexError

from . import SourceError, Work
from .bibtex import work_from_entry
from .http import Client
from .ids import normal_arxiv, normal_doi, split_doi
from .values import from_plain, name_from_display

SERVICE = "ORCID"
_ACCEPT = "application/json"
#: ORCID work types and the BibTeX type and venue field they become.
_TYPES = {"journal-article": ("article", "journal"),
          "conference-paper": ("inproceedings", "booktitle"),
          "book-chapter": ("incollection", "booktitle"), "book": ("book", ""),
          "report": ("techreport", "institution"), "dissertation-thesis": ("phdthesis", "school"),
          "preprint": ("misc", "howpublished")}


@dataclass
class Summary:
    """What ORCID's list of works says about one work."""

    put_code: str
    title: str  #: plain text
    kind: str  #: ORCID's work type ("journal-article", "preprint", ...)
    year: str = ""
    venue: str = ""  #: plain text
    doi: str = ""
    arxiv: str = ""


def works(client: Client, orcid: str) -> list[Summary]:
    response = client.get(SERVICE, f"{client.settings.orcid_url}/{orcid}/works",
                          accept=_ACCEPT, missing=f"ORCID has no record {orcid}; check the iD")
    try:
        return [_summary(group) for group in response.json()["group"]]
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise SourceError(f"ORCID's list of works for {orcid} could not be read (not the works "
                          f"API's JSON: {exc!r}); nothing was written") from None


def _summary(group: dict[str, Any]) -> Summary:
    # The preferred version of the work is the one with the highest display index.
    summaries = group["work-summary"]
    best = max(summaries, key=lambda s: int(s.get("display-index") or 0))
    ids = [*_ids(group.get("external-ids")), *(i for s in summaries for i in
                                               _ids(s.get("external-ids")))]
    date = best.get("publication-date") or {}
    year = (date.get("year") or {}).get("value", "") if isinstance(date, dict) else ""
    arxiv = next((normal_arxiv(v) for t, v in ids if t == "arxiv" and normal_arxiv(v)), "")
    doi, arxiv_doi = split_doi(next((normal_doi(v) for t, v in ids if t == "doi" and normal_doi(v)), ""))
    arxiv = arxiv or arxiv_doi
    return Summary(
        put_code=str(best["put-code"]),
        title=str(best["title"]["title"]["value"]),
        kind=str(best.get("type", "")),
        year=str(year or ""),
        venue=str((best.get("journal-title") or {}).get("value", "")),
        doi=doi,
        arxiv=arxiv,
    )


def _ids(block: Any) -> list[tuple[str, str]]:
    if not isinstance(block, dict):
        return []
    result = []
    for item in block.get("external-id") or ():
        if item.get("external-id-relationship", "self") != "self":
            continue  # "part-of" is the journal's ISSN, "version-of" another work
        value = (item.get("external-id-normalized") or {}).get("value") or item.get(
            "external-id-value", "")
        result.append((str(item.get("external-id-type", "")).lower(), str(value)))
    return result


def full_work(client: Client, orcid: str, summary: Summary) -> Work | None:
    """The work from its full ORCID record: its BibTeX citation when it has one, else its
    contributors; None when it names no author (ORCID does not require them)."""
    response = client.get(SERVICE, f"{client.settings.orcid_url}/{orcid}/work/{summary.put_code}",
                          accept=_ACCEPT)
    try:
        record = response.json()
        citation = record.get("citation") or {}
        contributors = (record.get("contributors") or {}).get("contributor") or []
        names = [str(c["credit-name"]["value"]) for c in contributors
                 if (c.get("credit-name") or {}).get("value")
                 and str((c.get("contributor-attributes") or {}).get("contributor-role")
                         or "author").lower() == "author"]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SourceError(f"ORCID's record of work {summary.put_code} could not be read "
                          f"({exc!r}); nothing was written") from None
    origin = f"ORCID {orcid} work {summary.put_code}"
    if str(citation.get("citation-type", "")).lower() == "bibtex" and citation.get("citation-value"):
        try:
            entries = list(parse_string(str(citation["citation-value"]), "bibtex").entries.values())
        except (PybtexError, ValueError):
            entries = []  # a hand-typed citation ORCID stored as given: use the fields below
        if entries and (entries[0].persons.get("author") or entries[0].fields.get("author")):
            return work_from_entry(entries[0], origin)
    if not names:
        return None
    entry_type, venue_field = _TYPES.get(summary.kind, ("misc", "howpublished"))
    return Work(
        entry_type=entry_type,
        title=from_plain(summary.title, title=True),
        authors=[name_from_display(name) for name in names],
        year=summary.year,
        details={venue_field: from_plain(summary.venue)} if venue_field and summary.venue else {},
        doi=summary.doi,
        arxiv=summary.arxiv,
        preprint=summary.kind == "preprint",
        origin=origin,
    )
