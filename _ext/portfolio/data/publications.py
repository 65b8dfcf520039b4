"""Publication records from parsed BibTeX entries and the optional overlay YAML.

The overlay, keyed by citation key, adds site-only fields (notes, awards, extra links) so a
``.bib`` shared with LaTeX papers stays clean. Overlay values win over the entry's.

A record depends only on its BibTeX piece, its overlay entry and the link labels, so a rebuild
takes the records of unchanged entries from the previous build (:class:`Reuse`) and decodes
only the entries that changed.
"""

from __future__ import annotations

import dataclasses
import mimetypes
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import split_name_list

from ..model import Author, Link, Location, Problem, Publication
from ..text.latex import latex_to_text, math_parts
from ..text.markdown import link_targets
from ..text.names import author_from_person
from ..text.urls import unsafe_url_reason
from .digest import digest
from .export import entry_bibtex
from .fields import FIELDS, LINK_FIELDS
from .yamlfile import YamlData, validate

KNOWN_TYPES = frozenset({
    "article", "inproceedings", "conference", "incollection", "inbook", "book", "booklet",
    "proceedings", "collection", "misc", "online", "unpublished", "preprint", "phdthesis",
    "mastersthesis", "thesis", "techreport", "report", "manual", "patent", "dataset", "software",
})
VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "eventtitle", "howpublished", "school",
                "institution", "organization", "publisher")
_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
_ACRONYM = re.compile(r"\(([^()]{2,24})\)\s*$")
_TRUE = frozenset({"true", "yes", "1", "on"})
#: biblatex ``pubstate`` values and the status a reader sees.
_PUBSTATE = {"submitted": "under review", "forthcoming": "to appear", "inpress": "to appear",
             "prepublished": "preprint"}
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def overlay_schema() -> dict[str, Any]:
    """JSON Schema of the overlay file, derived from :mod:`portfolio.data.fields`."""
    scalar = {"type": ["string", "integer", "boolean"]}
    entry = {
        "type": "object",
        "additionalProperties": False,
        "properties": {spec.name: scalar for spec in FIELDS} | {
            "notes": {"type": "array", "items": {"type": "string"}},
            "awards": {"type": "array", "items": {"type": "string"}},
            "keywords": {"type": ["string", "array"], "items": {"type": "string"}},
            "links": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    }
    return {"type": "object", "additionalProperties": entry}


@dataclass
class Reuse:
    """Records of a previous build, by stamp (the digest of the entry's BibTeX piece, its
    overlay entry and the link labels); :attr:`kept` collects this build's for the next one."""

    digests: Mapping[str, str]  #: citation key -> digest of its piece (``BibParse.digests``)
    previous: Mapping[str, Publication] = field(default_factory=dict)
    kept: dict[str, Publication] = field(default_factory=dict)


def build_publications(
    bib: BibliographyData,
    locations: Mapping[str, Location],
    overlay: YamlData | None,
    link_labels: Mapping[str, str],
    reuse: Reuse | None = None,
) -> tuple[list[Publication], list[Problem]]:
    """Merge entries with the overlay and decode them; an entry that cannot render is reported.
    With *reuse*, unchanged entries that had no problem are taken from the previous build."""
    problems: list[Problem] = []
    extra: dict[str, Any] = {}
    if overlay is not None:
        invalid = {path[0] for path in validate(overlay, overlay_schema()) if path}
        if isinstance(overlay.value, dict):
            extra = {k: v for k, v in overlay.value.items() if k not in invalid and v}
        problems.extend(overlay.problems)
        for key in extra:
            if key not in bib.entries:
                problems.append(Problem(
                    f"the overlay has an entry {key!r} that matches no BibTeX key; fix the key",
                    overlay.location(key), "overlay_key"))
    records = []
    names = _Names()
    labels = repr(sorted(link_labels.items()))
    for key, entry in bib.entries.items():
        where = locations.get(key)
        stamp = None
        if reuse is not None and key in reuse.digests:
            stamp = digest(f"{reuse.digests[key]} {labels} {extra.get(key, {})!r}")
            record = reuse.previous.get(stamp)
            if record is not None:
                if record.location != (where or Location("")):
                    record = dataclasses.replace(record, location=where or Location(""))
                records.append(record)
                reuse.kept[stamp] = record
                continue
        found = len(problems)
        record = _build_one(key, entry, extra.get(key, {}), where, link_labels, names, problems)
        if record is not None:
            records.append(record)
            if stamp is not None and len(problems) == found:
                reuse.kept[stamp] = record
    return records, problems


class _Names:
    """Each parsed name decoded once per load: the owner and co-authors recur from entry to
    entry. Keyed by the name's parts, so equal names share one decoding."""

    def __init__(self) -> None:
        self.authors: dict[tuple, Author] = {}
        self.texts: dict[tuple, str] = {}

    @staticmethod
    def _key(person: Person) -> tuple:
        return (tuple(person.first_names), tuple(person.middle_names),
                tuple(person.prelast_names), tuple(person.last_names),
                tuple(person.lineage_names))

    def author(self, person: Person, notes: tuple[str, ...]) -> Author:
        key = self._key(person)
        found = self.authors.get(key)
        if found is None:
            found = self.authors[key] = author_from_person(person)
        return dataclasses.replace(found, notes=notes) if notes else found

    def text(self, person: Person) -> str:
        """The name as BibTeX writes it."""
        key = self._key(person)
        found = self.texts.get(key)
        if found is None:
            found = self.texts[key] = str(person)
        return found


def _build_one(key: str, entry: Entry, extra: Mapping[str, Any], where: Location | None,
               link_labels: Mapping[str, str], names: _Names,
               problems: list[Problem]) -> Publication | None:
    fields = {name.lower(): str(value) for name, value in entry.fields.items()}
    for name, value in extra.items():
        if name not in ("notes", "awards", "links", "keywords"):
            fields[name.lower()] = str(value).lower() if isinstance(value, bool) else str(value)
    location = where or Location("")

    def problem(message: str, subtype: str) -> None:
        problems.append(Problem(f"entry {key!r}: {message}", location, subtype))

    title = latex_to_text(fields.get("title", ""))
    if not title:
        problem("has no title, so it is not shown; add a title field", "bib_entry")
        return None
    entry_type = entry.type.lower()
    if entry_type not in KNOWN_TYPES:
        problem(f"unknown entry type @{entry.type}; it is shown like @misc. "
                f"Known types: {', '.join(sorted(KNOWN_TYPES))}", "bib_entry")
        entry_type = "misc"

    persons = list(entry.persons.get("author", ()))
    if "author" in extra:
        persons = [Person(name) for name in split_name_list(str(extra["author"]))]
    if not persons:
        problem("has no author; add an author field", "bib_entry")
    notes_by_position = _annotations(fields.get("author+an", ""), problem)
    authors = tuple(names.author(p, notes_by_position.get(i, ()))
                    for i, p in enumerate(persons, start=1))

    year, month = _date(fields, problem)
    venue = latex_to_text(next((fields[f] for f in VENUE_FIELDS if fields.get(f)), ""))
    if entry_type in ("phdthesis", "mastersthesis") and venue:
        kind = "Ph.D. thesis" if entry_type == "phdthesis" else "Master's thesis"
        venue = f"{kind}, {venue}"
    short = latex_to_text(fields.get("abbr", ""))
    if not short:
        match = _ACRONYM.search(venue)
        short = match.group(1) if match else venue
    short_title = latex_to_text(fields.get("shorttitle", "")) or title.split(":")[0].strip()

    links = _links(fields, extra.get("links", {}), link_labels, problem)
    awards = [latex_to_text(fields.get("award", "") or fields.get("award_name", ""))]
    awards += [str(a) for a in extra.get("awards", ())]
    notes = [latex_to_text(fields[f]) for f in ("note",) if fields.get(f)]
    notes += [fields[f] for f in ("additional_info", "annotation") if fields.get(f)]
    notes += [str(n) for n in extra.get("notes", ())]
    for note in notes:
        for target in link_targets(note):
            reason = unsafe_url_reason(target)
            if reason:
                problem(f"the note link {target!r} is shown as plain text: {reason}", "unsafe_url")
    preview = fields.get("preview", "").strip()
    reason = unsafe_url_reason(preview) if preview else None
    if reason:
        problem(f"the preview {preview!r} is not shown: {reason}", "unsafe_url")
        preview = ""
    elif preview and not (mimetypes.guess_type(preview)[0] or "").startswith("image/"):
        problem(f"the preview {preview!r} is not shown: it is not an image; use a .png, .jpg, "
                ".gif, .webp or .svg file", "bib_entry")
        preview = ""
    keywords = extra.get("keywords", fields.get("keywords", ""))
    if isinstance(keywords, str):
        keywords = [k for k in re.split(r"[;,]", latex_to_text(keywords))]
    return Publication(
        key=key,
        entry_type=entry_type,
        title=title,
        authors=authors,
        year=year,
        month=month,
        venue=venue,
        venue_short=short,
        short_title=short_title,
        title_math=math_parts(fields.get("title", "")),
        links=tuple(links),
        awards=tuple(a for a in awards if a),
        notes=tuple(notes),
        keywords=tuple(k.strip() for k in keywords if str(k).strip()),
        selected=fields.get("selected", "").strip().lower() in _TRUE,
        abstract=latex_to_text(fields.get("abstract", "")),
        abbr=latex_to_text(fields.get("abbr", "")),
        status=_status(fields),
        kind=fields.get("kind", "").strip().lower(),
        preview=preview,
        bibtex=entry_bibtex(key, entry, names.text),
        fields=fields,
        location=location,
    )


def _status(fields: Mapping[str, str]) -> str:
    status = latex_to_text(fields.get("status", ""))
    if status:
        return status
    state = fields.get("pubstate", "").strip().lower()
    return _PUBSTATE.get(state, latex_to_text(state))


def _annotations(value: str, problem) -> dict[int, tuple[str, ...]]:
    """Parse biblatex ``author+an`` (``1=equal; 3=corresponding,student``)."""
    result: dict[int, tuple[str, ...]] = {}
    for part in filter(None, (p.strip() for p in value.split(";"))):
        position, _, names = part.partition("=")
        if not position.strip().isdigit() or not names.strip():
            problem(f"cannot read author+an item {part!r}; write it like 1=equal", "bib_entry")
            continue
        result[int(position)] = tuple(n.strip() for n in names.split(",") if n.strip())
    return result


def _date(fields: Mapping[str, str], problem) -> tuple[int | None, int | None]:
    year_text = fields.get("year", "").strip()
    date_text = fields.get("date", "").strip()
    date_parts = re.match(r"^(\d{4})(?:-(\d{1,2}))?", date_text)
    year = None
    if year_text:
        if re.fullmatch(r"\d{4}", latex_to_text(year_text)):
            year = int(latex_to_text(year_text))
        else:
            problem(f"year {year_text!r} is not a four-digit year; write e.g. year = {{2024}}",
                    "bib_entry")
    elif date_parts:
        year = int(date_parts.group(1))
    else:
        problem("has no year (or biblatex date); add one so it sorts correctly", "bib_entry")
    month_text = fields.get("month", "").strip()
    month = None
    if month_text:
        lowered = month_text.lower().rstrip(".")
        if lowered.isdigit() and 1 <= int(lowered) <= 12:
            month = int(lowered)
        elif lowered in _MONTHS:
            month = _MONTHS[lowered]
        else:
            problem(f"month {month_text!r} is not a month; write jan ... dec or 1 ... 12",
                    "bib_entry")
    elif date_parts and date_parts.group(2) and 1 <= int(date_parts.group(2)) <= 12:
        month = int(date_parts.group(2))
    return year, month


def _links(fields: Mapping[str, str], extra_links: Mapping[str, str],
           labels: Mapping[str, str], problem) -> list[Link]:
    links: list[Link] = []
    seen: set[str] = set()
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").lower()
    for name, value in fields.items():
        spec = LINK_FIELDS.get(name)
        if spec is None or not value.strip():
            continue
        if name == "eprint" and archive != "arxiv":
            continue
        url = value.strip()
        if spec.url_prefix and not re.match(r"^[a-z]+://", url):
            url = spec.url_prefix + url.removeprefix("arXiv:").removeprefix("doi:")
        _add_link(links, seen, name, labels.get(name, spec.label), url, problem)
    for label, url in extra_links.items():
        _add_link(links, seen, "links", str(label), str(url), problem)
    return links


def _add_link(links, seen, name, label, url, problem) -> None:
    url = latex_to_text(url) if "\\" in url else url
    reason = unsafe_url_reason(url)
    if reason:
        problem(f"the {name} link {url!r} is not shown: {reason}", "unsafe_url")
        return
    if url in seen:
        return
    seen.add(url)
    local = not _SCHEME.match(url) and not url.startswith("#")
    links.append(Link(field=name, label=label, url=url.lstrip("/") if local else url, local=local))

