"""al-folio's CV data (JSON Resume ``resume.json`` or ``_data/cv.yml``) as a MyST CV page.

Every section and value becomes Markdown text; a section this module does not know is
written as a plain list and reported, so nothing is lost on the way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..data.yamlfile import YamlData
from . import ImportedSite
from .profile import NETWORKS, add_link

#: JSON Resume sections, their headings, and the keys that make each line (title, then details).
RESUME_SECTIONS = {
    "work": ("Work", ("position", "name"), ("startDate", "endDate")),
    "education": ("Education", ("studyType", "area", "institution"), ("startDate", "endDate")),
    "volunteer": ("Service", ("position", "organization"), ("startDate", "endDate")),
    "awards": ("Awards", ("title", "awarder"), ("date",)),
    "certificates": ("Certificates", ("name", "issuer"), ("date",)),
    "projects": ("Projects", ("name",), ("startDate", "endDate")),
    "skills": ("Skills", ("name",), ()),
    "languages": ("Languages", ("language", "fluency"), ()),
    "interests": ("Interests", ("name",), ()),
    "references": ("References", ("name",), ()),
}
_DETAIL_KEYS = ("summary", "description", "reference", "url", "score")
_LIST_KEYS = ("highlights", "keywords", "courses")


def _year(value: Any) -> str:
    return str(value)[:7] if value else ""


def cv_page_from_resume(value: Any, path: Path, site: ImportedSite) -> str:
    lines = ["# CV", ""]
    if not isinstance(value, dict):
        site.skipped("resume.json is not an object; CV not imported", path, 1)
        return "# CV\n"
    basics = value.get("basics") or {}
    if basics.get("summary"):
        lines += [str(basics["summary"]), ""]
    if basics.get("label") and "position" not in site.profile:
        site.profile["position"] = str(basics["label"])
    if basics.get("name") and "name" not in site.profile:
        site.profile["name"] = site.owner = str(basics["name"])
    links = site.profile.setdefault("links", {})
    for kind, key in (("email", "email"), ("website", "url")):
        if basics.get(key) and kind not in links:
            add_link(site, kind, basics[key])
    for entry in basics.get("profiles") or []:
        kind = NETWORKS.get(str(entry.get("network", "")).lower())
        address = entry.get("url") or entry.get("username")
        if kind and address and kind not in links:
            add_link(site, kind, address)
        elif not kind:
            site.skipped(f"profile link {entry!r} has no profile link kind here", path)
    if not links:
        del site.profile["links"]
    for key in ("image", "phone", "location"):
        if basics.get(key):
            site.skipped(f"basics {key} not imported: {basics[key]!r}", path)
    for key, section in value.items():
        if key in ("basics", "$schema", "meta"):
            continue
        if key == "publications":
            site.skipped("resume.json publications not imported: refs.bib is the list of "
                         "publications", path)
            continue
        heading, title_keys, date_keys = RESUME_SECTIONS.get(key, (key.title(), ("name",), ()))
        if key not in RESUME_SECTIONS:
            site.guessed(f"CV section {key!r} written as a plain list", path)
        lines += [f"## {heading}", ""]
        for item in section if isinstance(section, list) else [section]:
            lines += _resume_item(item, title_keys, date_keys)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _resume_item(item: Any, title_keys: tuple[str, ...], date_keys: tuple[str, ...]) -> list[str]:
    if not isinstance(item, dict):
        return [f"- {item}"]
    title = ", ".join(str(item[k]) for k in title_keys if item.get(k))
    dates = "–".join(_year(item.get(k)) for k in date_keys if item.get(k))
    if date_keys and item.get(date_keys[0]) and len(date_keys) > 1 and not item.get(date_keys[1]):
        dates += "–present"
    line = f"- **{title}**" + (f" ({dates})" if dates else "")
    out = [line]
    shown = set(title_keys) | set(date_keys)
    for key in _DETAIL_KEYS:
        if item.get(key):
            out.append(f"  {item[key]}" if key != "url" else f"  <{item[key]}>")
            shown.add(key)
    for key in _LIST_KEYS:
        if item.get(key):
            out += [""] + [f"  - {entry}" for entry in item[key]] + [""]
            shown.add(key)
    for key in item:
        if key not in shown and item[key]:
            out.append(f"  {key}: {item[key]}")
    return out


def cv_page_from_yaml(data: YamlData, site: ImportedSite) -> str:
    """``_data/cv.yml``: sections of type map, time_table, list or nested_list."""
    site.notices += data.problems
    lines = ["# CV", ""]
    for index, section in enumerate(data.value if isinstance(data.value, list) else []):
        if not isinstance(section, dict):
            site.skipped("CV section is not a mapping; not imported", data.path,
                         data.location(index).line)
            continue
        lines += [f"## {section.get('title', 'Untitled')}", ""]
        kind = section.get("type")
        for n, entry in enumerate(section.get("contents") or []):
            lines += _cv_entry(kind, entry, data, site, index, n)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _cv_entry(kind: Any, entry: Any, data: YamlData, site: ImportedSite, index: int,
              n: int) -> list[str]:
    if kind == "map" and isinstance(entry, dict):
        return [f"- **{entry.get('name', '')}**: {entry.get('value', '')}"]
    if kind == "time_table" and isinstance(entry, dict):
        head = ", ".join(str(entry[k]) for k in ("title", "institution") if entry.get(k))
        out = [f"- **{head}**" + (f" ({entry['year']})" if entry.get("year") else "")]
        descriptions = entry.get("description") or []
        if isinstance(descriptions, str):
            descriptions = [descriptions]
        return out + ([""] + [f"  - {d}" for d in descriptions] + [""] if descriptions else [])
    if kind == "nested_list" and isinstance(entry, dict):
        items = entry.get("items") or []
        return [f"- **{entry.get('title', '')}**"] + (
            [""] + [f"  - {i}" for i in items] + [""] if items else [])
    if kind not in ("list", "map", "time_table", "nested_list"):
        site.guessed(f"CV section type {kind!r} written as a plain list", data.path,
                     data.location(index, "contents", n).line)
    return [f"- {entry}"]
