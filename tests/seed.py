"""Read the seed homepage (an academicpages about.md) into what the built site must show.

Tests only: this is how the tests know, independently of the extension, what every
publication, author, marker, venue, link, note and award of the seed looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SEED = Path(__file__).parent / "fixtures" / "seed-about-2025-10.md"
LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


@dataclass
class SeedPublication:
    title: str
    authors: list[str]  # as shown, with markers: "Qizheng Zhang*"
    owner: str  # the bold author as shown
    venue: str
    links: list[tuple[str, str]]
    notes: list[str] = field(default_factory=list)  # plain text
    note_links: list[tuple[str, str]] = field(default_factory=list)
    awards: list[str] = field(default_factory=list)


def plain(markdown: str) -> str:
    """Markdown inline text as a reader sees it."""
    text = LINK.sub(r"\1", markdown)
    text = text.replace("\\[", "[").replace("\\]", "]").replace("\\*", "*").replace("**", "")
    return re.sub(r"\s+", " ", text).strip()


def section(name: str) -> str:
    text = re.sub(r"<!--.*?-->", "", SEED.read_text("utf-8"), flags=re.S)
    match = re.search(rf"^## {re.escape(name)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, name
    return match.group(1)


def items(name: str) -> list[list[str]]:
    """The list items of a section, each split into its ``<br />`` lines."""
    body = section(name)
    result = []
    for chunk in re.split(r"^- ", body, flags=re.M)[1:]:
        lines = [line.strip() for line in re.split(r"<br\s*/>", chunk) if line.strip()]
        result.append(lines)
    return result


def publications() -> list[SeedPublication]:
    pubs = []
    for lines in items("Publications"):
        title, authors_line, venue_line, *rest = lines
        authors = [plain(a) for a in authors_line.split(", ")]
        owner = next(plain(a) for a in authors_line.split(", ") if a.startswith("**"))
        links = re.findall(r"\[\[(\w+)\]\]\(([^)]+)\)", venue_line)
        venue = venue_line.split("[[")[0].strip()
        pub = SeedPublication(title.strip(), authors, owner, venue, links)
        for line in rest:
            award = re.search(r"<span[^>]*>(.*?)</span>", line)
            if award:
                pub.awards.append(award.group(1))
            else:
                pub.notes.append(plain(line))
                pub.note_links += LINK.findall(line)
        pubs.append(pub)
    return pubs


def about_paragraphs() -> list[str]:
    """The visible paragraphs and list lines of the About part, as plain text."""
    text = re.sub(r"<!--.*?-->", "", SEED.read_text("utf-8"), flags=re.S)
    body = text.split("---", 2)[2].split("## Publications")[0]
    return [plain(line.lstrip("- ")) for line in body.splitlines()
            if line.strip() and not line.startswith("#")]
