"""al-folio's CV data (JSON Resume ``resume.json`` or ``_data/cv.yml``) as this site's CV data.

Work, education, awards and volunteering become ``positions``, ``education``, ``awards`` and
``service`` records (``docs/_data/*.yaml``), shown by the CV page's directives; sections this
site keeps no records for (skills, languages, projects, ...) are written on the CV page as
Markdown and named in the summary, so nothing is lost on the way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..data.yamlfile import YamlData
from . import ImportedSite
from .profile import NETWORKS, add_link

#: CV record kinds with their headings, in the order the CV page shows them.
CV_SECTIONS = {"education": "Education", "positions": "Experience", "awards": "Awards",
               "talks": "Talks"}
#: JSON Resume sections kept as Markdown, and the keys that make each line (title, then details).
RESUME_TEXT = {
    "certificates": ("Certificates", ("name", "issuer")),
    "projects": ("Projects", ("name",)),
    "skills": ("Skills", ("name",)),
    "languages": ("Languages", ("language", "fluency")),
    "interests": ("Interests", ("name",)),
    "references": ("References", ("name",)),
}
_LIST_KEYS = ("highlights", "keywords", "courses")
#: cv.yml ``time_table`` section titles → record kind.
_TIME_TABLES = {"education": "education", "experience": "positions", "work": "positions",
                "positions": "positions", "employment": "positions", "awards": "awards",
                "honors": "awards", "honours": "awards", "awards and honors": "awards",
                "talks": "talks", "invited talks": "talks"}


def _dates(item: dict[str, Any]) -> str:
    """JSON Resume dates as a reader sees them: "2016–2022", "2022–present", "2020"."""
    first, last = str(item.get("startDate") or "")[:4], str(item.get("endDate") or "")[:4]
    if first and last:
        return first if first == last else f"{first}–{last}"
    return f"{first}–present" if first else last


def _record(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value not in (None, "", [], ())}


def cv_page_from_resume(value: Any, path: Path, site: ImportedSite) -> str:
    if not isinstance(value, dict):
        site.skipped("resume.json is not an object; CV not imported", path, 1)
        return cv_page(site, [])
    _basics(value.get("basics") or {}, path, site)
    for job in value.get("work") or []:
        site.cv.setdefault("positions", []).append(_record(
            role=job.get("position"), organization=job.get("name") or job.get("company"),
            url=job.get("url"), dates=_dates(job),
            notes=[*([job["summary"]] if job.get("summary") else []), *job.get("highlights", [])]))
    for school in value.get("education") or []:
        degree = " in ".join(str(school[k]) for k in ("studyType", "area") if school.get(k))
        notes = [f"Score: {school['score']}"] if school.get("score") else []
        if school.get("courses"):
            notes.append(f"Courses: {', '.join(map(str, school['courses']))}")
        site.cv.setdefault("education", []).append(_record(
            degree=degree or school.get("institution"), institution=school.get("institution"),
            url=school.get("url"), dates=_dates(school), notes=notes))
    for award in value.get("awards") or []:
        site.cv.setdefault("awards", []).append(_record(
            title=award.get("title"), by=award.get("awarder"),
            dates=str(award.get("date") or "")[:4],
            notes=[award["summary"]] if award.get("summary") else []))
    for role in value.get("volunteer") or []:
        site.service.append(_record(role=role.get("position") or "Volunteer", items=[
            " ".join(p for p in (role.get("organization"), _dates(role)) if p)]))
    text = []
    for key, section in value.items():
        if key in ("basics", "work", "education", "awards", "volunteer", "$schema", "meta"):
            continue
        if key == "publications":
            site.skipped("resume.json publications not imported: refs.bib is the list of "
                         "publications", path)
            continue
        heading, title_keys = RESUME_TEXT.get(key, (key.title(), ("name",)))
        site.guessed(f"CV section {key!r} has no records here; written on the CV page as text",
                     path)
        text.append(f"## {heading}\n\n" + "\n".join(
            line for item in (section if isinstance(section, list) else [section])
            for line in _resume_item(item, title_keys)))
    return cv_page(site, text)


def _basics(basics: dict[str, Any], path: Path, site: ImportedSite) -> None:
    if basics.get("name") and "name" not in site.profile:
        site.profile["name"] = site.owner = str(basics["name"])
    if basics.get("label") and "position" not in site.profile:
        site.profile["position"] = str(basics["label"])
    links = site.profile.get("links", {})
    for kind, key in (("email", "email"), ("website", "url")):
        if basics.get(key) and kind not in links:
            add_link(site, kind, basics[key])
    for entry in basics.get("profiles") or []:
        kind = NETWORKS.get(str(entry.get("network", "")).lower())
        address = entry.get("url") or entry.get("username")
        if kind and address and kind not in site.profile.get("links", {}):
            add_link(site, kind, address)
        elif not kind:
            site.skipped(f"profile link {entry!r} has no profile link kind here", path)
    for key in ("image", "phone", "location", "summary"):
        if basics.get(key):
            site.skipped(f"basics {key} not imported: {basics[key]!r}", path)


def _resume_item(item: Any, title_keys: tuple[str, ...]) -> list[str]:
    if not isinstance(item, dict):
        return [f"- {item}"]
    out = ["- **" + ", ".join(str(item[k]) for k in title_keys if item.get(k)) + "**"]
    for key, value in item.items():
        if key in title_keys or not value:
            continue
        if key in _LIST_KEYS and isinstance(value, list):
            out += [""] + [f"  - {entry}" for entry in value] + [""]
        else:
            out.append(f"  {key}: {value}")
    return out


def cv_page_from_yaml(data: YamlData, site: ImportedSite) -> str:
    """``_data/cv.yml``: ``time_table`` sections named like a record kind become records;
    the rest (``map``, ``list``, ``nested_list``, other tables) is written as Markdown."""
    site.notices += data.problems
    text = []
    for index, section in enumerate(data.value if isinstance(data.value, list) else []):
        if not isinstance(section, dict):
            site.skipped("CV section is not a mapping; not imported", data.path,
                         data.location(index).line)
            continue
        title = str(section.get("title", "Untitled"))
        kind = _TIME_TABLES.get(title.lower())
        contents = section.get("contents") or []
        if section.get("type") == "time_table" and kind:
            site.cv.setdefault(kind, []).extend(_time_table_record(kind, e) for e in contents)
            continue
        site.guessed(f"CV section {title!r} has no records here; written on the CV page as text",
                     data.path, data.location(index).line)
        lines = [line for entry in contents for line in _cv_entry(section.get("type"), entry)]
        text.append(f"## {title}\n\n" + "\n".join(lines))
    return cv_page(site, text)


def _time_table_record(kind: str, entry: Any) -> dict[str, Any]:
    if not isinstance(entry, dict):
        entry = {"title": str(entry)}
    notes = entry.get("description") or []
    notes = [notes] if isinstance(notes, str) else [str(n) for n in notes]
    dates = str(entry.get("year") or "")
    title, where = entry.get("title"), entry.get("institution")
    if kind == "education":
        return _record(degree=title, institution=where, dates=dates, notes=notes)
    if kind == "positions":
        return _record(role=title, organization=where, dates=dates, notes=notes)
    if kind == "talks":
        return _record(title=title, event=where, dates=dates, notes=notes)
    return _record(title=title, by=where, dates=dates, notes=notes)


def _cv_entry(kind: Any, entry: Any) -> list[str]:
    if kind == "map" and isinstance(entry, dict):
        return [f"- **{entry.get('name', '')}**: {entry.get('value', '')}"]
    if isinstance(entry, dict) and kind in ("time_table", "nested_list"):
        head = ", ".join(str(entry[k]) for k in ("title", "institution") if entry.get(k))
        year = f" ({entry['year']})" if entry.get("year") else ""
        details = entry.get("description") or entry.get("items") or []
        details = [details] if isinstance(details, str) else details
        return [f"- **{head}**{year}"] + ([""] + [f"  - {d}" for d in details] + [""]
                                          if details else [])
    return [f"- {entry}"]


def cv_page(site: ImportedSite, text_sections: list[str]) -> str:
    """The CV page: header, one directive per kind of record the import found, then the
    sections kept as text."""
    parts = ["# CV", "```{cv-header}\n```"]
    for kind in ("education", "positions"):
        if site.cv.get(kind):
            parts.append(f"## {CV_SECTIONS[kind]}\n\n```{{{kind}}}\n```")
    if site.entries or site.bib_text:
        parts.append("## Publications\n\n```{publications}\n:group: type\n```")
    for kind in ("awards", "talks"):
        if site.cv.get(kind):
            parts.append(f"## {CV_SECTIONS[kind]}\n\n```{{{kind}}}\n```")
    if site.teaching:
        parts.append("## Teaching\n\n```{teaching}\n```")
    if site.service:
        parts.append("## Service\n\n```{service}\n```")
    parts += [re.sub(r"\n{3,}", "\n\n", section).rstrip() for section in text_sections]
    return "\n\n".join(parts) + "\n"
