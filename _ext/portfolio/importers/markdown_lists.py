"""Markdown sections and lists as academicpages writes them: ``## Heading`` sections, ``- ``
items whose lines are split by ``<br />``, each piece with the line it starts on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])[ \t]+")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass
class Section:
    title: str  #: heading text, "" for the part before the first heading
    line: int  #: line of the heading (or of the first line)
    lines: list[str] = field(default_factory=list)  #: the body, without the heading

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Item:
    line: int
    parts: list[tuple[int, str]]  #: ``(line, text)`` of each ``<br />``-separated piece


def sections(body: str, first_line: int, level: int = 2) -> list[Section]:
    """Split at headings of *level*; text inside HTML comments never starts a section."""
    result = [Section("", first_line)]
    in_comment = False
    for offset, line in enumerate(body.splitlines()):
        match = _HEADING.match(line)
        if match and not in_comment and len(match.group(1)) == level:
            result.append(Section(match.group(2).strip(), first_line + offset))
        else:
            result[-1].lines.append(line)
        in_comment = _still_in_comment(line, in_comment)
    return result


def _still_in_comment(line: str, in_comment: bool) -> bool:
    while True:
        if in_comment:
            end = line.find("-->")
            if end < 0:
                return True
            line, in_comment = line[end + 3:], False
        else:
            start = line.find("<!--")
            if start < 0:
                return False
            line, in_comment = line[start + 4:], True


def list_items(section: Section) -> tuple[list[Item], list[tuple[int, str]]]:
    """The section's top-level list items, and its other non-blank lines (``(line, text)``)."""
    items: list[Item] = []
    other: list[tuple[int, str]] = []
    current: list[tuple[int, str]] | None = None
    for offset, line in enumerate(section.lines):
        number = section.line + 1 + offset if section.title else section.line + offset
        if _ITEM.match(line):
            current = [(number, _ITEM.sub("", line, count=1))]
            items.append(Item(number, []))
            items[-1].parts = current
        elif current is not None and line.strip() and line[:1] in " \t":
            current.append((number, line.strip()))
        elif line.strip():
            current = None
            other.append((number, line))
        # a blank line keeps the item open: continuation lines may follow after it
    for item in items:
        item.parts = _split_breaks(item.parts)
    return items, other


def _split_breaks(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join an item's lines and cut at ``<br />``; each piece keeps the line it starts on."""
    parts: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number, line in lines:
        pieces = _BREAK.split(line)
        for index, piece in enumerate(pieces):
            if pending is None or not pending[1]:  # a piece starts where its first words are
                pending = (number, piece.strip())
            else:
                pending = (pending[0], f"{pending[1]} {piece.strip()}".strip())
            if index < len(pieces) - 1:
                parts.append(pending)
                pending = None
        # a line without <br /> continues the current piece on the next line
    if pending is not None and pending[1]:
        parts.append(pending)
    return [(n, t) for n, t in parts if t]


def split_comments(section: Section) -> tuple[Section, list[tuple[int, str]]]:
    """The section with its HTML comments blanked out (lines keep their numbers), and the
    comments (``(line, "<!-- ... -->")``): a commented-out list item is not a record."""
    text = section.text
    comments = []
    first = section.line + 1 if section.title else section.line
    for match in _COMMENT.finditer(text):
        comments.append((first + text.count("\n", 0, match.start()), match.group(0)))
    blanked = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return Section(section.title, section.line, blanked.split("\n")), comments


def without_comments(text: str) -> str:
    return _COMMENT.sub("", text)
