"""al-folio (Jekyll) sites: the BibTeX file as it is, pages, news, CV, socials.

al-folio already keeps publications in ``_bibliography/papers.bib`` with fields this project
reads (``abbr``, ``award_name``, ``additional_info``, ``selected``, ...), so the file is used as
it is. ``_data/coauthors.yml`` and ``_data/venues.yml`` become ``coauthors.yaml`` (name → page)
and ``venues.yaml`` (badge → link and colour).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..data.bibfile import parse_bibfiles
from ..data.publications import build_publications
from ..data.yamlfile import YamlData, load_yaml
from ..model import Author
from ..text.names import is_owner, owner_spellings, parse_name
from . import ImportedSite, Progress
from .alfolio_cv import cv_page_from_resume, cv_page_from_yaml
from .authors import name_marks
from .bibtex import Keys, unique_key
from .jekyll import (
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
from .markdown_lists import without_comments
from .marks import ANNOTATION, note_marks
from .owner import note_owner
from .profile import add_link

#: ``_data/socials.yml`` keys → profile link kinds.
SOCIALS = {
    "email": "email", "github_username": "github", "gitlab_username": "gitlab",
    "scholar_userid": "scholar", "orcid_id": "orcid", "linkedin_username": "linkedin",
    "x_username": "x", "twitter_username": "x", "bluesky_url": "bluesky",
    "mastodon_username": "mastodon", "dblp_url": "dblp", "semanticscholar_id": "semantic_scholar",
    "research_gate_profile": "researchgate", "researchgate_profile": "researchgate",
    "website": "website", "personal_website": "website", "cv_pdf": "cv",
}
#: The files of ``_data/`` this importer reads.
DATA_FILES = ("socials.yml", "coauthors.yml", "venues.yml", "cv.yml")
_HTML_TAG = re.compile(r"<[^>]+>")
_LOCAL_PDF = re.compile(r"\.pdf$", re.I)


def import_alfolio(root: Path, progress: Progress) -> ImportedSite:
    site = ImportedSite(root=root)
    _config(root, site)
    surnames = _bibliography(root, site, progress)
    socials = root / "_data" / "socials.yml"
    if site.readable(socials):
        _socials(load_yaml(socials), site)
    coauthors, venues = root / "_data" / "coauthors.yml", root / "_data" / "venues.yml"
    if site.readable(coauthors):
        _coauthors(load_yaml(coauthors), site, surnames)
    if site.readable(venues):
        _venues(load_yaml(venues), site)
    _cv(root, site)
    _news(root, site, progress)
    _pages(root, site, progress)
    report_unread(root, {"_news", *(f"_data/{name}" for name in DATA_FILES)}, site)
    return site


def _config(root: Path, site: ImportedSite) -> None:
    path = root / "_config.yml"
    if not site.readable(path):
        site.guessed("no _config.yml: the owner's name is unknown; set it in "
                     "docs/_data/profile.yaml", root)
        return
    config = load_yaml(path)
    value = config.value if isinstance(config.value, dict) else {}
    name = " ".join(str(value[k]) for k in ("first_name", "middle_name", "last_name")
                    if value.get(k))
    if name:
        site.profile["name"] = site.owner = name
    if value.get("url"):
        add_link(site, "website", value["url"])
    scholar = value.get("scholar") if isinstance(value.get("scholar"), dict) else {}
    firsts, lasts = scholar.get("first_name") or [], scholar.get("last_name") or []
    variants = [f"{last}, {first}" for last in lasts for first in firsts]
    variants = [v for v in variants if " ".join(reversed(v.split(", "))) != name]
    if variants:
        site.profile["name_variants"] = variants
    if value.get("contact_note"):
        site.skipped("contact_note not imported; add it to the home page if you want it shown",
                     path, config.location("contact_note").line)


def _bibliography(root: Path, site: ImportedSite, progress: Progress) -> dict[str, str]:
    """Use ``papers.bib`` as it is; return the authors' surnames, by their folded form."""
    folder = root / "_bibliography"
    files = sorted(folder.glob("*.bib")) if folder.is_dir() else []
    if not files:
        site.guessed("no _bibliography/*.bib found; refs.bib keeps its placeholder", root)
        return {}
    if len(files) > 1:
        for other in files[1:]:
            if other.name != "papers.bib":
                site.skipped(f"{other.name} not imported: only papers.bib becomes refs.bib; "
                             "add it to bibtex_bibfiles in conf.py if you want it", other)
    main = folder / "papers.bib" if (folder / "papers.bib").exists() else files[0]
    if not site.readable(main):
        return {}
    site.bib_text = _author_marks(_unique_keys(
        main.read_bytes().decode("utf-8-sig", errors="replace"), site, main), site, main)
    parsed = parse_bibfiles([main])  # its problems are the written site's: the check names them
    total = len(parsed.data.entries)
    for done, (key, entry) in enumerate(parsed.data.entries.items(), start=1):
        progress(done, total, "publications")
        line = parsed.locations[key].line
        for name, folder in (("pdf", "assets/pdf"), ("preview", "assets/img/publication_preview")):
            value = entry.fields.get(name, "").strip()
            if value and "://" not in value:
                _entry_file(root, site, f"entry {key!r}: {name} {value!r}", folder, value,
                            main, line)
    site.counts["publication"] += total
    records, _ = build_publications(parsed.data, {}, None, {})
    note_owner(site, records, root / "_config.yml")
    note_marks(site, ANNOTATION.findall(site.bib_text), main)
    site.pages["publications"] = "# Publications\n\n```{publications}\n```\n"
    return {" ".join(person.last_names).casefold(): " ".join(person.last_names)
            for entry in parsed.data.entries.values()
            for person in entry.persons.get("author", ())}


_NOT_IN_KEY = re.compile(r"[\s,{}()\\#%~\"']+")
_ENTRY_HEAD = re.compile(r"^([ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*)([^,\n]*?)([ \t]*,)", re.M)


def _unique_keys(text: str, site: ImportedSite, path: Path) -> str:
    """The BibTeX text with each entry's key usable: a key that holds spaces, or that an
    earlier entry already has (only the first would be shown), gets a new one."""
    keys = [m.group(3) for m in _ENTRY_HEAD.finditer(text)
            if m.group(2).lower() not in ("string", "comment", "preamble")]
    given = Keys()
    later = Keys(keys)  # keys of entries further on are not free for a renamed one
    counted = [0, 1]  # where lines were counted up to, and the line there

    def rename(match: re.Match[str]) -> str:
        kind, key = match.group(2).lower(), match.group(3)
        if kind in ("string", "comment", "preamble"):
            return match.group(0)
        new = _NOT_IN_KEY.sub("_", key).strip("_") or "entry"
        new = unique_key(new, given) if new not in given and (new == key or new not in later) \
            else unique_key(unique_key(new, later), given)
        if new != key:
            counted[1] += text.count("\n", counted[0], match.start())
            counted[0] = match.start()
            line = counted[1]
            why = ("is not a usable key" if _NOT_IN_KEY.search(key)
                   else "is used by an earlier entry")
            site.guessed(f"citation key {key!r} {why}; the entry's key is {new!r} in refs.bib",
                         path, line)
        return match.group(1) + new + match.group(4)

    return _ENTRY_HEAD.sub(rename, text)


_AUTHOR_FIELD = re.compile(r"^([ \t]*author[ \t]*=[ \t]*)\{", re.M | re.I)
_HAS_MARK = re.compile(r"<sup>|\*|†|‡|&dagger;|\\dagger|\$\^")


def _author_marks(text: str, site: ImportedSite, path: Path) -> str:
    """Marks written after names in ``author`` (``Ada Example<sup>†</sup>``, ``Bo Sample*``)
    become the entry's ``author+an``, shown as this site's markers with their legend."""
    out, position, counted, line = [], 0, 0, 1
    for match in _AUTHOR_FIELD.finditer(text):
        start = match.end()
        depth, end = 1, start
        while end < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        value = text[start:end - 1]
        following = text.find("\n@", end)
        entry = text[text.rfind("\n@", 0, match.start()) + 1:following if following >= 0 else None]
        if depth or not _HAS_MARK.search(value) or "author+an" in entry.lower():
            continue  # an entry with notes of its own keeps them
        names, notes = [], []
        for index, name in enumerate(re.split(r"\s+and\s+", value), start=1):
            bare, marks = name_marks(name)
            names.append(" ".join(bare.split()))
            if marks:
                notes.append(f"{index}={','.join(marks)}")
        if not notes:
            continue
        line += text.count("\n", counted, match.start())
        counted = match.start()
        site.guessed(f"marks after author names became author+an = {{{'; '.join(notes)}}}; "
                     "check their legend (portfolio_author_notes in conf.py)", path, line)
        comma = text.find(",", end)
        followed = comma >= 0 and not text[end:comma].strip()  # another field follows
        close = comma + 1 if followed else end
        annotation = f"author+an = {{{'; '.join(notes)}}}"
        out += [text[position:start], " and ".join(names),
                f"}},\n  {annotation}" + ("," if followed else "")]
        position = close
    return "".join(out) + text[position:]


def _entry_file(root: Path, site: ImportedSite, what: str, folder: str, value: str,
                where: Path, line: int | None) -> None:
    """al-folio keeps an entry's PDF and preview in ``assets/``; here the same field names a
    file in the pages folder, so the file is copied there and the entry stays as it is."""
    relative = Path(value.lstrip("/"))
    if ".." in relative.parts:
        site.guessed(f"{what} points outside the site; give a path inside docs/ or a URL",
                     where, line)
        return
    source = root / folder / relative
    if source.exists() and not site.readable(source):
        return
    if source.is_file():
        site.files[f"docs/{relative.as_posix()}"] = source
        site.counts["file"] += 1
    else:
        site.guessed(f"{what}: {folder}/{relative.as_posix()} is not in the old site; add "
                     f"docs/{relative.as_posix()} or remove the field (the build warns until "
                     "then)", where, line)


def _socials(data: YamlData, site: ImportedSite) -> None:
    site.notices += data.problems
    if not isinstance(data.value, dict):
        return
    for key, value in data.value.items():
        kind = SOCIALS.get(key)
        line = data.location(key).line
        if kind == "cv" and "://" not in str(value):
            site.guessed(f"cv_pdf {value!r} is a file of the old site; copy it and set the cv "
                         "link in docs/_data/profile.yaml", data.path, line)
        elif kind:
            add_link(site, kind, value)
        else:
            site.skipped(f"social link {key}: {value!r} has no profile link kind here",
                         data.path, line)


def _coauthors(data: YamlData, site: ImportedSite, surnames: dict[str, str]) -> None:
    """``lastname: [{firstname: [...], url}]`` → ``First Last: url`` (the surname spelled as
    in the BibTeX file; any spelling of the name matches an author)."""
    site.notices += data.problems
    for key, people in data.value.items() if isinstance(data.value, dict) else ():
        line = data.location(key).line
        surname = surnames.get(str(key).casefold(), str(key).title())
        for person in people if isinstance(people, list) else []:
            firsts = person.get("firstname") if isinstance(person, dict) else None
            firsts = [firsts] if isinstance(firsts, str) else firsts or []
            if not firsts or not person.get("url"):
                site.skipped(f"coauthor {key!r}: an entry without firstname or url is not "
                             "imported", data.path, line)
                continue
            site.coauthors[f"{firsts[0]} {surname}"] = str(person["url"])


def _venues(data: YamlData, site: ImportedSite) -> None:
    """Venue badges keep their link and colour; other keys are reported."""
    site.notices += data.problems
    for key, spec in data.value.items() if isinstance(data.value, dict) else ():
        spec = spec if isinstance(spec, dict) else {}
        site.venues[str(key)] = {k: str(v) for k, v in spec.items() if k in ("url", "color")}
        for other in set(spec) - {"url", "color"}:
            site.skipped(f"venue {key!r}: {other} not imported (badges have a link and a colour)",
                         data.path, data.location(key, other).line)


def _cv(root: Path, site: ImportedSite) -> None:
    resume, cv_yaml = root / "assets" / "json" / "resume.json", root / "_data" / "cv.yml"
    if site.readable(resume):
        try:
            value = json.loads(resume.read_text("utf-8-sig"))
        except json.JSONDecodeError as exc:
            site.skipped(f"resume.json is not valid JSON ({exc.msg}); CV not imported",
                         resume, exc.lineno)
            return
        person = str((value.get("basics") or {}).get("name") or "") if isinstance(value, dict) \
            else ""
        if _someone_else(person, site, resume):
            return
        site.pages["cv"] = cv_page_from_resume(value, resume, site)
        if cv_yaml.exists():
            site.skipped("cv.yml not imported: resume.json was used for the CV", cv_yaml)
    elif site.readable(cv_yaml):
        data = load_yaml(cv_yaml)
        if _someone_else(_cv_yaml_name(data), site, cv_yaml):
            return
        site.pages["cv"] = cv_page_from_yaml(data, site)
    else:
        return
    site.counts["CV record"] += sum(len(records) for records in site.cv.values())


def _someone_else(person: str, site: ImportedSite, path: Path) -> bool:
    """Whether the CV is about another person than the site's owner: al-folio ships a sample
    CV of a famous scientist, which many sites keep unchanged."""
    owner = site.profile.get("name")
    if not person or not owner:
        return False
    mine = [parse_name(spelling) for spelling in owner_spellings(owner)]
    theirs = parse_name(person)
    if is_owner(Author(person, " ".join(theirs[0]), " ".join(theirs[1])), mine):
        return False
    site.skipped(f"{path.name} is the CV of {person!r}, not of {owner!r} (the template's "
                 "sample CV); not imported", path)
    return True


def _cv_yaml_name(data: YamlData) -> str:
    """The "Full Name" (or "Name") of a cv.yml's general information section."""
    for section in data.value if isinstance(data.value, list) else []:
        contents = section.get("contents") if isinstance(section, dict) else None
        for item in contents if isinstance(contents, list) else []:
            if isinstance(item, dict) and str(item.get("name", "")).lower() in ("full name", "name"):
                return str(item.get("value") or "")
    return ""


def _news_body(text: str) -> str:
    """A news item's text as the body of a list item: rules (``---``) and headings, which a
    list item cannot hold, become a blank line and a bold line."""
    lines = text.splitlines()
    out: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        heading = re.match(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", line)
        if re.fullmatch(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*", line) or re.fullmatch(
                r" {0,3}=+[ \t]*", line):
            out.append("")
        elif heading:
            out += ["", f"**{heading.group(1)}**", ""]
        elif line.strip() and re.fullmatch(r" {0,3}(?:=+|-+)[ \t]*", following):
            out.append(f"**{line.strip()}**")
        else:
            out.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def _news(root: Path, site: ImportedSite, progress: Progress) -> None:
    folder = root / "_news"
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    items = []
    for done, path in enumerate(files, start=1):
        progress(done, len(files), "news")
        doc = read_document(path, site)
        report_front_matter(doc, site, used={"date", "title", "inline"})
        date = str(doc.meta.get("date", ""))[:10]
        body = _news_body(without_comments(doc.body).strip())
        report_comments(doc, site)
        report_markup(doc, doc.body, site, doc.body_line)
        title = doc.meta.get("title")
        text = f"**{title}**" + ("\n\n  " + body.replace("\n", "\n  ") if body else "") \
            if title else body.replace("\n", "\n  ")
        items.append((date, f"- {date}: {text}" if date else f"- {text}"))
    if items:
        items.sort(key=lambda item: item[0], reverse=True)
        site.pages["news"] = "# News\n\n" + "\n\n".join(text for _, text in items) + "\n"
        site.counts["news item"] += len(items)


def _pages(root: Path, site: ImportedSite, progress: Progress) -> None:
    folder = root / "_pages"
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    for path in files:
        doc = read_document(path, site)
        name = "index" if doc.meta.get("permalink") == "/" or path.stem == "about" else path.stem
        if name == "index":
            site.pages["index"] = _about(doc, site)
        elif name in ("publications", "cv") and name in site.pages:
            _replaced(doc, site, name)
        elif has_liquid(doc.body) and only_markup(doc.body):
            site.skipped(f"page {path.name} not converted: it is made by Liquid only", path, 1)
        else:
            site.pages[name] = page_from_document(doc, site, _title(doc))
            site.counts["page"] += 1
    if "index" not in site.pages:
        site.guessed("no about page found: the home page has only a heading", root)


def _title(doc) -> str:
    title = str(doc.meta.get("title") or doc.path.stem)
    return title[:1].upper() + title[1:]


def _replaced(doc, site: ImportedSite, name: str) -> None:
    """al-folio's Liquid publications/CV pages: this site's own page replaces them; the
    description is kept as the page's first paragraph."""
    report_front_matter(doc, site, used={"title", "description", "cv_pdf"})
    description = str(doc.meta.get("description") or "").strip()
    heading, _, rest = site.pages[name].partition("\n\n")
    if description:
        site.pages[name] = f"{heading}\n\n{description}\n\n{rest}"
    if doc.meta.get("cv_pdf"):
        site.guessed(f"cv_pdf {doc.meta['cv_pdf']!r} is a file of the old site; link it from "
                     "the CV page once it is copied", doc.path, doc.line("cv_pdf"))
    if not only_markup(doc.body):
        site.skipped(f"the text of {doc.path.name} around its Liquid tags was not carried over",
                     doc.path, doc.body_line)


def _about(doc, site: ImportedSite) -> str:
    meta = doc.meta
    report_front_matter(doc, site, used={"title", "subtitle", "profile", "selected_papers",
                                         "announcements", "social", "latest_posts"})
    parts = [f"# {site.owner or _title(doc)}"]
    if meta.get("subtitle"):
        subtitle = str(meta["subtitle"])
        plain = _HTML_TAG.sub("", subtitle).strip()
        parts.append(plain)
        if plain != subtitle:
            site.guessed("subtitle had HTML; its text is kept, its links are not", doc.path,
                         doc.line("subtitle"))
    profile = meta.get("profile") if isinstance(meta.get("profile"), dict) else {}
    if profile.get("image"):
        site.skipped(f"profile image {profile['image']!r} not copied: put it in docs/_static/ "
                     "and set avatar in docs/_data/profile.yaml", doc.path, doc.line("profile"))
    if profile.get("more_info"):
        site.skipped("profile more_info (an HTML block) not imported: "
                     f"{' '.join(_HTML_TAG.sub(' ', str(profile['more_info'])).split())!r}", doc.path,
                     doc.line("profile"))
    body = doc.body.strip("\n")
    report_markup(doc, body, site, doc.body_line)
    parts.append(hide_comments(body))
    if meta.get("selected_papers"):
        parts.append("## Selected publications\n\n```{publications}\n:selected:\n```")
    announcements = meta.get("announcements")
    if isinstance(announcements, dict) and announcements.get("enabled") and "news" in site.pages:
        parts.append("Latest news: see [News](news.md).")
    if isinstance(meta.get("latest_posts"), dict) and meta["latest_posts"].get("enabled"):
        site.skipped("latest_posts not imported: blog posts are not imported", doc.path,
                     doc.line("latest_posts"))
    return "\n\n".join(p for p in parts if p) + "\n"
