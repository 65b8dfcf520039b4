"""arXiv, through its API's Atom feed (``/api/query?id_list=...``), read with the standard
library's ElementTree (its expat refuses entity expansion bombs)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import SourceError, Work
from .http import Client
from .ids import normal_arxiv, normal_doi
from .settings import ARXIV_PDF
from .values import from_latex, name_from_display

SERVICE = "arXiv"
_NS = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom",
       "opensearch": "http://a9.com/-/spec/opensearch/1.1/"}
#: ids asked in one request (the API takes a comma-separated list).
BATCH = 50


def fetch(client: Client, ids: list[str]) -> dict[str, Work]:
    """The works of *ids* (without versions) that arXiv knows, by id."""
    found: dict[str, Work] = {}
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        response = client.get(SERVICE, client.settings.arxiv_url,
                              params={"id_list": ",".join(batch), "max_results": str(len(batch))},
                              accept="application/atom+xml")
        found |= parse_feed(response.content, ", ".join(batch))
    return found


def fetch_one(client: Client, arxiv_id: str) -> Work:
    work = fetch(client, [arxiv_id]).get(arxiv_id)
    if work is None:
        raise SourceError(f"arXiv knows no paper {arxiv_id!r}; check the identifier")
    return work


def parse_feed(content: bytes, what: str) -> dict[str, Work]:
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise SourceError(f"arXiv's answer for {what} is not an Atom feed ({exc}); nothing was "
                          "written") from None
    if root.tag != f"{{{_NS['atom']}}}feed":
        raise SourceError(f"arXiv's answer for {what} is not an Atom feed (it is <{root.tag}>); "
                          "nothing was written")
    works = {}
    for entry in root.findall("atom:entry", _NS):
        page = _text(entry, "atom:id")
        arxiv = normal_arxiv(page)
        title = _text(entry, "atom:title")
        if not arxiv or not title or "/api/errors" in page:
            continue  # arXiv's way of saying an id is wrong: an entry titled "Error"
        published = _text(entry, "atom:published")
        month = int(published[5:7]) if published[5:7].isdigit() else 0
        doi = normal_doi(_text(entry, "arxiv:doi"))
        category = entry.find("arxiv:primary_category", _NS)
        details = {"howpublished": "arXiv preprint"}
        if category is not None and category.get("term"):
            details["primaryclass"] = category.get("term", "")
        works[arxiv] = Work(
            entry_type="misc",
            title=from_latex(title, title=True),
            authors=[name_from_display(_text(author, "atom:name"))
                     for author in entry.findall("atom:author", _NS)],
            year=published[:4] if published[:4].isdigit() else "",
            month=str(month) if 1 <= month <= 12 else "",  # refs.bib writes its name
            details=details,
            arxiv=arxiv,
            pdf=ARXIV_PDF + arxiv,
            preprint=True,
            published_doi=doi,
            origin=f"arXiv {arxiv}",
        )
    return works


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path, _NS)
    return " ".join((found.text or "").split()) if found is not None else ""
