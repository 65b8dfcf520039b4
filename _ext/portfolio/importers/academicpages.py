"""academicpages (Jekyll) sites: the home page's Markdown lists, the collections, the profile.

The home page (``_pages/about.md``, or one ``about.md`` given alone) often holds everything:
publication items whose lines are split by ``<br />`` (title, then authors with the owner in
bold and ``\\*`` marks, then venue and year with ``[[paper]](url)`` links, then notes and award
spans), and Teaching and Service lists. Sections that are not lists of records stay on the home
page, comments hidden. ``_publications/``, ``_talks/`` and ``_teaching/`` are read too.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from ..data.fields import LINK_FIELDS
from ..data.yamlfile import load_yaml
from . import BibRecord, ImportedSite, Progress
from .bibtex import bibtex_name, citation_key, entry_type, escape, venue_field
from .jekyll import (
    Document,
    has_liquid,
    hide_comments,
    only_markup,
    page_from_document,
    read_document,
    report_comments,
    report_front_matter,
    report_markup,
    report_unread,
)
from .links import link_pubs_in_text
from .markdown_lists import Item, Section, list_items, sections, split_comments, without_comments
from .profile import profile_from_academicpages

PUBLICATION_SECTIONS = {"publications", "publication", "research", "papers", "selected publications",
                        "selected papers", "preprints", "conference papers", "journal papers"}
TEACHING_SECTIONS = {"teaching", "teaching experience"}
#: academicpages pages that Liquid fills from the collections; this site makes its own.
GENERATED_PAGES = {"publications", "talks", "teaching", "cv", "cv-json", "portfolio", "year-archive",
                   "category-archive", "tag-archive", "sitemap"}
SERVICE_SECTIONS = {"service", "professional service", "academic service", "services"}

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_DOUBLE_LINK = re.compile(r"\[\[([^\]]+)\]\]\(([^)\s]+)\)")
_BARE_LABEL = re.compile(r"\[([A-Za-z][\w -]{0,30})\](?!\()")
_YEAR_END = re.compile(r"^(?P<venue>.*?)[,\s]*\b(?P<year>(?:19|20)\d\d)\b\s*(?P<rest>\(.*\))?\s*[.,]?\s*$")
_ARXIV_ID = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d\d)(\d\d)\.\d{4,5}")
_MARK = re.compile(r"(\\\*|\*|†|‡|\\dagger|<sup>\s*([*†‡])\s*</sup>)$")
_AWARD = re.compile(r"^<(span|font|strong|b|em|i)\b[^>]*>(.*?)</\1>\s*$", re.S | re.I)
_AWARD_WORDS = re.compile(r"award|best|prize|honou?rable|distinguished|oral|spotlight|winner", re.I)
_LEGEND = re.compile(r"^[_*]*\s*(\\\*|\*|†|‡)\s*(.+?)\s*[_*]*$")
_COURSE_CODE = re.compile(r"^(?P<inst>.*?)\s*\b(?P<code>[A-Z]{2,6}\s?-?\d{2,5}[A-Z]?)$")
_TERM = re.compile(r"\b(?:19|20)\d\d\b")  # a year, in a term or a venue
MARK_NOTES = {"*": "equal", "\\*": "equal", "†": "corresponding", "\\dagger": "corresponding",
              "‡": "corresponding"}


def import_academicpages(path: Path, progress: Progress) -> ImportedSite:
    """Read an academicpages site folder, or one home-page Markdown file."""
    site = ImportedSite()
    if path.is_file():
        _home_page(read_document(path, site), site, progress)
    else:
        _site_folder(path, site, progress)
    if not site.profile.get("name") and site.owner:
        site.profile["name"] = site.owner
        site.guessed(f"profile name {site.owner!r} taken from the bold author; add position, "
                     "affiliation and links in docs/_data/profile.yaml", path)
    elif site.owner and site.owner != site.profile.get("name"):
        site.profile.setdefault("name_variants", []).append(site.owner)  # bold in author lists
    return site


def _site_folder(path: Path, site: ImportedSite, progress: Progress) -> None:
    config = path / "_config.yml"
    if config.exists():
        profile_from_academicpages(load_yaml(config), site)
    home = next((p for p in (path / "_pages" / "about.md", path / "about.md", path / "index.md")
                 if p.exists()), None)
    if home is not None:
        _home_page(read_document(home, site), site, progress)
    else:
        site.guessed("no home page (_pages/about.md, about.md or index.md) found: the home "
                     "page has only a heading", path)
    for name in ("_publications", "_talks", "_teaching"):
        folder = path / name
        if folder.is_dir():
            files = sorted(folder.glob("*.md"))
            COLLECTIONS[name](files, site, progress)
    pages = path / "_pages"
    if pages.is_dir():
        for page in sorted(pages.glob("*.md")):
            if page != home:
                _other_page(page, site)
    report_unread(path, set(COLLECTIONS), site)


# ---------------------------------------------------------------- home page


def _home_page(doc: Document, site: ImportedSite, progress: Progress) -> None:
    report_front_matter(doc, site, used={"title"})
    parts = sections(doc.body, doc.body_line)
    kept: list[Section] = []
    pages: dict[str, str] = {}
    for section in parts:
        kind = section.title.lower().rstrip(":")
        visible, comments = split_comments(section)
        items, _ = list_items(visible)
        if kind in PUBLICATION_SECTIONS and any(len(i.parts) >= 3 for i in items):
            name, page = "publications", _publications(visible, site, doc.path, progress)
        elif kind in TEACHING_SECTIONS and items:
            name, page = "teaching", _teaching(visible, site, doc.path)
        elif kind in SERVICE_SECTIONS and items:
            name, page = "service", _service(visible, site, doc.path)
        else:
            kept.append(section)
            continue
        for line, _ in comments:
            site.guessed(f"HTML comment in the {name} list kept, hidden, at the end of the "
                         f"{name} page", doc.path, line)
        pages[name] = "\n".join([page, *(hide_comments(text) + "\n" for _, text in comments)])
    if not site.owner:
        site.owner = site.profile.get("name", "")
    title = str(doc.meta.get("title") or site.owner or "About")
    body = "\n".join(
        (f"## {s.title}\n" if s.title else "") + "\n".join(s.lines) for s in kept).strip("\n")
    for section in kept:
        report_markup(doc, section.text, site, section.line + (1 if section.title else 0))
    body = link_pubs_in_text(body, site)
    site.pages["index"] = f"# {title}\n\n{hide_comments(body)}\n"
    site.pages.update(pages)


def _prose(other: list[tuple[int, str]], site: ImportedSite, path: Path, what: str) -> str:
    """Lines of a records section that are not records: kept on the page above the list."""
    for line, _ in other:
        site.guessed(f"text in the {what} section kept on the {what} page, above the list",
                     path, line)
    return "\n".join(text for _, text in other)


def _page(title: str, prose: str, directive: str) -> str:
    prose = f"{hide_comments(prose)}\n\n" if prose.strip() else ""
    return f"# {title}\n\n{prose}```{{{directive}}}\n```\n"


# ---------------------------------------------------------------- publications


def _publications(section: Section, site: ImportedSite, path: Path, progress: Progress) -> str:
    items, other = list_items(section)
    prose = []
    owners: Counter[str] = Counter()
    for line, text in other:
        legend = _LEGEND.match(text.strip())
        if legend and legend.group(1) in MARK_NOTES:
            note = MARK_NOTES[legend.group(1)]
            notes = site.settings.setdefault("portfolio_author_notes", {})
            notes[note] = [legend.group(1).replace("\\", ""), legend.group(2).strip("_* ")]
        else:
            prose.append((line, text))
    taken = {e.key for e in site.entries}
    unreadable = []
    for done, item in enumerate(items, start=1):
        progress(done, len(items), "publications")
        if len(item.parts) < 3:
            site.skipped("list item is not a publication (title, authors and venue lines "
                         "separated by <br />); kept as text on the Publications page",
                         path, item.line)
            unreadable.append("- " + " ".join(t for _, t in item.parts))
            continue
        owners.update(_publication(item, site, path, taken))
    if owners and not site.owner:
        site.owner = owners.most_common(1)[0][0]
    site.counts["publication"] += len(items) - len(unreadable)
    text = _prose(prose, site, path, "publications")
    if unreadable:
        text = "\n".join([text, "", *unreadable]).strip("\n")
    return _page(section.title or "Publications", text, "publications")


def _publication(item: Item, site: ImportedSite, path: Path, taken: set[str]) -> list[str]:
    """Read one item into an entry (and overlay notes); return the names shown in bold."""
    (_, title_text), (authors_line, authors_text), (venue_line, venue_text), *rest = item.parts
    title, title_url = _title(title_text)
    names, annotations, bold = _authors(authors_text, site, path, authors_line)
    venue, year, remark, links = _venue_line(venue_text, site, path, venue_line)
    kind, unsure = entry_type(venue)
    if unsure:
        site.guessed(f"venue {venue!r} does not say whether it is a journal or a conference; "
                     "written as @inproceedings (make it @article if it is a journal)",
                     path, venue_line)
    fields = {"title": "{" + escape(title) + "}",
              "author": " and ".join(n if n == "others" else escape(bibtex_name(n)) for n in names)}
    if annotations:
        fields["author+an"] = "; ".join(annotations)
    if venue:
        fields[venue_field(kind)] = escape(venue)
    if year:
        fields["year"] = year
    if remark:
        fields["note"] = escape(remark.strip("() "))
        site.guessed(f"{remark!r} after the year is kept as a note", path, venue_line)
    extra: dict[str, Any] = {}
    if title_url:  # a linked title is the paper's link
        links.insert(0, ("paper", title_url))
    _links(links, fields, extra, site, path, venue_line)
    _notes_and_awards(rest, fields, extra, site, path)
    key = citation_key(names[0] if names else "", year, title, taken)
    site.entries.append(BibRecord(key, kind, fields))
    if extra:
        site.overlay[key] = extra
    return bold


def _authors(text: str, site: ImportedSite, path: Path,
             line: int) -> tuple[list[str], list[str], list[str]]:
    """``(names, author+an parts, names in bold)`` of an author line."""
    names, annotations, bold_names = [], [], []
    for position, raw in enumerate(_split_authors(text), start=1):
        name, bold, marks = _author(raw, site, path, line)
        names.append(name)
        if bold:
            bold_names.append(name)
        if marks:
            annotations.append(f"{position}={','.join(marks)}")
    return names, annotations, bold_names


def _venue_line(text: str, site: ImportedSite, path: Path,
                line: int) -> tuple[str, str | None, str, list[tuple[str, str]]]:
    """``(venue, year, remark after the year, links)`` of "Venue, 2024 [[paper]](url) ..."."""
    links = _DOUBLE_LINK.findall(text)
    rest = _DOUBLE_LINK.sub(" ", text)
    links += _LINK.findall(rest)
    rest = _LINK.sub(" ", rest)
    for label in _BARE_LABEL.findall(rest):
        site.skipped(f"link label [{label}] has no address, so it is not imported; add the "
                     f"link to the entry when there is one", path, line)
    rest = " ".join(_BARE_LABEL.sub(" ", rest).split()).strip(" ,.")
    venue, year, remark = _venue_year(rest)
    inside = _TERM.findall(rest)
    if year is None and inside:
        year = inside[-1]
        site.guessed(f"year {year} read from inside {rest!r}; the venue is kept whole, so the "
                     "year may show twice: shorten the venue", path, line)
    elif year is None:
        year = next((f"20{m.group(1)}" for _, url in links if (m := _ARXIV_ID.search(url))), None)
        if year:
            site.guessed(f"no year in {rest!r}; {year} was read from the arXiv identifier, "
                         "check it", path, line)
        else:
            site.guessed(f"no year in {rest!r}; add one to the entry", path, line)
    return venue, year, remark, links


def _notes_and_awards(lines: list[tuple[int, str]], fields: dict[str, str], extra: dict[str, Any],
                      site: ImportedSite, path: Path) -> None:
    """The lines after the venue: highlighted spans are awards, the rest notes (Markdown)."""
    awards: list[str] = []
    notes: list[str] = []
    for line, text in lines:
        award = _AWARD.match(text)
        if award and not _LINK.search(award.group(2)):
            awards.append(award.group(2).strip())
            if not _AWARD_WORDS.search(award.group(2)):
                site.guessed("highlighted line read as an award", path, line)
        else:
            notes.append(text.strip())
            if re.search(r"<[a-zA-Z]", text):
                site.guessed("note holds raw HTML, kept as written", path, line)
    if awards:
        fields["award"] = escape(awards[0])
    if awards[1:]:
        extra["awards"] = awards[1:]
    if notes:
        extra["notes"] = notes


def _title(text: str) -> tuple[str, str]:
    text = text.strip()
    link = re.fullmatch(r"[*_]*\[(.+)\]\(([^)\s]+)\)[*_]*", text)
    if link:
        return link.group(1).strip("*_ "), link.group(2)
    return text.strip("*_ ").rstrip("."), ""


def _split_authors(text: str) -> list[str]:
    text = re.sub(r",?\s+and\s+", ", ", text.strip().rstrip("."))
    return [a for a in (p.strip() for p in re.split(r",\s*(?![^\[]*\])", text)) if a]


def _author(raw: str, site: ImportedSite, path: Path, line: int) -> tuple[str, bool, list[str]]:
    text = raw.strip()
    bold = bool(re.match(r"^(\*\*|__|<b>|<strong>)", text))
    marks: list[str] = []
    while True:
        text = re.sub(r"^(\*\*|__|<b>|<strong>)|(\*\*|__|</b>|</strong>)$", "", text).strip()
        match = _MARK.search(text)
        if not match or (match.group(0) == "*" and text.endswith("**")):
            break
        symbol = match.group(2) or match.group(1)
        marks.insert(0, MARK_NOTES.get(symbol, "equal"))
        text = text[: match.start()].strip()
    link = _LINK.fullmatch(text)
    if link:
        text = link.group(1)
        if site.coauthors.get(text, link.group(2)) != link.group(2):
            site.guessed(f"{text} is linked to {link.group(2)!r} here and to "
                         f"{site.coauthors[text]!r} before; the first is kept", path, line)
        site.coauthors.setdefault(text, link.group(2))
    if text.lower() in ("et al.", "et al", "others"):
        text = "others"
    return text, bold, marks


def _venue_year(text: str) -> tuple[str, str | None, str]:
    match = _YEAR_END.match(text)
    if not match:
        return text, None, ""
    return match.group("venue").strip(" ,"), match.group("year"), match.group("rest") or ""


def _links(links: list[tuple[str, str]], fields: dict[str, str], extra: dict[str, Any],
           site: ImportedSite, path: Path, line: int) -> None:
    """Links whose label is a link field's (``paper`` is ``url``) become fields, in order;
    any other label is kept as written in the overlay's ``links``."""
    for label, url in links:
        name = "url" if label == "paper" else label.lower()
        spec = LINK_FIELDS.get(name)
        if spec is not None and spec.label in (label, "paper") and name not in fields:
            fields[name] = url
            continue
        others = extra.setdefault("links", {})
        shown, number = label, 2
        while shown in others:
            shown, number = f"{label} {number}", number + 1
        if shown != label:
            site.guessed(f"a second link labelled [{label}] is shown as [{shown}]", path, line)
        others[shown] = url


# ---------------------------------------------------------------- teaching and service


def _teaching(section: Section, site: ImportedSite, path: Path) -> str:
    items, other = list_items(section)
    for item in items:
        (_, head), *rest = item.parts
        course: dict[str, Any] = {}
        head, url = _title(head)
        prefix, sep, name = head.partition(": ")
        if sep:
            code = _COURSE_CODE.match(prefix)
            if code and code.group("inst"):
                course["institution"] = code.group("inst")
                course["code"] = code.group("code")
            elif code:
                course["code"] = code.group("code")
            else:
                course["institution"] = prefix
        course["course"] = name if sep else head
        if rest:
            role, comma, term = rest[0][1].rpartition(", ")
            if comma and _TERM.search(term):
                course["role"], course["term"] = role, term
            else:
                course["role"] = rest[0][1]
        if url:
            course["url"] = url
        if rest[1:]:
            course["notes"] = [text for _, text in rest[1:]]
        site.teaching.append({k: course[k] for k in ("institution", "code", "course", "role",
                                                      "term", "url", "notes") if k in course})
    site.counts["course"] += len(items)
    return _page(section.title or "Teaching", _prose(other, site, path, "teaching"), "teaching")


def _service(section: Section, site: ImportedSite, path: Path) -> str:
    items, other = list_items(section)
    for item in items:
        text = " ".join(t for _, t in item.parts)
        role, sep, rest = text.partition(": ")
        entries: list[Any] = []
        for part in _split_top_level(rest) if sep else []:
            entries.append(int(part) if part.isdigit() else part)
        site.service.append({"role": role.strip(), **({"items": entries} if entries else {})})
        if len(item.parts) > 1:
            site.guessed("service item spans several lines; joined into one", path, item.line)
    site.counts["service role"] += len(items)
    return _page(section.title or "Service", _prose(other, site, path, "service"), "service")


def _split_top_level(text: str) -> list[str]:
    """Split at commas that are not inside parentheses or brackets."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += (char in "([" and 1) or 0
        depth -= (char in ")]" and 1) or 0
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [p for p in parts if p]


# ---------------------------------------------------------------- collections and other pages


def _collection_publications(files: list[Path], site: ImportedSite, progress: Progress) -> None:
    """``_publications/*.md``: one entry each; authors come from ``authors`` or ``citation``."""
    taken = {e.key for e in site.entries}
    for done, path in enumerate(files, start=1):
        progress(done, len(files), "publications")
        doc = read_document(path, site)
        meta = doc.meta
        report_front_matter(doc, site, used={"title", "date", "venue", "paperurl", "slidesurl",
                                             "citation", "authors", "category", "excerpt",
                                             "bibtexurl", "codeurl"})
        title = str(meta.get("title") or "").strip()
        if not title:
            site.skipped("publication without a title not imported", path, 1)
            continue
        year = str(meta.get("date", ""))[:4] or None
        venue = str(meta.get("venue") or "")
        authors = _collection_authors(doc, site)
        kind = {"manuscripts": "article", "conferences": "inproceedings",
                "books": "book"}.get(str(meta.get("category", "")))
        if kind is None:
            kind, unsure = entry_type(venue)
            if unsure:
                site.guessed(f"venue {venue!r}: written as @inproceedings (make it @article if "
                             "it is a journal)", path, doc.line("venue"))
        fields = {"title": "{" + escape(title) + "}"}
        if authors:
            fields["author"] = " and ".join(escape(bibtex_name(a)) for a in authors)
        if venue:
            fields[venue_field(kind) if kind != "book" else "publisher"] = escape(venue)
        if year:
            fields["year"] = year
        for meta_key, field_name in (("paperurl", "url"), ("codeurl", "code"), ("slidesurl", "slides")):
            if meta.get(meta_key):
                fields[field_name] = str(meta[meta_key])
        if meta.get("bibtexurl"):
            site.skipped("bibtexurl not imported: the entry itself is in refs.bib now", path,
                         doc.line("bibtexurl"))
        abstract = without_comments(doc.body).strip()
        report_comments(doc, site)
        excerpt = str(meta.get("excerpt") or "").strip()
        if excerpt and abstract:
            site.skipped(f"excerpt {excerpt!r} not imported: the body is the abstract", path,
                         doc.line("excerpt"))
        abstract = abstract or excerpt
        if abstract:
            fields["abstract"] = escape(" ".join(abstract.split()))
        key = citation_key(authors[0] if authors else "", year, title, taken)
        site.entries.append(BibRecord(key, kind, fields))
        site.counts["publication"] += 1
    if files and "publications" not in site.pages:
        site.pages["publications"] = _page("Publications", "", "publications")


def _collection_authors(doc: Document, site: ImportedSite) -> list[str]:
    """Authors from ``authors`` (a list or text), else from the ``citation`` text."""
    meta, path = doc.meta, doc.path
    if isinstance(meta.get("authors"), list):
        return [str(a) for a in meta["authors"]]
    if isinstance(meta.get("authors"), str):
        return _split_authors(meta["authors"])
    citation = re.sub(r"<[^>]+>|&quot;", "", str(meta.get("citation") or ""))
    head = re.split(r"\(\s*(?:19|20)\d\d\s*\)", citation)[0].strip()
    head = re.sub(r"(?<=[a-z]{2})\.$", "", head)
    if not head:
        site.guessed("no authors found (neither 'authors' nor 'citation'); add them to the "
                     "entry", path, doc.line("title"))
        return []
    parts = [p.strip() for p in re.split(r",\s*|\s+(?:and|&)\s+", head) if p.strip()]
    names = []
    while parts:  # "Last, F., Last2, F." → pairs; a part with a space is a whole name
        part = parts.pop(0)
        if " " not in part and parts and re.fullmatch(r"(?:[A-Z]\.?\s?-?){1,3}", parts[0]):
            names.append(f"{part}, {parts.pop(0)}")
        else:
            names.append(part)
    site.guessed(f"authors read from the citation text: {'; '.join(names)}; check them", path,
                 doc.line("citation"))
    return names


def _collection_talks(files: list[Path], site: ImportedSite, progress: Progress) -> None:
    """``_talks/*.md`` → talk records (``docs/_data/talks.yaml``), newest first, and a Talks
    page that lists them; the body's lines become notes."""
    talks = []
    for done, path in enumerate(files, start=1):
        progress(done, len(files), "talks")
        doc = read_document(path, site)
        meta = doc.meta
        report_front_matter(doc, site, used={"title", "type", "venue", "date", "location",
                                             "talk_url"})
        report_comments(doc, site)
        report_markup(doc, doc.body, site, doc.body_line)
        notes = [str(meta["type"])] if meta.get("type") else []
        notes += [line.strip() for line in without_comments(doc.body).splitlines() if line.strip()]
        talk = {"title": str(meta.get("title") or path.stem)}
        for key, name in (("venue", "event"), ("location", "location"), ("talk_url", "url"),
                          ("date", "dates")):
            if meta.get(key):
                talk[name] = str(meta[key])
        if notes:
            talk["notes"] = notes
        talks.append(talk)
        site.counts["talk"] += 1
    site.cv["talks"] = sorted(talks, key=lambda t: t.get("dates", ""), reverse=True)
    site.pages["talks"] = _page("Talks", "", "talks")


def _collection_teaching(files: list[Path], site: ImportedSite, progress: Progress) -> None:
    """``_teaching/*.md`` → teaching records; the body's lines become notes."""
    for done, path in enumerate(files, start=1):
        progress(done, len(files), "courses")
        doc = read_document(path, site)
        meta = doc.meta
        report_front_matter(doc, site, used={"title", "type", "venue", "date", "location"})
        course: dict[str, Any] = {"course": str(meta.get("title") or path.stem)}
        if meta.get("venue"):
            course["institution"] = str(meta["venue"])
        if meta.get("type"):
            course["role"] = str(meta["type"])
        if meta.get("date"):
            course["term"] = str(meta["date"])[:4]
            site.guessed(f"term {course['term']} taken from the date; write the term "
                         "(e.g. 'Spring 2014') if you prefer", path, doc.line("date"))
        if meta.get("location"):
            site.skipped(f"location {meta['location']!r} not imported (courses have none)", path,
                         doc.line("location"))
        report_comments(doc, site)
        notes = [line.strip() for line in without_comments(doc.body).splitlines()
                 if line.strip() and not line.startswith("#")]
        for offset, line in enumerate(without_comments(doc.body).splitlines()):
            if line.startswith("#"):
                site.skipped(f"heading {line.strip()!r} not imported", path, doc.body_line + offset)
        if notes:
            course["notes"] = notes
        site.teaching.append(course)
        site.counts["course"] += 1
    if files and "teaching" not in site.pages:
        site.pages["teaching"] = _page("Teaching", "", "teaching")


COLLECTIONS = {
    "_publications": _collection_publications,
    "_talks": _collection_talks,
    "_teaching": _collection_teaching,
}


def _other_page(path: Path, site: ImportedSite) -> None:
    """Another page of ``_pages/``: converted when it is plain Markdown; pages that Liquid
    generates from the collections are replaced by this site's own pages."""
    doc = read_document(path, site)
    name = path.stem.lower()
    if name in site.pages or (name in GENERATED_PAGES and has_liquid(doc.body)):
        site.skipped(f"page {path.name} not converted: this site's {name} page replaces it",
                     path, 1)
    elif has_liquid(doc.body) and only_markup(doc.body):
        site.skipped(f"page {path.name} not converted: it is made by Liquid only", path, 1)
    else:
        site.pages[name] = page_from_document(doc, site)
        site.counts["page"] += 1
