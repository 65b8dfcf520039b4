"""Links to one's own papers in page text become ``{pub}`` roles when they match an entry.

``[Caravan](url) \\[OSDI 2024\\]`` turns into ``{pub}`zhang2024caravan```, which shows the same
"Caravan [OSDI 2024]" and links to the listed entry. The entry's ``shorttitle`` or ``abbr`` is set
when the page names the paper differently (a link whose words are part of the sentence keeps
them as the role's explicit title); a link that matches no entry, or
has no bracketed venue after it, stays a plain link.
"""

from __future__ import annotations

import re

from pybtex.database import parse_string
from pybtex.exceptions import PybtexError

from ..data.publications import build_publications
from ..model import Publication
from . import BibRecord, ImportedSite
from .bibtex import escape, format_entries

_PAPER_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^)\s\[]+)\)\s*\\\[([^\]\n]*?)\\\]")
_COMMENT = re.compile(r"(<!--.*?-->)", re.S)


def publications(entries: list[BibRecord]) -> dict[str, Publication]:
    """The entries as the site will read them, through the data layer itself; an entry
    BibTeX cannot parse is left out (the check of the written site names it)."""
    try:
        bib = parse_string(format_entries(entries), "bibtex")
    except PybtexError:
        if len(entries) == 1:
            return {}
        return {key: pub for entry in entries for key, pub in publications([entry]).items()}
    records, _ = build_publications(bib, {}, None, {})
    return {record.key: record for record in records}


def _normal(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.strip()).rstrip("/").lower()


def link_pubs_in_text(text: str, site: ImportedSite) -> str:
    """Rewrite matching paper links outside HTML comments; comments are left as written."""
    if not site.entries:
        return text
    records = {record.key: record for record in site.entries}
    by_url: dict[str, str] = {}
    by_title: dict[str, str] = {}
    for record in site.entries:
        for value in record.fields.values():
            if value.startswith(("http://", "https://")):
                by_url.setdefault(_normal(value), record.key)
        for url in site.overlay.get(record.key, {}).get("links", {}).values():
            by_url.setdefault(_normal(url), record.key)
    for key, pub in publications(site.entries).items():
        by_title.setdefault(pub.title.casefold(), key)
        by_title.setdefault(pub.short_title.casefold(), key)
    linked: dict[str, tuple[str, str]] = {}

    def replace(match: re.Match[str]) -> str:
        shown, url, bracket = match.group(1), match.group(2), match.group(3).strip()
        key = by_url.get(_normal(url)) or by_title.get(shown.casefold())
        if key is None or linked.get(key, (shown, bracket)) != (shown, bracket):
            return match.group(0)
        record = records[key]
        pub = publications([record])[key]
        changes: dict[str, str] = {}
        role = f"{{pub}}`{key}`"
        if shown != pub.short_title and " " not in shown:  # a name for the paper: "DDS"
            changes["shorttitle"] = shown
        elif shown != pub.short_title:  # words of the sentence: kept in this link only
            role = f"{{pub}}`{shown} <{key}>`"
        if bracket != pub.short_reference:
            year = str(pub.year or "")
            if not (year and bracket.endswith(" " + year)):
                return match.group(0)
            changes["abbr"] = bracket[: -len(year)].strip()
        fields = {}
        for name, value in record.fields.items():
            fields[name] = value
            if name == "title":
                fields.update({k: escape(v) for k, v in changes.items()})
        record.fields = fields
        linked[key] = (shown, bracket)
        return role

    parts = _COMMENT.split(text)
    return "".join(part if part.startswith("<!--") else _PAPER_LINK.sub(replace, part)
                   for part in parts)
