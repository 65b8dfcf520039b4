"""What ``portfolio add`` and ``portfolio sync`` do, from the site's files to the changes.

Each function reads the site, asks the services, and returns an :class:`Outcome`: the changed
files (nothing is written here), the new entries, and the lines that need a look. A service
that fails raises :class:`~portfolio.sync.SourceError`, and the site's own files that stop
the run a :class:`SiteError` (a ``refs.bib`` that cannot be read safely before anything is
asked, a new entry its encoding cannot hold before anything is written).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..data.bibfile import BibParse, parse_bibfiles
from ..data.citations import load_citations
from ..data.yamlfile import load_yaml
from ..importers import BibRecord
from ..model import CitationCount, Location
from ..text.latex import latex_to_text
from . import Work, arxiv, dblp, doi, openalex, orcid
from .citefile import citations_text
from .files import Change
from .http import Client, NotFound
from .ids import Identifier
from .match import Known, Library, known_entries, merge_versions
from .refsbib import appended, record


class SiteError(Exception):
    """The site's own files stop the run (``refs.bib`` cannot be read safely)."""


@dataclass(frozen=True)
class Site:
    bib: Path  #: the BibTeX file new entries go to
    overlay: Path | None = None  #: the publications overlay YAML (read, never written)
    citations: Path | None = None  #: the citation counts file
    encoding: str = "utf-8-sig"  #: the BibTeX file's (conf.py's ``bibtex_encoding``)


@dataclass
class Outcome:
    changes: list[Change] = field(default_factory=list)  #: only files whose text changes
    added: list[tuple[BibRecord, Work]] = field(default_factory=list)
    listed: int = 0  #: works the service listed
    known: int = 0  #: of those, already in refs.bib
    folded: int = 0  #: preprints shown as their venue version
    notices: list[str] = field(default_factory=list)  #: "path:line: what needs a look"


@dataclass
class _Existing:
    parse: BibParse
    entries: list[Known]
    library: Library
    original: bytes


def _read(site: Site) -> _Existing:
    try:
        original = site.bib.read_bytes()
    except FileNotFoundError:
        original = b""
    except OSError as exc:
        raise SiteError(f"cannot read {site.bib}: {exc.strerror}") from None
    parse = parse_bibfiles([site.bib], site.encoding) if original.strip() else BibParse()
    blocking = [p for p in parse.problems if p.subtype in ("bib_syntax", "bib_encoding")]
    if blocking:
        first = blocking[0]
        raise SiteError(f"{first.location}: {first.message}. Fix refs.bib first (portfolio "
                        "check lists every problem): an entry that cannot be read cannot be "
                        "recognised, and would be added again")
    overlay = None
    if site.overlay is not None and site.overlay.is_file():
        value = load_yaml(site.overlay).value
        overlay = value if isinstance(value, dict) else None
    entries = known_entries(parse.data, parse.locations, overlay)
    return _Existing(parse, entries, Library(entries), original)


def _taken(existing: _Existing) -> set[str]:
    return {key.lower() for key in existing.parse.data.entries}


def _plan_new(site: Site, existing: _Existing, works: list[Work], outcome: Outcome) -> Outcome:
    """Add each work that is not in refs.bib yet; note preprints whose venue version is out."""
    taken = _taken(existing)
    records = []
    for work in works:
        found = existing.library.find(work)
        if found is not None:
            outcome.known += 1
            if found.preprint and not work.preprint:
                outcome.notices.append(_appeared(found, work))
            continue
        if not work.authors or not work.title:
            outcome.notices.append(f"{work.origin}: '{latex_to_text(work.title) or 'untitled'}' "
                                   "names no author or title; add it by hand")
            continue
        entry = record(work, taken)
        records.append(entry)
        outcome.added.append((entry, work))
        existing.library.add(Known(entry.key, Location(str(site.bib)), work.doi, work.arxiv,
                                   work.dblp, "", work.preprint))
    try:
        after = appended(existing.original, records, site.encoding)
    except ValueError as exc:
        raise SiteError(f"{site.bib}: {exc}") from None
    if after != existing.original:
        outcome.changes.append(Change(site.bib, existing.original if site.bib.exists() else None,
                                      after, site.encoding))
    return outcome


def _appeared(found: Known, work: Work) -> str:
    where = work.details.get("booktitle") or work.details.get("journal") or work.origin
    ident = f"doi:{work.doi}" if work.doi else work.origin
    return (f"{found.location}: '{found.key}' is a preprint; its venue version is out "
            f"({latex_to_text(where)}, {work.year}, {ident}). Update the entry's type and venue "
            "by hand (keep its key and the eprint field), so the site shows one paper")


def add(client: Client, site: Site, identifiers: list[Identifier]) -> Outcome:
    """``portfolio add``: the works *identifiers* name."""
    existing = _read(site)
    works = []
    outcome = Outcome(listed=len(identifiers))
    for identifier in identifiers:
        if existing.library.find(_sketch(identifier)) is not None:
            outcome.known += 1  # no need to ask: refs.bib has it by this very identifier
            continue
        if identifier.kind == "doi":
            work = doi.fetch(client, identifier.value)
        elif identifier.kind == "arxiv":
            work = arxiv.fetch_one(client, identifier.value)
            if work.published_doi:  # the venue version, with the arXiv link kept
                work = _venue_version(client, work) or work
        else:
            work = dblp.record(client, identifier.value)
        works.append(work)
    merged, outcome.folded = merge_versions(works)
    return _plan_new(site, existing, merged, outcome)


def _sketch(identifier: Identifier) -> Work:
    """A work known only by *identifier*, to look it up."""
    return Work("misc", "", [], **{identifier.kind: identifier.value})


def _venue_version(client: Client, preprint: Work) -> Work | None:
    try:
        venue = doi.fetch(client, preprint.published_doi)
    except NotFound:
        return None
    if venue.preprint:
        return None
    venue.arxiv = venue.arxiv or preprint.arxiv
    venue.pdf = venue.pdf or preprint.pdf
    return venue


def sync_dblp(client: Client, site: Site, pid: str) -> Outcome:
    """``portfolio sync dblp``: every work DBLP lists for the person."""
    existing = _read(site)
    works = dblp.person_works(client, pid)
    works = [w for w in works if w.entry_type != "proceedings"]  # volumes the person edited
    merged, folded = merge_versions(works)
    outcome = Outcome(listed=len(merged), folded=folded)
    return _plan_new(site, existing, merged, outcome)


def sync_orcid(client: Client, site: Site, orcid_id: str) -> Outcome:
    """``portfolio sync orcid``: every work on the ORCID record, each fetched in full from its
    DOI, arXiv or ORCID record only when refs.bib does not have it yet."""
    existing = _read(site)
    summaries = orcid.works(client, orcid_id)
    outcome = Outcome(listed=len(summaries))
    wanted: list[orcid.Summary] = []
    for summary in summaries:
        sketch = Work("misc", summary.title, [], doi=summary.doi, arxiv=summary.arxiv,
                      preprint=summary.kind == "preprint")
        found = existing.library.find(sketch)
        if found is None or (found.preprint and not sketch.preprint):
            wanted.append(summary)  # new, or maybe the venue version of a preprint we have
        else:
            outcome.known += 1
    preprints = arxiv.fetch(client, [s.arxiv for s in wanted if s.arxiv and not s.doi])
    works: list[Work] = []
    for summary in wanted:
        work = None
        if summary.doi:
            try:
                work = doi.fetch(client, summary.doi)
            except NotFound:
                outcome.notices.append(f"ORCID {orcid_id}: doi.org knows no DOI {summary.doi} "
                                       f"(work '{summary.title}'); correct it on ORCID")
                continue
            work.arxiv = work.arxiv or summary.arxiv
        elif summary.arxiv in preprints:
            work = preprints[summary.arxiv]
        if work is None:
            work = orcid.full_work(client, orcid_id, summary)
        if work is None:
            outcome.notices.append(f"ORCID {orcid_id}: work '{summary.title}' has no DOI, "
                                   "arXiv id or author list; add it to refs.bib by hand")
            continue
        works.append(work)
    merged, outcome.folded = merge_versions(works)
    outcome.listed -= outcome.folded
    return _plan_new(site, existing, merged, outcome)


def sync_citations(client: Client, site: Site, today: dt.date | None = None) -> Outcome:
    """``portfolio sync citations``: OpenAlex's count for every entry with a DOI (an arXiv
    preprint's DOI is its arXiv DOI); entries it does not know keep their last count."""
    if site.citations is None:
        raise SiteError("no citation counts file is set")
    existing = _read(site)
    old: dict[str, CitationCount] = {}
    if site.citations.exists():
        old, problems = load_citations(site.citations)
        if problems:
            raise SiteError(f"{problems[0].location}: {problems[0].message}; fix or delete the "
                            "file, the next run writes it anew")
    outcome = Outcome()
    wanted: dict[str, str] = {}
    for entry in existing.entries:
        ident = entry.doi or (f"10.48550/arxiv.{entry.arxiv}" if entry.arxiv else "")
        if ident:
            wanted[entry.key] = ident
        else:
            outcome.notices.append(f"{entry.location}: '{entry.key}' has no DOI or arXiv id, "
                                   "so it has no citation count")
    outcome.listed = len(wanted)
    counts = openalex.cited_by(client, sorted(set(wanted.values())))
    day = (today or dt.date.today()).isoformat()
    new: dict[str, CitationCount] = {}
    for entry in existing.entries:
        ident = wanted.get(entry.key, "")
        if ident in counts:
            new[entry.key] = CitationCount(counts[ident], day, openalex.SERVICE)
            outcome.known += 1
            continue
        if entry.key in old:
            new[entry.key] = old[entry.key]
        if ident:
            kept = "; its last count is kept" if entry.key in old else ""
            outcome.notices.append(f"{entry.location}: OpenAlex does not know '{entry.key}' "
                                   f"(doi:{ident}){kept}")
    before = site.citations.read_bytes() if site.citations.exists() else None
    after = citations_text(new).encode("utf-8")
    if after != before:
        outcome.changes.append(Change(site.citations, before, after))
    return outcome
