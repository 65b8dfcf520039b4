"""Profile links from Jekyll themes' settings: user names become full addresses."""

from __future__ import annotations

from typing import Any

from ..data.yamlfile import YamlData
from . import ImportedSite

#: Profile link kind → address for a bare user name (a full URL is kept as it is).
USER_URLS = {
    "github": "https://github.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "scholar": "https://scholar.google.com/citations?user={}",
    "orcid": "https://orcid.org/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "x": "https://x.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "researchgate": "https://www.researchgate.net/profile/{}",
    "semantic_scholar": "https://www.semanticscholar.org/author/{}",
    "dblp": "https://dblp.org/pid/{}",
}

#: JSON Resume ``basics.profiles`` networks → profile link kinds.
NETWORKS = {"github": "github", "gitlab": "gitlab", "linkedin": "linkedin", "twitter": "x",
            "x": "x", "orcid": "orcid", "google scholar": "scholar", "bluesky": "bluesky",
            "mastodon": "mastodon", "researchgate": "researchgate", "dblp": "dblp"}

#: academicpages ``author:`` keys → profile link kinds.
ACADEMICPAGES_LINKS = {
    "email": "email", "uri": "website", "github": "github", "gitlab": "gitlab",
    "googlescholar": "scholar", "orcid": "orcid", "linkedin": "linkedin", "twitter": "x",
    "bluesky": "bluesky", "researchgate": "researchgate", "semantic": "semantic_scholar",
    "dblp": "dblp", "mastodon": "mastodon",
}


def link_url(kind: str, value: str) -> str:
    value = value.strip()
    if kind in ("email", "website", "mastodon", "cv") or "://" in value:
        return value
    return USER_URLS.get(kind, "{}").format(value.lstrip("@"))


def add_link(site: ImportedSite, kind: str, value: Any) -> None:
    if value not in (None, ""):
        site.profile.setdefault("links", {})[kind] = link_url(kind, str(value))


def profile_from_academicpages(config: YamlData, site: ImportedSite) -> None:
    """``_config.yml``'s ``author:`` block → profile; unknown non-empty keys are reported."""
    for problem in config.problems:
        site.skipped(f"_config.yml not read: {problem.message}", config.path, problem.location.line)
    settings = config.value if isinstance(config.value, dict) else {}
    for key in ("title", "description", "name"):
        if settings.get(key) and settings.get(key) != (settings.get("author") or {}).get("name"):
            site.skipped(f"site {key} {settings[key]!r} not imported: the site's title is the "
                         "profile's name (html_title in conf.py)", config.path,
                         config.location(key).line)
    author = settings.get("author")
    if not isinstance(author, dict):
        return
    for key, value in author.items():
        line = config.location("author", key).line
        if value in (None, "", []):
            continue
        if key == "name":
            site.profile["name"] = str(value)
        elif key == "employer":
            site.profile["affiliation"] = str(value)
        elif key == "bio":
            site.profile["position"] = str(value)
            site.guessed("the sidebar bio became the profile's position; shorten it if needed",
                         config.path, line)
        elif key in ACADEMICPAGES_LINKS:
            add_link(site, ACADEMICPAGES_LINKS[key], value)
        elif key == "avatar":
            site.skipped(f"avatar {value!r} not copied: put the photo in docs/_static/ and set "
                         "avatar in docs/_data/profile.yaml", config.path, line)
        else:
            site.skipped(f"author {key}: {value!r} has no place in the profile", config.path, line)
