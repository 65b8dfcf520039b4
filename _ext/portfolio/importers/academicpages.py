"""academicpages (Jekyll) sites: the home page's Markdown lists, the collections, the profile.

The home page (``_pages/about.md``, or one ``about.md`` given alone) often holds everything:
publication items whose lines are split by ``<br />`` (title, then authors with the owner in
bold and ``\\*`` marks, then venue and year with ``[[paper]](url)`` links, then notes and award
spans), and Teaching and Service lists. Sections that are not lists of records stay on the home
page, comments hidden. ``_publications/``, ``_talks/`` and ``_teaching/`` are read too.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from typing import Any

from ..data.fields import LINK_FIELDS
from ..data.yamlfile import load_yaml
from ..text.names import owner_spellings
from . import BibRecord, ImportedSite, Progress
from .authors import MARK_NOTES, AuthorList, read_authors
from .bibtex import Keys, bibtex_name, citation_key, entry_type, escape, escape_title, venue_field
from .citations import (
    LABEL_LINK,
    Parts,
    authors_in_citation,
    authors_like,
    item_parts,
    plain,
    read_date,
    venue_details,
)
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
    without_liquid,
)
from .links import link_pubs_in_text, publications
from .markdown_lists import Block, Section, blocks, list_items, sections, split_comments, without_comments
from .marks import note_marks
from .owner import note_owner
from .profile import profile_from_academicpages

TEACHING_SECTIONS = {"teaching", "teaching experience"}
#: academicpages pages that Liquid fills from the collections; this site makes its own.
GENERATED_PAGES = {"publications", "talks", "teaching", "cv", "cv-json", "portfolio", "year-archive",
                   "category-archive", "tag-archive", "sitemap"}
SERVICE_SECTIONS = {"service", "professional service", "academic service", "services"}

_LINK = re.compile(r"\[([^\[\]]*)\]\(([^)\s\[]+)\)")
_PUBLICATION_WORDS = re.compile(r"\b(publications?|papers?|preprints?|articles?|manuscripts?|journals?|"
                                r"conferences?|proceedings|books?|chapters?|theses|thesis|"
                                r"dissertations?|論文|论文|发表)\b")
_OTHER_WORDS = re.compile(r"\b(news|talks?|presentations?|awards?|honou?rs?|teaching|service|"
                          r"review(?:er|ing|s)?|education|experience|skills?|contact|projects?|"
                          r"interests?|grants?|funding|students?|group|code|software|media)\b")
#: Lines that read as a sentence about the list rather than a title.
_NOT_A_TITLE = re.compile(r"^(?:see|for|please|you can|a full list|full list|more|check|"
                          r"\(?\W*\s*(?:indicates|denotes))\b", re.I)
_BARE_LABEL = re.compile(r"\[([A-Za-z][\w -]{0,30})\](?!\()")
_YEAR_END = re.compile(r"^(?P<venue>.*?)[,\s]*\b(?P<year>(?:19|20)\d\d)\b\s*(?P<rest>\(.*\))?\s*[.,]?\s*$")
_ARXIV_ID = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d\d)(\d\d)\.\d{4,5}")
_AWARD = re.compile(r"^<(span|font|strong|b|em|i)\b[^>]*>(.*?)</\1>\s*$", re.S | re.I)
_AWARD_WORDS = re.compile(r"award|best|prize|honou?rable|distinguished|oral|spotlight|winner", re.I)
_LEGEND = re.compile(r"^(\*|†|‡)(?:\s+|\s*:\s*)(.+?)$")
_MATH_MARK = re.compile(r"\$\s*\^\s*\{?\s*(\\dagger|\\ddagger|\\ast|\*|†|‡)\s*\}?\s*\$")
_COURSE_CODE = re.compile(r"^(?P<inst>.*?)\s*\b(?P<code>[A-Z]{2,6}\s?-?\d{2,5}[A-Z]?)$")
_TERM = re.compile(r"\b(?:19|20)\d\d\b")  # a year, in a term or a venue


def import_academicpages(path: Path, progress: Progress) -> ImportedSite:
    """Read an academicpages site folder, or one home-page Markdown file."""
    site = ImportedSite(root=path.parent if path.is_file() else path)
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
    note_owner(site, publications(site.entries).values(), path)
    note_marks(site, (e.fields["author+an"] for e in site.entries if "author+an" in e.fields),
               path)
    return site


def _site_folder(path: Path, site: ImportedSite, progress: Progress) -> None:
    config = path / "_config.yml"
    if site.readable(config):
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


def section_kind(title: str) -> str:
    """"publications", "teaching", "service" or "" for a section heading as people write it
    ("📝 Publications", "Publications & Preprints", "Selected Papers", "Journal Articles")."""
    words = " ".join(re.sub(r"[^\w&]+", " ", plain(title).lower()).split())
    if words in TEACHING_SECTIONS:
        return "teaching"
    if words in SERVICE_SECTIONS:
        return "service"
    if words in ("research", "selected research") or (
            _PUBLICATION_WORDS.search(words) and not _OTHER_WORDS.search(words)):
        return "publications"
    return ""


def _home_page(doc: Document, site: ImportedSite, progress: Progress) -> None:
    report_front_matter(doc, site, used={"title"})
    kept: list[Section] = []
    pages: dict[str, str] = {}
    pub_sections: list[Section] = []
    pub_level = 0

    def flush_publications() -> None:
        page = _publications(pub_sections, site, doc.path, progress)
        if page is None:
            kept.extend(pub_sections)
        else:
            pages["publications"] = page

    for section in sections(doc.body, doc.body_line):
        kind = section_kind(section.title) if section.title else ""
        if pub_sections and (section.level > pub_level or kind == "publications"):
            pub_sections.append(section)  # a topic subsection, or another list of papers
            continue
        if pub_sections:
            flush_publications()
            pub_sections = []
        if kind == "publications":
            pub_sections, pub_level = [section], section.level
            continue
        visible, comments = split_comments(section)
        items, _ = list_items(visible)
        if kind == "teaching" and items:
            name, page = "teaching", _teaching(visible, site, doc.path)
        elif kind == "service" and items:
            name, page = "service", _service(visible, site, doc.path)
        else:
            kept.append(section)
            continue
        pages[name] = _with_comments(page, comments, name, site, doc.path)
    if pub_sections:
        flush_publications()
    if not site.owner:
        site.owner = site.profile.get("name", "")
    title = str(doc.meta.get("title") or site.owner or "About")
    body = "\n".join((f"{'#' * max(2, s.level)} {s.title}\n" if s.title else "")
                     + "\n".join(s.lines) for s in kept).strip("\n")
    for section in kept:
        report_markup(doc, section.text, site, section.line + (section.heading_lines
                                                               if section.title else 0))
    body = link_pubs_in_text(body, site)
    site.pages["index"] = f"# {title}\n\n{hide_comments(body)}\n"
    for name, page in pages.items():
        site.pages.setdefault(name, page)


def _with_comments(page: str, comments: list[tuple[int, str]], name: str, site: ImportedSite,
                   path: Path) -> str:
    """The page with the list's HTML comments kept, hidden, at its end."""
    _note_comments(comments, name, site, path)
    return _hidden_at_end(page, comments)


def _note_comments(comments: list[tuple[int, str]], name: str, site: ImportedSite,
                   path: Path) -> None:
    for line, _ in comments:
        site.guessed(f"HTML comment in the {name} list kept, hidden, at the end of the "
                     f"{name} page", path, line)


def _hidden_at_end(page: str, comments: list[tuple[int, str]]) -> str:
    return "\n".join([page, *(hide_comments(text) + "\n" for _, text in comments)])


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


def _publications(parts: list[Section], site: ImportedSite, path: Path,
                  progress: Progress) -> str | None:
    """The publications page made from a publications section and its subsections; None
    when no block of them is a publication (the sections then stay where they were)."""
    owner = _owner_words(site)
    split = [split_comments(section) for section in parts]
    comments = [comment for _, found in split for comment in found]
    # a subsection's heading is a topic: its entries get it as a keyword, the page a list each
    readings = [(_topic(section) if index else "", block, _reading(block, owner))
                for index, (section, (body, _)) in enumerate(zip(parts, split))
                for block in blocks(body)]
    if not any(reading for _, _, reading in readings):
        return None
    topics: dict[str, int] = {}
    prose: list[tuple[int, str]] = []
    unreadable: list[str] = []
    owners: Counter[str] = Counter()
    taken = Keys(e.key for e in site.entries)
    titles = {_title_words(e.fields.get("title", "")) for e in site.entries}
    for done, (topic, block, reading) in enumerate(readings, start=1):
        progress(done, len(readings), "publications")
        if reading is None:
            text = " ".join(block.source)
            legends = _legends(text) if not block.is_item else []
            if legends:
                notes = site.settings.setdefault("portfolio_author_notes", {})
                for mark, words in legends:
                    notes[MARK_NOTES[mark]] = [mark, words]
            elif block.is_item:
                site.skipped("list item is not a publication (no authors or year found next to "
                             "a title); kept as text on the Publications page", path, block.line)
                unreadable.append("- " + " ".join(t.strip() for t in block.source))
            elif not only_markup("\n".join(block.source)):  # empty wrappers (<div>) go
                prose.append((block.line, "\n".join(block.source)))
            continue
        if _title_words(reading[0].title) in titles:
            site.skipped(f"{reading[0].title!r} is listed twice; imported once", path, block.line)
            continue
        titles.add(_title_words(reading[0].title))
        owners.update(_publication(block, reading, site, path, taken, owner))
        site.counts["publication"] += 1
        if topic:
            site.entries[-1].fields["keywords"] = escape(topic)
        topics[topic] = topics.get(topic, 0) + 1
    _note_comments(comments, "publications", site, path)
    if owners and not site.owner:
        site.owner = owners.most_common(1)[0][0]
    text = _prose(prose, site, path, "publications")
    if unreadable:
        text = "\n".join([text, "", *unreadable]).strip("\n")
    page = _page(plain(parts[0].title) or "Publications", text, "publications")
    if any(topics):
        lists = ["```{publications}\n:filter: not keywords\n```\n"] if topics.get("") else []
        lists += [f"## {topic}\n\n```{{publications}}\n:keyword: {topic}\n```\n"
                  for topic in topics if topic]
        page = page.rpartition("```{publications}")[0] + "\n".join(lists)
    return _hidden_at_end(page, comments)


def _topic(section: Section) -> str:
    """A subsection's heading as a keyword (commas would split it in ``:keyword:``)."""
    return " ".join(plain(section.title).replace(",", " ").split())


def _legends(text: str) -> list[tuple[str, str]]:
    """``(mark, words)`` of a line that explains the marks after names: "_* indicates equal
    contribution_", "($^*$ equal contribution; $^{\\dagger}$ project lead)"; [] for others."""
    text = re.sub(r"</?[a-zA-Z][^>]*>", "", text).replace("\\*", "*")
    text = _MATH_MARK.sub(lambda m: {"\\dagger": "†", "\\ddagger": "‡", "\\ast": "*"}.get(
        m.group(1), m.group(1)), text)
    found = []
    for piece in text.split(";"):
        legend = _LEGEND.match(piece.strip().strip("_() ").strip())
        if not legend:
            return []
        found.append((legend.group(1), legend.group(2).strip("_*():; ")))
    return found


def _owner_words(site: ImportedSite) -> tuple[str, ...]:
    name = site.profile.get("name") or site.owner
    return tuple(owner_spellings(name)[0].split()) if name else ()


def _title_words(title: str) -> str:
    return " ".join(re.findall(r"\w+", plain(title).casefold()))


Reading = tuple[Parts, int, int]
#: A block longer than this is no publication (an author list of a thousand names is still
#: shorter), and reading it would only take time.
_LONGEST = 20000


def _reading(block: Block, owner: tuple[str, ...]) -> Reading | None:
    """The parts of a block that is a publication: a title with authors, or with a year."""
    lines = [text for _, text in block.lines]
    if sum(map(len, lines)) > _LONGEST:
        return None
    found = item_parts(lines, owner)
    if found is None:
        return None
    parts, title_at, venue_at = found
    if len(plain(parts.title).split()) < 2 or _NOT_A_TITLE.match(plain(parts.title)):
        return None
    if parts.authors is not None:
        return found
    if len(lines) == 1 or not block.is_item:  # a paragraph counts when it has authors
        return None
    year = any(_TERM.search(plain(line)) for i, line in enumerate(lines) if i != title_at)
    return found if year else None


def _publication(block: Block, reading: Reading, site: ImportedSite, path: Path,
                 taken: Keys, owner: tuple[str, ...]) -> list[str]:
    """Read one block into an entry (and overlay notes); return the names shown in bold."""
    parts, title_at, venue_at = reading
    lines = block.lines
    title_line = lines[title_at][0] if 0 <= title_at < len(lines) else block.line
    venue_line = lines[venue_at][0] if 0 <= venue_at < len(lines) else title_line
    venue_text = parts.venue
    if len(lines) == 1:
        rest: list[tuple[int, str]] = []
        links = _label_links(lines[0][1])
    else:
        used = {title_at, venue_at} | {i for i, (_, t) in enumerate(lines)
                                       if parts.authors is not None and i not in (title_at, venue_at)
                                       and authors_like(t, owner)}
        links = _label_links(lines[title_at][1]) if title_at >= 0 else []
        rest = []
        for index, (number, text) in enumerate(lines):
            if index in used:
                continue
            remaining, found = _take_links(text)
            if plain(remaining).strip(" []|,.·-"):
                rest.append((number, text))  # a note; its links stay in it
            else:
                links += found
    venue, year, remark, venue_links = _venue_line(plain_keep_links(venue_text), site, path,
                                                   venue_line)
    links = [*links, *venue_links]
    if year is None:
        year = next((m.group(0) for _, t in lines if (m := _TERM.search(plain(t)))), None)
    kind, unsure = entry_type(venue)
    if unsure and venue:
        site.guessed(f"venue {venue!r} does not say whether it is a journal or a conference; "
                     "written as @inproceedings (make it @article if it is a journal)",
                     path, venue_line)
    fields = {"title": "{" + escape_title(parts.title) + "}"}
    bold: list[str] = []
    if parts.authors is not None:
        names = parts.authors.names
        fields["author"] = " and ".join(n if n == "others" else escape(bibtex_name(n))
                                        for n in names)
        if parts.authors.notes:
            fields["author+an"] = parts.authors.annotation()
        bold = parts.authors.owner_marked
        _coauthor_links(lines, names, site, path)
    else:
        shown = parts.authors_text or "(none)"
        site.guessed(f"authors not found with confidence in {shown!r}; the entry has no "
                     "author: add them", path, title_line)
    venue, details = venue_details(venue)
    if venue:
        fields[venue_field(kind)] = escape(venue)
    if year:
        fields["year"] = year
    fields.update(details)
    if remark:
        fields["note"] = escape(remark.strip("() "))
        site.guessed(f"{remark!r} after the year is kept as a note", path, venue_line)
    extra: dict[str, Any] = {}
    if parts.title_url:  # a linked title is the paper's link
        links.insert(0, ("paper", parts.title_url))
    _links(links, fields, extra, site, path, venue_line)
    _notes_and_awards(rest, fields, extra, site, path)
    first = parts.authors.names[0] if parts.authors is not None else ""
    key = citation_key(first, year, parts.title, taken)
    site.entries.append(BibRecord(key, kind, fields))
    if extra:
        site.overlay[key] = extra
    return bold


def _take_links(text: str) -> tuple[str, list[tuple[str, str]]]:
    """*text* without its labelled links (``[[PDF]](url)``, ``\\[[code](url)\\]``,
    ``[slides](url)``), and those links."""
    links: list[tuple[str, str]] = []

    def take(match: re.Match[str]) -> str:
        label = next(g for g in match.groups()[0::2] if g is not None)
        url = next(g for g in match.groups()[1::2] if g is not None)
        links.append((plain(label), url))
        return " "

    text = LABEL_LINK.sub(take, text)
    text = _LINK.sub(lambda m: take(m) if len(plain(m.group(1)).split()) <= 3 else m.group(0),
                     text)
    return text, links


def _label_links(text: str) -> list[tuple[str, str]]:
    return [(plain(m.group(1) or m.group(3)), m.group(2) or m.group(4))
            for m in LABEL_LINK.finditer(text)]


def plain_keep_links(text: str) -> str:
    """Venue text without emphasis and tags; its links stay for :func:`_venue_line`."""
    text = re.sub(r"</?(?!a\b)[a-zA-Z][^>]*>", "", text)
    return html.unescape(re.sub(r"(?<![\\\w])(\*\*|__)|(\*\*|__)(?!\w)", "", text)).strip()


def _coauthor_links(lines: list[tuple[int, str]], names: list[str], site: ImportedSite,
                    path: Path) -> None:
    """An author written as a link, ``[Bo Sample](url)``, is a co-author page."""
    for line, text in lines:
        for name, url in _LINK.findall(text):
            name = plain(name)
            if name not in names:
                continue
            if site.coauthors.get(name, url) != url:
                site.guessed(f"{name} is linked to {url!r} here and to "
                             f"{site.coauthors[name]!r} before; the first is kept", path, line)
            site.coauthors.setdefault(name, url)


def _venue_line(text: str, site: ImportedSite, path: Path,
                line: int) -> tuple[str, str | None, str, list[tuple[str, str]]]:
    """``(venue, year, remark after the year, links)`` of "Venue, 2024 [[paper]](url) ..."."""
    rest, links = _take_links(text)
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


def _title(text: str) -> tuple[str, str]:
    text = text.strip()
    link = re.fullmatch(r"[*_]*\[(.+)\]\(([^)\s\[]+)\)[*_]*", text)
    if link:
        return link.group(1).strip("*_ "), link.group(2)
    return text.strip("*_ ").rstrip("."), ""


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
    """``_publications/*.md``: one entry each; authors come from ``authors``, else from the
    ``citation``, the ``excerpt`` or the body's first lines."""
    taken = Keys(e.key for e in site.entries)
    titles = {_title_words(e.fields.get("title", "")) for e in site.entries}
    owners: Counter[str] = Counter()
    for done, path in enumerate(files, start=1):
        progress(done, len(files), "publications")
        doc = read_document(path, site)
        meta = doc.meta
        report_front_matter(doc, site, used={"title", "date", "venue", "paperurl", "slidesurl",
                                             "citation", "authors", "category", "excerpt",
                                             "bibtexurl", "codeurl"})
        title = html_title(str(meta.get("title") or ""))
        if not title:
            site.skipped("publication without a title not imported", path, 1)
            continue
        year, month = read_date(meta.get("date"))
        venue = plain(str(meta.get("venue") or ""))
        authors = _collection_authors(doc, site, title)
        kind = {"manuscripts": "article", "conferences": "inproceedings",
                "books": "book"}.get(str(meta.get("category", "")))
        if kind is None:
            kind, unsure = entry_type(venue)
            if unsure:
                site.guessed(f"venue {venue!r}: written as @inproceedings (make it @article if "
                             "it is a journal)", path, doc.line("venue"))
        fields = {"title": "{" + title + "}"}
        if authors is not None:
            fields["author"] = " and ".join(a if a == "others" else escape(bibtex_name(a))
                                            for a in authors.names)
            if authors.notes:
                fields["author+an"] = authors.annotation()
            owners.update(authors.owner_marked)
        if venue:
            fields[venue_field(kind) if kind != "book" else "publisher"] = escape(venue)
        if year:
            fields["year"] = year
        if month:
            fields["month"] = str(month)
        for meta_key, field_name in (("paperurl", "url"), ("codeurl", "code"), ("slidesurl", "slides")):
            value = str(meta.get(meta_key) or "").strip()
            if value and "://" not in value and ".." in Path(value).parts:
                site.skipped(f"{meta_key} {value!r} names a file outside the site; not imported",
                             path, doc.line(meta_key))
            elif value:
                fields[field_name] = value
        if meta.get("bibtexurl"):
            site.skipped("bibtexurl not imported: the entry itself is in refs.bib now", path,
                         doc.line("bibtexurl"))
        abstract = without_comments(doc.body).strip()
        report_comments(doc, site)
        excerpt = str(meta.get("excerpt") or "").strip()
        if excerpt and abstract:
            site.skipped(f"excerpt {excerpt[:60]!r} not imported: the body is the abstract",
                         path, doc.line("excerpt"))
        abstract = abstract or excerpt
        if abstract:
            fields["abstract"] = escape(" ".join(abstract.split()))
        if _title_words(title) in titles:
            site.skipped(f"{plain(title)!r} is listed twice; imported once", path, 1)
            continue
        titles.add(_title_words(title))
        first = authors.names[0] if authors is not None else ""
        key = citation_key(first, year, plain(title), taken)
        site.entries.append(BibRecord(key, kind, fields))
        site.counts["publication"] += 1
    if owners and not site.owner:
        site.owner = owners.most_common(1)[0][0]
    if files and "publications" not in site.pages:
        site.pages["publications"] = _page("Publications", "", "publications")


def html_title(text: str) -> str:
    """A title that may hold HTML (``<i>``, ``<sub>``, entities) as BibTeX field text."""
    text = escape_title(html.unescape(" ".join(text.split())))
    text = re.sub(r"<(i|em)>(.*?)</\1>", r"\\emph{\2}", text, flags=re.I)
    text = re.sub(r"<(b|strong)>(.*?)</\1>", r"\\textbf{\2}", text, flags=re.I)
    text = re.sub(r"<sub>(.*?)</sub>", r"$_{\1}$", text, flags=re.I)
    text = re.sub(r"<sup>(.*?)</sup>", r"$^{\1}$", text, flags=re.I)
    return re.sub(r"</?[a-zA-Z][^>]*>", "", text).strip()


def _collection_authors(doc: Document, site: ImportedSite, title: str) -> AuthorList | None:
    """Authors from ``authors`` (a list or text), else from the ``citation``, the ``excerpt``
    or the body's first lines; None, with a line for a look, when none reads as names."""
    meta, path = doc.meta, doc.path
    owner = _owner_words(site)
    value = meta.get("authors")
    if isinstance(value, list):
        value = ", ".join(str(a) for a in value)
    if isinstance(value, str) and value.strip():
        found = read_authors(value, owner)
        if found is None:
            site.guessed(f"authors {value!r} do not read as a list of names; the entry has no "
                         "author: add them", path, doc.line("authors"))
        return found
    looked = []
    body = [line for line in without_comments(doc.body).splitlines() if line.strip()][:3]
    for key, text in (("citation", meta.get("citation")), ("excerpt", meta.get("excerpt")),
                      *(("body", line) for line in body)):
        if not text:
            continue
        found, seen = authors_in_citation(str(text), plain(title), owner)
        if found is not None:
            site.guessed(f"authors read from the {key}: {'; '.join(found.names)}; check them",
                         path, doc.line(key) if key != "body" else doc.body_line)
            return found
        if key != "body" and seen:
            looked.append(seen)
    shown = f" in {looked[0][:80]!r}" if looked else " (no 'authors' or 'citation')"
    site.guessed(f"authors not found with confidence{shown}; the entry has no author: add them",
                 path, doc.line("citation") if meta.get("citation") else doc.line("title"))
    return None


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


def _hand_list(doc: Document, site: ImportedSite) -> bool:
    """A publications page written by hand (its list, around any Liquid): its items become
    entries and this site's Publications page takes its place."""
    body = without_liquid(doc.body)
    parts = [s for s in sections(body, doc.body_line) if s.title or "".join(s.lines).strip()]
    if not parts:
        return False
    parts[0].title = parts[0].title or str(doc.meta.get("title") or "Publications")
    page = _publications(parts, site, doc.path, lambda *_: None)
    if page is None:
        return False
    if site.pages.get("publications") in (None, _page("Publications", "", "publications")):
        site.pages["publications"] = page
    return True


def _other_page(path: Path, site: ImportedSite) -> None:
    """Another page of ``_pages/``: converted when it is plain Markdown; pages that Liquid
    generates from the collections are replaced by this site's own pages."""
    doc = read_document(path, site)
    name = path.stem.lower()
    if section_kind(str(doc.meta.get("title") or name)) == "publications" and _hand_list(doc, site):
        return
    if name in site.pages or (name in GENERATED_PAGES and has_liquid(doc.body)):
        site.skipped(f"page {path.name} not converted: this site's {name} page replaces it",
                     path, 1)
    elif has_liquid(doc.body) and only_markup(doc.body):
        site.skipped(f"page {path.name} not converted: it is made by Liquid only", path, 1)
    else:
        site.pages[name] = page_from_document(doc, site)
        site.counts["page"] += 1
