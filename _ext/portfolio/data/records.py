"""Profile, teaching, service, news and CV records (education, positions, talks, awards)
from their YAML files.

Each loader validates the file against its declared schema (``schemas/*.json``); an invalid
item is reported with its line and left out, the valid rest is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..model import (
    Course,
    CvEntry,
    NewsItem,
    Problem,
    Profile,
    ProfileLink,
    ServiceItem,
    ServiceRole,
    Venue,
)
from ..text.markdown import link_targets
from ..text.urls import unsafe_url_reason
from .yamlfile import YamlData, load_checked, load_yaml, schema, unknown_name, validate

#: A news date as written: 2025-10-01, 2025-10 or 2025.
_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

#: Labels of profile link kinds, in the order they are shown.
PROFILE_LINK_LABELS = {
    "email": "Email", "website": "Website", "github": "GitHub", "gitlab": "GitLab",
    "scholar": "Google Scholar", "orcid": "ORCID", "semantic_scholar": "Semantic Scholar",
    "dblp": "DBLP", "linkedin": "LinkedIn", "x": "X", "bluesky": "Bluesky",
    "mastodon": "Mastodon", "researchgate": "ResearchGate", "cv": "CV",
}


def _check_markdown(data: YamlData, text: str, *keys: Any) -> str:
    """Report unsafe links in a Markdown text; the renderer shows them as plain text."""
    for target in link_targets(text):
        reason = unsafe_url_reason(target)
        if reason:
            data.problem(f"link {target!r} is shown as plain text: {reason}", *keys,
                         subtype="unsafe_url")
    return text


def _safe_url(data: YamlData, url: str, *keys: Any) -> str:
    reason = unsafe_url_reason(url) if url else None
    if reason:
        data.problem(f"link {url!r} is not shown: {reason}", *keys, subtype="unsafe_url")
        return ""
    return url


def load_profile(path: Path) -> tuple[Profile | None, list[Problem]]:
    """The profile; a field that is unknown (a misspelt key) or invalid costs only itself, each
    reported at its own line. Without a valid name there is no profile."""
    data = load_yaml(path)
    value = data.value
    declared = schema("profile")
    if isinstance(value, dict):
        value = _known_fields(data, value, declared, ())
        if isinstance(value.get("links"), dict):
            value["links"] = _known_fields(data, value["links"], declared["properties"]["links"],
                                           ("links",))
        data.value = value
    invalid = set(validate(data, declared))
    if not isinstance(value, dict) or () in invalid or ("name",) in invalid:
        return None, data.problems
    links = []
    given = value.get("links", {}) if ("links",) not in invalid else {}
    for kind, label in PROFILE_LINK_LABELS.items():
        url = given.get(kind, "") if ("links", kind) not in invalid else ""
        if kind == "email" and url and ":" not in url:
            url = f"mailto:{url}"
        url = _safe_url(data, url, "links", kind)
        if url:
            links.append(ProfileLink(kind, label, url))
    text = {k: str(v) for k, v in value.items() if (k,) not in invalid and isinstance(v, str)}
    variants = value.get("name_variants", ())
    profile = Profile(
        name=value["name"],
        position=text.get("position", ""),
        affiliation=text.get("affiliation", ""),
        affiliation_url=_safe_url(data, text.get("affiliation_url", ""), "affiliation_url"),
        aka=text.get("aka", ""),
        pronunciation=text.get("pronunciation", ""),
        avatar=_safe_url(data, text.get("avatar", ""), "avatar"),
        links=tuple(links),
        name_variants=tuple(v for n, v in enumerate(variants)
                            if ("name_variants",) not in invalid
                            and ("name_variants", n) not in invalid),
        location=data.location("name"),
        avatar_location=data.location("avatar"),
    )
    return profile, data.problems


def _known_fields(data: YamlData, mapping: dict, declared: dict[str, Any],
                  keys: tuple[Any, ...]) -> dict:
    """*mapping* without the keys its schema does not declare, each reported at its own line
    with the closest declared name."""
    allowed = list(declared["properties"])
    where = " > ".join(map(str, keys)) or "the top level"
    for key in [k for k in mapping if k not in allowed]:
        data.problem(f"unknown field {unknown_name(key, allowed)} at {where}, left out; allowed fields: "
                     f"{', '.join(allowed)}", *keys, key, subtype="schema")
    return {k: v for k, v in mapping.items() if k in allowed}


def _valid_items(data: YamlData, invalid: set[Any]):
    """``(index, item)`` for each item of a list file that passed its schema."""
    if isinstance(data.value, list) and None not in invalid:
        yield from ((i, item) for i, item in enumerate(data.value) if i not in invalid)


def load_courses(path: Path) -> tuple[list[Course], list[Problem]]:
    data, invalid = load_checked(path, "teaching")
    courses = []
    for index, item in _valid_items(data, invalid):
        prefix = " ".join(str(item[k]) for k in ("institution", "code") if item.get(k))
        title = f"{prefix}: {item['course']}" if prefix else item["course"]
        courses.append(Course(
            title=title,
            role=item.get("role", ""),
            term=str(item.get("term", "")),
            url=_safe_url(data, item.get("url", ""), index, "url"),
            notes=tuple(_check_markdown(data, note, index, "notes", n)
                        for n, note in enumerate(item.get("notes", ()))),
            location=data.location(index),
        ))
    return courses, data.problems


def load_service(path: Path) -> tuple[list[ServiceRole], list[Problem]]:
    data, invalid = load_checked(path, "service")
    roles = []
    for index, item in _valid_items(data, invalid):
        roles.append(ServiceRole(
            role=item["role"],
            items=tuple(_service_item(data, index, n, v) for n, v in enumerate(item.get("items", ()))),
            section=item.get("section", "service"),
            location=data.location(index),
        ))
    return roles, data.problems


def _service_item(data: YamlData, index: int, number: int, value: Any) -> ServiceItem:
    if not isinstance(value, dict):
        return ServiceItem(_check_markdown(data, str(value), index, "items", number))
    text = " ".join(str(value[k]) for k in ("name", "year") if value.get(k))
    if value.get("detail"):
        text += f" ({value['detail']})"
    url = _safe_url(data, value.get("url", ""), index, "items", number, "url")
    return ServiceItem(text, url)


#: For each CV file kind: the field that titles an entry and the fields that say where.
CV_FIELDS = {
    "education": ("degree", ("institution",)),
    "positions": ("role", ("organization",)),
    "talks": ("title", ("event", "location")),
    "awards": ("title", ("by",)),
}


def load_cv_entries(path: Path, kind: str, required: bool = True
                    ) -> tuple[list[CvEntry], list[Problem]]:
    """Entries of an education, positions, talks or awards file, in the file's order.

    With *required* false a missing file gives no entries and no problem: a site without talks
    simply has no talks file.
    """
    title, where = CV_FIELDS[kind]
    data, invalid = load_checked(path, kind, required)
    entries = []
    for index, item in _valid_items(data, invalid):
        details = [f"Advisor: {item['advisor']}"] if item.get("advisor") else []
        details += item.get("notes", ())
        entries.append(CvEntry(
            title=item[title],
            where=", ".join(item[k] for k in where if item.get(k)),
            url=_safe_url(data, item.get("url", ""), index, "url"),
            dates=str(item.get("dates", "")),
            details=tuple(_check_markdown(data, line, index) for line in details),
            location=data.location(index),
        ))
    return entries, data.problems


def load_venues(path: Path) -> tuple[dict[str, Venue], list[Problem]]:
    """Venue badges by badge text; a bad colour or link is reported and left out."""
    data, invalid = load_checked(path, "venues")
    if not isinstance(data.value, dict) or None in invalid:
        return {}, data.problems
    venues = {str(name): Venue(url=_safe_url(data, spec.get("url", ""), name, "url"),
                               color=spec.get("color", ""))
              for name, spec in data.value.items() if name not in invalid}
    return venues, data.problems


def load_coauthors(path: Path) -> tuple[dict[str, str], list[Problem]]:
    """Co-authors' pages by name; an unsafe link is reported and left out."""
    data, invalid = load_checked(path, "coauthors")
    if not isinstance(data.value, dict) or None in invalid:
        return {}, data.problems
    links = {str(name): _safe_url(data, url, name) for name, url in data.value.items()
             if name not in invalid}
    return {name: url for name, url in links.items() if url}, data.problems


def load_news(path: Path) -> tuple[list[NewsItem], list[Problem]]:
    """News items, newest first; an item with an impossible date is reported and left out."""
    data, invalid = load_checked(path, "news")
    found = []
    for index, item in _valid_items(data, invalid):
        date = str(item["date"])
        if not _real_date(date):
            data.problem(f"date {date!r} is not a real date; write it as 2025-10-01, 2025-10 "
                         "or 2025", index, "date", subtype="schema")
            continue
        found.append((date, index, _check_markdown(data, item["text"], index, "text")))
    # Newest first; items of the same date keep the file's order.
    found.sort(key=lambda f: f[1])
    found.sort(key=lambda f: f[0], reverse=True)
    items, seen = [], {}
    for date, index, text in found:
        seen[date] = seen.get(date, 0) + 1
        anchor = f"news-{date}" + (f"-{seen[date]}" if seen[date] > 1 else "")
        items.append(NewsItem(date, text, anchor, data.location(index)))
    return items, data.problems


def _real_date(value: str) -> bool:
    """Whether *value* is a date of the calendar written 2025-10-01, 2025-10 or 2025: what the
    news list and the feed can show (``-5`` or a 22-digit number is not)."""
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        return False
    try:
        dt.date(*(int(part) if part else 1 for part in match.groups()))
    except ValueError:
        return False
    return True
