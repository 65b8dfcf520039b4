"""DOIs, by content negotiation at the DOI resolver: CSL-JSON when the registration agency
offers it (Crossref, DataCite), its BibTeX otherwise."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from . import SourceError, Work
from .bibtex import parse_works
from .http import Client
from .ids import normal_doi, split_doi
from .values import from_plain, name_from_display, name_from_parts

SERVICE = "doi.org"
ACCEPT = "application/vnd.citationstyles.csl+json, application/x-bibtex;q=0.5"
#: CSL item types and the BibTeX type and venue field they become.
_TYPES = {
    "paper-conference": ("inproceedings", "booktitle"),
    "article-journal": ("article", "journal"),
    "article-magazine": ("article", "journal"),
    "article-newspaper": ("article", "journal"),
    "chapter": ("incollection", "booktitle"),
    "book": ("book", ""),
    "report": ("techreport", "institution"),
    "thesis": ("phdthesis", "school"),
    "posted-content": ("misc", "howpublished"),
    "article": ("misc", "howpublished"),
}
#: Crossref's links meant for machines (text mining), not for readers.
_MACHINE_LINKS = frozenset({"text-mining", "similarity-checking"})


def fetch(client: Client, doi: str) -> Work:
    response = client.get(SERVICE, f"{client.settings.doi_url}/{quote(doi, safe='/:;()')}",
                          accept=ACCEPT, missing=f"doi.org knows no DOI {doi!r}; check it")
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    text = response.text
    if kind.endswith("json") or (not kind.endswith("bibtex") and text.lstrip().startswith("{")):
        try:
            return from_csl(json.loads(text), doi)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SourceError(f"doi.org's CSL-JSON for {doi} could not be read ({exc}); "
                              "nothing was written") from None
    found = parse_works(text, SERVICE, doi)
    if not found:
        raise SourceError(f"doi.org's answer for {doi} holds no entry; nothing was written")
    work = found[0][1]
    work.doi = work.doi or doi
    work.origin = f"doi:{doi}"
    return work


def from_csl(item: dict[str, Any], asked: str) -> Work:
    """A work from one CSL-JSON item, as Crossref and DataCite write them."""
    if not isinstance(item, dict) or not item.get("title"):
        raise KeyError("no title")
    title = item["title"]
    title = title[0] if isinstance(title, list) else title
    entry_type, venue_field = _TYPES.get(str(item.get("type", "")), ("misc", "howpublished"))
    doi, arxiv = split_doi(normal_doi(str(item.get("DOI", ""))) or asked)
    publisher = str(item.get("publisher", ""))
    preprint = item.get("type") in ("posted-content", "article") or bool(arxiv)
    details: dict[str, str] = {}
    container = item.get("container-title", "")
    container = container[0] if isinstance(container, list) and container else container
    if preprint:
        entry_type = "misc"
        details["howpublished"] = from_plain(f"{publisher} preprint" if publisher else "preprint")
    elif venue_field and container:
        details[venue_field] = from_plain(str(container))
    for csl, field in (("volume", "volume"), ("issue", "number"), ("page", "pages")):
        if item.get(csl):
            details[field] = from_plain(str(item[csl]).replace("-", "--"))
    if publisher and not preprint:
        details["publisher"] = from_plain(publisher)
    year, month = _issued(item)
    pdf = next((str(link["URL"]) for link in item.get("link", ())
                if isinstance(link, dict) and link.get("content-type") == "application/pdf"
                and link.get("intended-application") not in _MACHINE_LINKS), "")
    return Work(
        entry_type=entry_type,
        title=from_plain(str(title), title=True),
        authors=[_name(person) for person in item.get("author", ()) if isinstance(person, dict)],
        year=year,
        month=month,
        details=details,
        doi=doi,
        arxiv=arxiv,
        pdf=pdf if pdf.startswith("https://") else "",
        preprint=preprint,
        origin=f"doi:{asked}",
    )


def _issued(item: dict[str, Any]) -> tuple[str, str]:
    for name in ("published-print", "published-online", "issued", "published"):
        parts = (item.get(name) or {}).get("date-parts") or [[]]
        if parts and parts[0] and parts[0][0]:
            year = str(int(parts[0][0]))
            month = int(parts[0][1]) if len(parts[0]) > 1 and parts[0][1] else 0
            return year, str(month) if 1 <= month <= 12 else ""  # refs.bib writes its name
    return "", ""


def _name(person: dict[str, Any]) -> str:
    if person.get("literal"):
        return name_from_display(str(person["literal"]))
    particle = " ".join(str(person[p]) for p in ("dropping-particle", "non-dropping-particle")
                        if person.get(p))
    return name_from_parts(str(person.get("given", "")), str(person.get("family", "")),
                           particle, str(person.get("suffix", "")))
