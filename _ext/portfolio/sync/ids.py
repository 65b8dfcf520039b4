"""Identifiers as users paste them: DOIs, arXiv ids, DBLP records and persons, ORCID iDs;
and the normalised title that recognises a paper whose identifiers differ."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

from ..text.latex import latex_to_text

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
#: New-style ids (2506.14852, 0704.0001) and old-style ones (cs/0112017, math.GT/0309136).
_ARXIV = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$", re.I)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.I)
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)
_ARXIV_PREFIX = re.compile(r"^(?:arxiv:\s*|https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/)",
                           re.I)
_DBLP_REC = re.compile(r"^(?:DBLP:|https?://dblp(?:\.uni-trier)?\.org/rec/(?:bibtex/)?)"
                       r"([a-z]+/[\w.-]+/[\w.'-]+?)(?:\.(?:html|bib|xml))?$", re.I)
_DBLP_PID = re.compile(r"^(?:https?://dblp(?:\.uni-trier)?\.org/pid/)?"
                       r"([a-z0-9]{1,3}/[\w-]+|\d+/\d+(?:-\d+)?)(?:\.(?:html|bib|xml))?$", re.I)
_ORCID = re.compile(r"^(?:https?://(?:www\.)?orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$", re.I)


@dataclass(frozen=True)
class Identifier:
    kind: str  #: "doi", "arxiv" or "dblp"
    value: str  #: normalised: a lower-case DOI, an arXiv id without version, a DBLP key

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


def parse_identifier(text: str) -> Identifier | None:
    """``doi:10.1/x``, ``10.1/x``, ``https://doi.org/10.1/x``, ``arxiv:2506.14852``,
    ``2506.14852v2``, ``https://arxiv.org/abs/...``, ``https://dblp.org/rec/...`` or
    ``DBLP:conf/...``; None when it is none of these."""
    text = text.strip()
    rec = _DBLP_REC.match(text)
    if rec:
        return Identifier("dblp", rec.group(1))
    arxiv = normal_arxiv(text) if _ARXIV_PREFIX.match(text) or _ARXIV.match(text) else ""
    if arxiv:
        return Identifier("arxiv", arxiv)
    doi, arxiv = split_doi(normal_doi(text))
    if arxiv:
        return Identifier("arxiv", arxiv)
    return Identifier("doi", doi) if doi else None


def normal_doi(text: str) -> str:
    """The DOI in *text* (a bare DOI, ``doi:...`` or a resolver URL), lower case; or ''."""
    doi = unquote(_DOI_PREFIX.sub("", text.strip())).strip().rstrip(".")
    return doi.lower() if _DOI.match(doi) else ""


def normal_arxiv(text: str) -> str:
    """The arXiv id in *text* without its version (``2506.14852v2`` -> ``2506.14852``); or ''."""
    text = _ARXIV_PREFIX.sub("", text.strip()).removesuffix(".pdf")
    if not _ARXIV.match(text):
        return ""
    return re.sub(r"v\d+$", "", text)


def split_doi(doi: str) -> tuple[str, str]:
    """*doi* as ``(doi, arXiv id)``: an arXiv DOI (``10.48550/arXiv.2506.14852``) is the
    preprint's id, not a DOI of its own."""
    found = _ARXIV_DOI.match(doi)
    arxiv = normal_arxiv(found.group(1)) if found else ""
    return ("" if arxiv else doi), arxiv


def dblp_pid(text: str) -> str:
    """A DBLP person id (``64/3960-1``, ``z/QizhengZhang``) from itself or its page; or ''."""
    found = _DBLP_PID.match(text.strip())
    return found.group(1) if found else ""


def orcid_id(text: str) -> str:
    """The ORCID iD in *text* (bare or its orcid.org address) when its check digit is right."""
    found = _ORCID.match(text.strip())
    if not found:
        return ""
    value = found.group(1).upper()
    digits = value.replace("-", "")
    total = 0
    for digit in digits[:-1]:  # ISO 7064 MOD 11-2, as ORCID documents it
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return value if digits[-1] == ("X" if check == 10 else str(check)) else ""


def title_key(title: str) -> str:
    """A title reduced to its letters and digits, accents and case folded: the same paper's
    title from two services (braces, dashes, capitals differ) gives the same key."""
    folded = unicodedata.normalize("NFKD", latex_to_text(title))
    return "".join(c for c in folded.casefold() if c.isalnum() and not unicodedata.combining(c))
